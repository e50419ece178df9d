import { Button } from "@fluentui/react-components";
import type { MeResponse } from "../../../../shared/api/access.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { useSectionStyles } from "../../components/section-styles.ts";
import { usePane, usePaneServices } from "../../state/pane.tsx";
import { useAction } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";

const mayEdit = (roles: readonly string[]) => roles.some((r) => r === "editor" || r === "admin");

/**
 * The communities the token reaches, with its roles in each; until the workbook is linked, a button
 * that loads a community's plan here or sends this plan as the community's.
 */
export function CommunityLinks(props: { me: MeResponse; language: Language; t: Strings }) {
  const s = props.t.sync;
  const styles = useSectionStyles();
  const { sync, store } = usePaneServices();
  const linked = usePane((st) => !!st.workbook?.sync?.engine);
  const hasPlan = usePane((st) => !!st.workbook);
  const { run, busy } = useAction("link");
  const link = (c: MeResponse["communities"][number]) =>
    run(async (control) => {
      await sync.linkTo(c, control);
      // The community now has the plan: the store's answer of who this is says so (its link, its position).
      const me = await sync.me(control.signal);
      store.update((st) => ({ ...st, me }));
    });
  return (
    <>
      <ul style={{ margin: 0, paddingLeft: 18 }}>
        {props.me.communities.map((c) => (
          <li key={c.id}>
            {c.name} — {c.roles.map((r) => s.roles[r] ?? r).join(", ")}
            {!linked && (mayEdit(c.roles) || c.roles.includes("monitor")) && (
              <div className={styles.row}>
                {c.planId ? (
                  <Button size="small" title={s.loadWarning} onClick={() => link(c)} disabled={busy}>
                    {s.loadPlan(c.name)}
                  </Button>
                ) : (
                  hasPlan && (
                    <Button size="small" appearance="primary" onClick={() => link(c)} disabled={busy || !mayEdit(c.roles)}>
                      {s.sendPlan(c.name)}
                    </Button>
                  )
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      <ActionResult id="link" t={props.t} language={props.language} />
    </>
  );
}

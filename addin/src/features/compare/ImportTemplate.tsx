import { Button, Field, Input, Radio, RadioGroup, Spinner, Text } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { FileFormat } from "../../../../shared/api/client.ts";
import type { Member } from "../../../../shared/api/compare.ts";
import { OBS_STATUS_OF_REASON } from "../../../../shared/export/long.ts";
import { MISSING_REASON_LABELS } from "../../../../shared/i18n/labels.ts";
import { type Language, MISSING_REASONS } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { useSectionStyles } from "../../components/section-styles.ts";
import { usePaneServices } from "../../state/pane.tsx";
import { useAction } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";
import { findsMember, memberLabel, useListStyles } from "./CommunityPicker.tsx";
import { importWords } from "./import-words.ts";
import { saveFile } from "./save-file.ts";

/** Members listed at once: the analyst narrows the association's (up to 1,500) by typing, as in the comparison's picker. */
const SHOWN_MATCHES = 20;

const year = (s: string) => (/^\d{4}$/.test(s.trim()) ? Number(s.trim()) : undefined);

/**
 * The Import tab's other half: a member's blank long-format template (worker/src/routes/long-export.ts),
 * which the analyst sends to a member without the add-in and imports once it comes back filled. The
 * association's members are read when the analyst opens it (the completeness of the current year lists
 * every member with its territory code), not with the tab.
 */
export function ImportTemplate(props: { associationId: string; language: Language; t: Strings }) {
  const { associationId, language, t } = props;
  const w = importWords(t).template;
  const styles = { ...useSectionStyles(), ...useListStyles() };
  const { sync } = usePaneServices();
  // Reading the members keeps the import's results on screen: the analyst opened this beside them.
  const list = useAction("import-template-members", { readOnly: true, keepOthers: true });
  const action = useAction("import-template", { readOnly: true });
  const [open, setOpen] = useState(false);
  const [members, setMembers] = useState<Member[]>();
  const [search, setSearch] = useState("");
  const [picked, setPicked] = useState<Member>();
  const last = String(new Date().getFullYear() - 1);
  const [from, setFrom] = useState(last);
  const [to, setTo] = useState(last);

  const matches = useMemo(() => {
    const q = search.trim().toLocaleLowerCase(language);
    const found = (members ?? []).filter((m) => !q || findsMember(m, q, language));
    return { shown: found.slice(0, SHOWN_MATCHES), total: found.length };
  }, [members, search, language]);
  // The member picked stays in the list while the analyst searches on.
  const shown = picked && !matches.shown.some((m) => m.communityId === picked.communityId) ? [picked, ...matches.shown] : matches.shown;

  const toggle = () => {
    setOpen(!open);
    if (open || members) return;
    void list.run(async ({ signal }) => {
      setMembers((await sync.client(signal).completeness(associationId, { year: new Date().getFullYear() })).rows);
    });
  };

  const download = (format: FileFormat) =>
    action.run(async ({ signal }) => {
      const file = await sync.client(signal).exportTemplate(associationId, format, { member: picked!.communityId, from: year(from)!, to: year(to)!, lang: language });
      saveFile(file);
      return w.saved(file.filename, (file.blob.size / 1024).toLocaleString(language, { maximumFractionDigits: 1 }));
    });

  const ready = picked !== undefined && year(from) !== undefined && year(to) !== undefined && !action.busy;
  const reasons = MISSING_REASONS.map((r) => `${OBS_STATUS_OF_REASON[r]} — ${MISSING_REASON_LABELS[r][language]}`).join(", ");
  return (
    <div className={styles.box} data-testid="import-template">
      <Button appearance="subtle" onClick={toggle} aria-expanded={open} style={{ alignSelf: "flex-start" }} data-testid="import-template-open">
        <span aria-hidden>{open ? "▾\u00a0" : "▸\u00a0"}</span>
        {w.open}
      </Button>
      {open && (
        <>
          <Text block size={200}>
            {w.intro(reasons)}
          </Text>
          {!members && list.state?.busy && <Spinner size="tiny" />}
          <ActionResult id="import-template-members" t={t} language={language} />
          {members && (
            <>
              <Input value={search} onChange={(_, d) => setSearch(d.value)} aria-label={w.find} placeholder={w.find} />
              <RadioGroup
                className={styles.list}
                value={picked?.communityId ?? ""}
                onChange={(_, d) => setPicked(members.find((m) => m.communityId === d.value))}
                aria-label={w.member}
              >
                {shown.map((m) => (
                  <Radio key={m.communityId} value={m.communityId} label={memberLabel(m)} />
                ))}
              </RadioGroup>
              {matches.total === 0 && <Text size={200}>{w.none}</Text>}
              {matches.total > SHOWN_MATCHES && <Text size={200}>{w.shown(SHOWN_MATCHES, matches.total)}</Text>}
              <div className={styles.row}>
                <Field label={w.from} className={styles.grow}>
                  <Input type="number" value={from} onChange={(_, d) => setFrom(d.value)} aria-label={w.from} />
                </Field>
                <Field label={w.to} className={styles.grow}>
                  <Input type="number" value={to} onChange={(_, d) => setTo(d.value)} aria-label={w.to} />
                </Field>
              </div>
              <div className={styles.row}>
                <Button appearance="primary" onClick={() => download("xlsx")} disabled={!ready} data-testid="import-template-xlsx">
                  {w.xlsx}
                </Button>
                <Button onClick={() => download("csv")} disabled={!ready} data-testid="import-template-csv">
                  {w.csv}
                </Button>
              </div>
              <ActionResult id="import-template" t={t} language={language} />
              <Text block size={200}>
                {w.hint}
              </Text>
            </>
          )}
        </>
      )}
    </div>
  );
}

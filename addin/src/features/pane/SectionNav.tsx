import { Label, Select, makeStyles, tokens, useId } from "@fluentui/react-components";
import { usePane, usePermissions } from "../../state/pane.tsx";
import type { Strings } from "../../strings.ts";
import { SECTION_GROUPS, type Section } from "./sections.ts";

const useStyles = makeStyles({
  row: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  // A native select is as wide as its longest line (a section with its reason): the row sets its width.
  select: { flexGrow: 1, minWidth: 0, "& select": { width: "100%", textOverflow: "ellipsis" } },
});

/**
 * The sections, grouped, in one list that names the open one: one row at any task-pane width, and the
 * platform's own picker on a touch screen. A section that needs a plan, or a plan linked to the store,
 * or another role (state/roles.ts), says so in its line instead of only being grey.
 */
export function SectionNav(props: { section: Section; onSection: (section: Section) => void; t: Strings }) {
  const { t } = props;
  const styles = useStyles();
  const id = useId("section");
  const hasPlan = usePane((s) => !!s.workbook);
  const linked = usePane((s) => !!s.workbook?.sync?.engine);
  const { compare } = usePermissions();
  const why = (s: Section): string | undefined => {
    if (s !== "plan" && s !== "sync" && s !== "compare" && !hasPlan) return t.pane.needsPlan;
    if ((s === "monitoring" || s === "history") && !linked) return t.pane.needsLink;
    if (s === "compare" && compare) return t.roles[compare];
    return undefined;
  };
  return (
    <div className={styles.row}>
      <Label htmlFor={id}>{t.pane.section}</Label>
      <Select id={id} className={styles.select} value={props.section} onChange={(_, d) => props.onSection(d.value as Section)} data-testid="nav">
        {SECTION_GROUPS.map(({ group, sections }) => (
          <optgroup key={group} label={t.pane.groups[group]}>
            {sections.map((s) => {
              const reason = why(s);
              return (
                <option key={s} value={s} disabled={!!reason}>
                  {reason ? `${t.sections[s]} — ${reason}` : t.sections[s]}
                </option>
              );
            })}
          </optgroup>
        ))}
      </Select>
    </div>
  );
}

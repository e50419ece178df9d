import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Link, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type KindGroup, RULE_TITLES, type RuleGroup } from "../../../../shared/check/groups.ts";
import type { LocatedFinding } from "../../../../shared/check/plan-check.ts";
import { SHEET_NAMES } from "../../../../shared/layout/workbook.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import type { Strings } from "../../strings.ts";
import { FEW } from "./useCheck.ts";

const useStyles = makeStyles({
  part: { marginTop: tokens.spacingVerticalM, paddingLeft: tokens.spacingHorizontalS, borderLeft: `${tokens.strokeWidthThick} solid` },
  missing: { borderLeftColor: tokens.colorStatusWarningBorderActive },
  advice: { borderLeftColor: tokens.colorNeutralStroke1 },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  // Sheet names and cell references are long single words ('Пріоритети-цілі-завдання'!D3): they wrap
  // rather than widen a narrow pane.
  header: { overflowWrap: "anywhere", textAlign: "start" },
  count: { marginLeft: tokens.spacingHorizontalXS, flexShrink: 0, whiteSpace: "nowrap", overflowWrap: "normal", color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular },
  rules: { paddingLeft: tokens.spacingHorizontalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
});

type Select = (finding: LocatedFinding) => void;

/**
 * One part of the check (missing or advice): a heading with its count and what it means, then a
 * collapsible group per sheet with a collapsible group per rule. A group starts open when it is small,
 * and the first sheet of what is missing starts open so that its rules show at once.
 */
export function CheckPart(props: { group: KindGroup<LocatedFinding>; openFirst: boolean; onSelect: Select; language: Language; t: Strings }) {
  const { group, language, t } = props;
  const styles = useStyles();
  const open = group.sheets.filter((s, i) => (props.openFirst && i === 0) || s.count <= FEW).map((s) => s.sheet);
  return (
    <section className={`${styles.part} ${styles[group.kind]}`} data-testid={`check-${group.kind}`} aria-label={t.checkGroups[group.kind]}>
      <Text block weight="semibold">
        {t.checkGroups[group.kind]}
        <span className={styles.count}>{group.count}</span>
      </Text>
      <Text block className={styles.hint}>
        {group.kind === "missing" ? t.checkGroups.missingHint : t.checkGroups.adviceHint}
      </Text>
      <Accordion multiple collapsible defaultOpenItems={open}>
        {group.sheets.map((s) => (
          <AccordionItem key={s.sheet} value={s.sheet} data-testid={`check-sheet-${group.kind}-${s.sheet}`}>
            <AccordionHeader size="small" className={styles.header}>
              {SHEET_NAMES[s.sheet][language]}
              <span className={styles.count}>{s.count}</span>
            </AccordionHeader>
            <AccordionPanel className={styles.rules}>
              <Accordion multiple collapsible defaultOpenItems={s.rules.filter((r) => r.findings.length <= FEW).map((r) => r.rule)}>
                {s.rules.map((r) => (
                  <RuleItem key={r.rule} group={r} onSelect={props.onSelect} language={language} />
                ))}
              </Accordion>
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </section>
  );
}

function RuleItem(props: { group: RuleGroup<LocatedFinding>; onSelect: Select; language: Language }) {
  const { group, language } = props;
  const styles = useStyles();
  return (
    <AccordionItem value={group.rule} data-testid={`check-rule-${group.rule}`}>
      <AccordionHeader size="small" className={styles.header}>
        {RULE_TITLES[group.rule][language]}
        <span className={styles.count}>{group.findings.length}</span>
      </AccordionHeader>
      <AccordionPanel>
        <ul className={styles.list}>
          {group.findings.map((f) => (
            <li key={f.ref}>
              <Link as="button" onClick={() => props.onSelect(f)}>
                {f.ref}
              </Link>
              : {f.text[language]}
            </li>
          ))}
        </ul>
      </AccordionPanel>
    </AccordionItem>
  );
}

import { Button, Field, Input, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { COMPARE_OPS, type CatalogueEntry, type CompareOp, QUALITY_COMPARISONS_MAX } from "../../../../shared/api/catalogue.ts";
import { useSectionStyles } from "../../components/section-styles.ts";
import type { Strings } from "../../strings.ts";
import type { RuleNumber, RulesForm } from "./catalogue-form.ts";

/** An entry's quality rules in a few words: "0–100 valid · change ≤ 20 % · ≤ POP"; empty without rules. */
export function rulesSummary(entry: CatalogueEntry, t: Strings): string {
  const { min, max, maxChangePct, compare = [] } = entry.rules;
  const s = t.quality.summary;
  const range = min === undefined && max === undefined ? [] : [`${min ?? "…"}–${max ?? "…"} ${s.range}`];
  const change = maxChangePct === undefined ? [] : [`${s.change} ${maxChangePct} %`];
  return [...range, ...change, ...compare.map((c) => `${c.op} ${c.code}`)].join(" · ");
}

const useStyles = makeStyles({
  detail: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** The catalogue form's quality rules: the valid range, the largest change in %, and up to five comparisons with other codes. */
export function QualityRulesFields(props: { rules: RulesForm; onChange: (rules: RulesForm) => void; t: Strings }) {
  const { rules } = props;
  const q = props.t.quality;
  const styles = { ...useSectionStyles(), ...useStyles() };
  const setRules = (next: Partial<RulesForm>) => props.onChange({ ...rules, ...next });
  const setCompare = (i: number, row: Partial<RulesForm["compare"][number]>) => setRules({ compare: rules.compare.map((c, j) => (j === i ? { ...c, ...row } : c)) });
  const rule = (key: RuleNumber) => (
    <Field label={q[key]} className={styles.grow}>
      <Input value={rules[key]} onChange={(_, d) => setRules({ [key]: d.value })} inputMode="decimal" aria-label={q[key]} data-testid={`rule-${key}`} />
    </Field>
  );
  return (
    <div role="group" aria-label={q.rulesTitle} className={styles.box}>
      <Text weight="semibold">{q.rulesTitle}</Text>
      <Text size={200} className={styles.detail}>
        {q.rulesHint}
      </Text>
      <div className={styles.row}>
        {rule("min")}
        {rule("max")}
      </div>
      {rule("maxChangePct")}
      <Text size={200}>{q.compareTitle}</Text>
      {rules.compare.map((c, i) => (
        <div className={styles.row} key={i}>
          <Field label={q.compareOp} className={styles.grow}>
            <Select value={c.op} onChange={(_, d) => setCompare(i, { op: d.value as CompareOp })} aria-label={q.compareOp}>
              {COMPARE_OPS.map((op) => (
                <option key={op} value={op}>
                  {q.ops[op]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={q.compareCode} className={styles.grow}>
            <Input value={c.code} onChange={(_, d) => setCompare(i, { code: d.value })} aria-label={q.compareCode} />
          </Field>
          <Button size="small" onClick={() => setRules({ compare: rules.compare.filter((_, j) => j !== i) })} aria-label={`${q.removeCompare} ${c.op} ${c.code}`}>
            {q.removeCompare}
          </Button>
        </div>
      ))}
      {rules.compare.length < QUALITY_COMPARISONS_MAX && (
        <Button size="small" onClick={() => setRules({ compare: [...rules.compare, { op: "<=", code: "" }] })} style={{ alignSelf: "flex-start" }}>
          {q.addCompare}
        </Button>
      )}
    </div>
  );
}

import { Caption1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { Ref } from "react";
import type { CompatReport } from "../../excel/compat.ts";
import type { Strings } from "../strings.ts";
import { describeResult } from "./compat-report.ts";

const useStyles = makeStyles({
  // What Excel gave back or said can be one long token (an XML part, an error): it wraps anywhere rather than widen the pane.
  cell: { verticalAlign: "top", paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS, overflowWrap: "anywhere" },
  observed: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3 },
  mark: { width: "88px", paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS, overflowWrap: "normal" },
});

/** The probes' outcomes, one row each: what Excel did, in words and as observed, and whether MuniPlan handles it. */
export function CompatResults(props: { report: CompatReport; t: Strings["compat"]; ref: Ref<HTMLTableElement> }) {
  const { report, t } = props;
  const styles = useStyles();
  return (
    <Table ref={props.ref} size="small" aria-label={t.resultsLabel} data-testid="compat-results">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t.columns.probe}</TableHeaderCell>
          <TableHeaderCell className={styles.mark}>{t.columns.handled}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {report.results.map((r) => {
          const d = describeResult(r, t);
          return (
            <TableRow key={r.probe} data-probe={r.probe} data-outcome={d.outcome}>
              <TableCell className={styles.cell}>
                <Text block weight="semibold">
                  {t.probes[r.probe]}
                </Text>
                <Text block>
                  <code>{d.outcome}</code> {d.text}
                </Text>
                {d.observed && (
                  <Caption1 block className={styles.observed}>
                    {t.columns.result}: {d.observed}
                  </Caption1>
                )}
              </TableCell>
              <TableCell className={mergeClasses(styles.cell, styles.mark)}>
                {d.handled === undefined ? "—" : d.handled ? `✓ ${t.handled}` : `✗ ${t.notHandled}`}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Text, Tooltip, makeStyles, tokens } from "@fluentui/react-components";
import { type ReactNode, useState } from "react";
import { canDemote, canPromote } from "../../../../shared/adopt/operations.ts";
import type { AdoptedItem, AdoptResult } from "../../../../shared/adopt/recognise.ts";
import { QUADRANT_LABELS } from "../../../../shared/i18n/labels.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import type { Strings } from "../../strings.ts";
import { type CORRECTIONS, type Correction, type PreviewNode, countOf, linesOf, previewOf } from "./adopt-state.ts";
import { adoptWords } from "./adopt-words.ts";

/** A group longer than this starts collapsed, and so does each priority of a plan longer than this: a long plan stays a few screens. */
const FEW = 12;

const useStyles = makeStyles({
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  header: { overflowWrap: "anywhere", textAlign: "start" },
  count: { marginLeft: tokens.spacingHorizontalXS, flexShrink: 0, whiteSpace: "nowrap", color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular },
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, margin: 0, padding: 0, listStyleType: "none" },
  nested: { paddingLeft: tokens.spacingHorizontalM, borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, marginLeft: tokens.spacingHorizontalXS },
  item: { display: "flex", alignItems: "flex-start", gap: tokens.spacingHorizontalXS, paddingBlock: tokens.spacingVerticalXXS },
  body: { flexGrow: 1, minWidth: 0, display: "flex", flexDirection: "column" },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100, lineHeight: tokens.lineHeightBase100 },
  // Long titles take three lines at most; the whole text is in the tooltip of the line (title).
  text: { overflowWrap: "anywhere", display: "-webkit-box", WebkitLineClamp: 3, WebkitBoxOrient: "vertical", overflow: "hidden", fontSize: tokens.fontSizeBase200 },
  controls: { display: "flex", flexShrink: 0 },
  control: { minWidth: "24px", width: "24px", height: "24px", padding: 0 },
  quadrant: { marginTop: tokens.spacingVerticalXS, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
  toggle: { alignSelf: "flex-start", marginLeft: tokens.spacingHorizontalL },
});

type Change = (key: string) => void;

/**
 * The recognised plan as a tree — plan header, SWOT, priorities → goals → tasks and expected results, risks,
 * indicators — each item with the source line(s) it came from and its level controls, then the lines not
 * recognised, so nothing is dropped unseen: that group is open from the start, as the read's message sends
 * the user to it. Corrections go up as such (`onCorrect`), for the panel to apply and keep.
 */
export function AdoptPreview(props: { result: AdoptResult; offset: number; fromRange: boolean; language: Language; t: Strings; onCorrect: (c: Correction) => void }) {
  const { result, t, language } = props;
  const a = adoptWords(t);
  const styles = useStyles();
  const preview = previewOf(result);
  const long = countOf(preview.priorities) > FEW;
  const lines = (item: { source: AdoptedItem["source"] }) => (props.fromRange ? a.row : a.line)(linesOf(item.source, props.offset));
  const change = (op: keyof typeof CORRECTIONS): Change => (key) => props.onCorrect({ op, at: result.items.findIndex((i) => i.key === key) });
  const ops = { promote: change("promote"), demote: change("demote"), merge: change("merge"), ignore: change("ignore") };
  const row = (item: AdoptedItem, extra?: string) => <ItemRow key={item.key} item={item} result={result} lines={lines(item)} extra={extra} ops={ops} t={t} />;
  const tree = (nodes: readonly PreviewNode[]): ReactNode => (
    <ul className={styles.list}>
      {nodes.map((n) => (
        <li key={n.item.key}>
          {row(n.item, detailOf(n.item, t))}
          {n.children.length > 0 && <div className={styles.nested}>{tree(n.children)}</div>}
        </li>
      ))}
    </ul>
  );
  const flat = (items: readonly AdoptedItem[]) => <ul className={styles.list}>{items.map((i) => <li key={i.key}>{row(i, detailOf(i, t))}</li>)}</ul>;

  const groups: { id: string; title: string; count: number; hint?: string; body: ReactNode }[] = [
    { id: "plan", title: a.groups.plan, count: preview.plan.length, body: flat(preview.plan) },
    {
      id: "swot",
      title: a.groups.swot,
      count: preview.swot.length,
      body: (Object.keys(QUADRANT_LABELS) as (keyof typeof QUADRANT_LABELS)[]).map((q) => {
        const items = preview.swot.filter((i) => i.quadrant === q);
        return items.length ? (
          <div key={q}>
            <Text block className={styles.quadrant}>
              {QUADRANT_LABELS[q][language]}
            </Text>
            {flat(items)}
          </div>
        ) : null;
      }),
    },
    {
      id: "priorities",
      title: a.groups.priorities,
      count: countOf(preview.priorities),
      body: (
        <ul className={styles.list}>
          {preview.priorities.map((p) => (
            <Priority key={p.item.key} node={p} open={!long} t={t} row={row(p.item)} tree={tree} />
          ))}
        </ul>
      ),
    },
    { id: "risks", title: a.groups.risks, count: preview.risks.length, body: flat(preview.risks) },
    { id: "indicators", title: a.groups.indicators, count: countOf(preview.indicators), body: tree(preview.indicators) },
    { id: "unplaced", title: a.groups.unplaced, count: preview.unplaced.length, hint: a.unplacedHint, body: flat(preview.unplaced) },
    {
      id: "unrecognised",
      title: a.groups.unrecognised,
      count: result.unrecognised.length,
      hint: a.unrecognisedHint,
      body: (
        <ul className={styles.list} data-testid="adopt-unrecognised">
          {result.unrecognised.map((l) => (
            <li key={l.line} className={styles.body}>
              <span className={styles.meta}>{lines({ source: [l] })}</span>
              <span className={styles.text} title={l.text}>
                {l.text}
              </span>
            </li>
          ))}
        </ul>
      ),
    },
  ].filter((g) => g.count > 0);

  // The priorities are always open (each priority collapses on its own), and so are the lines not recognised,
  // however many: the read's message asks to review them. Other long groups start closed.
  const open = groups.filter((g) => g.id === "priorities" || g.id === "plan" || g.id === "unrecognised" || g.count <= FEW).map((g) => g.id);
  return (
    <section aria-label={a.preview} data-testid="adopt-preview">
      <Text block weight="semibold">
        {a.preview}
      </Text>
      <Text block className={styles.hint}>
        {a.previewHint}
      </Text>
      <Accordion multiple collapsible defaultOpenItems={open}>
        {groups.map((g) => (
          <AccordionItem key={g.id} value={g.id} data-testid={`adopt-group-${g.id}`}>
            <AccordionHeader size="small" className={styles.header}>
              {g.title}
              <span className={styles.count}>{a.count(g.count)}</span>
            </AccordionHeader>
            <AccordionPanel>
              {g.hint && (
                <Text block className={styles.hint}>
                  {g.hint}
                </Text>
              )}
              {g.body}
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </section>
  );
}

/** A priority's row, and its goals and tasks behind a toggle of their own (closed at first in a long plan). */
function Priority(props: { node: PreviewNode; open: boolean; t: Strings; row: ReactNode; tree: (nodes: readonly PreviewNode[]) => ReactNode }) {
  const styles = useStyles();
  const [open, setOpen] = useState(props.open);
  const under = countOf(props.node.children);
  return (
    <li className={styles.body} data-testid="adopt-priority">
      {props.row}
      {under > 0 && (
        <>
          <Button size="small" appearance="transparent" className={styles.toggle} aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? "▾" : "▸"} {adoptWords(props.t).under(under)}
          </Button>
          {open && <div className={styles.nested}>{props.tree(props.node.children)}</div>}
        </>
      )}
    </li>
  );
}

/** One recognised item: its kind and source line(s), its text cut to three lines, and the four corrections. */
function ItemRow(props: { item: AdoptedItem; result: AdoptResult; lines: string; extra?: string; ops: Record<"promote" | "demote" | "merge" | "ignore", Change>; t: Strings }) {
  const { item, result, t } = props;
  const a = adoptWords(t);
  const styles = useStyles();
  const first = result.items[0]?.key === item.key;
  const control = (op: keyof typeof props.ops, glyph: string, label: string, enabled: boolean) => (
    <Tooltip content={label} relationship="label" withArrow>
      <Button size="small" appearance="subtle" className={styles.control} disabled={!enabled} onClick={() => props.ops[op](item.key)} data-testid={`adopt-${op}`}>
        <span aria-hidden="true">{glyph}</span>
      </Button>
    </Tooltip>
  );
  return (
    <div className={styles.item} data-testid="adopt-item" data-kind={item.kind}>
      <div className={styles.body}>
        <span className={styles.meta}>
          {a.kinds[item.kind]} · {props.lines}
        </span>
        <span className={styles.text} title={item.text}>
          {item.text}
        </span>
        {props.extra && <span className={styles.meta}>{props.extra}</span>}
      </div>
      <div className={styles.controls}>
        {control("promote", "←", a.promote, canPromote(result, item.key))}
        {control("demote", "→", a.demote, canDemote(result, item.key))}
        {control("merge", "↑", a.merge, !first)}
        {control("ignore", "×", a.ignore, true)}
      </div>
    </div>
  );
}

/** What else was read for an item, in a line: a risk's measures, an indicator's unit, base and target. */
function detailOf(item: AdoptedItem, t: Strings): string | undefined {
  if (item.kind === "risk" && item.mitigation) return `${t.mitigation}: ${item.mitigation}`;
  const d = item.indicator;
  if (item.kind !== "indicator" || !d) return undefined;
  const at = (year?: number, value?: number) => (value === undefined ? undefined : year === undefined ? `${value}` : `${year}: ${value}`);
  const span = [at(d.baselineYear, d.baselineValue), at(d.targetYear, d.targetValue)].filter(Boolean).join(" → ");
  return [d.unit, span].filter(Boolean).join(" · ") || undefined;
}

import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useRef, useState } from "react";
import type { ImportFileResult, ImportProblem } from "../../../../shared/api/imports.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { useSectionStyles } from "../../components/section-styles.ts";
import type { Strings } from "../../strings.ts";
import { importWords } from "./import-words.ts";
import { type ImportRow, clean, useImportWorkbooks } from "./useImportWorkbooks.ts";

const useStyles = makeStyles({
  drop: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  over: { border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  // The input stays in the page (a file chooser and assistive technology use it) but out of sight: the button opens it.
  input: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clipPath: "inset(50%)", whiteSpace: "nowrap" },
  file: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorNeutralStroke1}`,
    overflowWrap: "anywhere",
  },
  ok: { borderLeftColor: tokens.colorPaletteGreenBorder2 },
  bad: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  problems: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  start: { alignSelf: "flex-start" },
});

const XLSX_TYPES = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The association's analyst imports members' workbooks: drop or choose .xlsx files, see what each would write, import. */
export function ImportWorkbooks(props: { associationId: string; language: Language; t: Strings }) {
  const { t, language } = props;
  const w = importWords(t);
  const styles = useStyles();
  const section = useSectionStyles();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const imports = useImportWorkbooks(props.associationId, t);
  const listed = imports.rows.length > 0;
  const take = (list: FileList | null) => {
    if (list && list.length) void imports.choose([...list]);
  };
  return (
    <div className={section.box} data-testid="import-workbooks">
      <Text block size={200}>
        {w.intro}
      </Text>
      <div
        className={`${styles.drop} ${over ? styles.over : ""}`}
        data-testid="import-drop"
        role="group"
        aria-label={w.drop}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          if (!imports.busy) take(e.dataTransfer.files);
        }}
      >
        <Text>{w.drop}</Text>
        <Button onClick={() => input.current?.click()} disabled={imports.busy} data-testid="import-choose">
          {w.choose}
        </Button>
        <input
          ref={input}
          className={styles.input}
          type="file"
          multiple
          accept={XLSX_TYPES}
          tabIndex={-1}
          aria-hidden
          data-testid="import-input"
          onChange={(e) => {
            take(e.currentTarget.files);
            // The same files chosen again (after fixing one) must fire a change again.
            e.currentTarget.value = "";
          }}
        />
      </div>
      <ActionResult id="import-check" t={t} language={language} />
      {imports.unchecked > 0 && !imports.checkRunning && (
        <Button className={styles.start} onClick={() => void imports.recheck()} disabled={imports.busy} data-testid="import-recheck">
          {w.recheck(imports.unchecked)}
        </Button>
      )}
      {listed && (
        <>
          <Text weight="semibold" block>
            {w.preview}
          </Text>
          {imports.rows.map((row, i) => (
            // Two files may share a name (the second is refused): the list's order is each one's identity.
            <FileCard key={i} row={row} language={language} t={t} busy={imports.busy} onRemove={() => imports.remove(row)} />
          ))}
          <div className={section.row}>
            <Button appearance="primary" onClick={() => void imports.runImport()} disabled={imports.busy || imports.ready === 0} data-testid="import-run">
              {w.run(imports.ready)}
            </Button>
            <Button onClick={imports.clear} disabled={imports.busy}>
              {w.clear}
            </Button>
          </div>
          <ActionResult id="import-write" t={t} language={language} />
        </>
      )}
    </div>
  );
}

/** One file: whose it is, what it would write (or, once imported, what it wrote), its problems by sheet and cell. */
function FileCard(props: { row: ImportRow; language: Language; t: Strings; busy: boolean; onRemove: () => void }) {
  const { row, language, t } = props;
  const w = importWords(t);
  const styles = useStyles();
  const { read, preview, result } = row;
  const member = preview?.member ?? result?.member;
  const name = member?.name ?? read.memberName;
  const code = member ? member.territoryCode : read.member && "territoryCode" in read.member ? read.member.territoryCode : null;
  const local = read.problems.map((p) => ({ where: where(p.sheet, p.cell), text: p.text[language] }));
  const server = [...(result ?? preview)?.problems ?? []].map((p) => ({ where: where(p.sheet, p.cell), text: problemWords(p, t) }));
  const problems = [...local, ...server];
  const ok = clean(row);
  return (
    // A file not checked yet, and with no problem of its own, is neither good nor bad: its mark stays neutral.
    <div className={`${styles.file} ${ok ? styles.ok : problems.length ? styles.bad : ""}`} data-testid="import-file">
      <Text weight="semibold">{read.file}</Text>
      {name && <Text size={200}>{w.member(name, code ?? w.noCode)}</Text>}
      {/* The forecast gives way to what was written. */}
      {!result && <Text size={200}>{preview?.member ? summary(preview, t) : w.inFile(read.observations.length)}</Text>}
      {problems.length > 0 && (
        <>
          <Text size={200} weight="semibold">
            {w.problems(problems.length)}
          </Text>
          <ul className={styles.problems} data-testid="import-problems">
            {problems.map((p, i) => (
              <li key={i}>{p.where ? `${read.file} · ${p.where}: ${p.text}` : `${read.file}: ${p.text}`}</li>
            ))}
          </ul>
        </>
      )}
      {result ? (
        <Text size={200} weight="semibold" data-testid="import-result">
          {result.problems.length ? w.notWritten : result.written === 0 ? w.nothingChanged : w.written(result.written, result.unchanged)}
        </Text>
      ) : (
        preview !== undefined && (
          <Text size={200} data-testid="import-verdict">
            {ok ? w.willImport : w.wontImport}
          </Text>
        )
      )}
      <Button className={styles.start} size="small" appearance="subtle" onClick={props.onRemove} disabled={props.busy} aria-label={w.removeFile(read.file)} data-testid="import-remove">
        {w.remove}
      </Button>
    </div>
  );
}

const where = (sheet: string | null | undefined, cell: string | null | undefined) => (sheet ? (cell ? `${sheet}!${cell}` : sheet) : undefined);

/** What a file would write: values, indicators, years, and what is skipped. */
function summary(f: ImportFileResult, t: Strings): string {
  const w = importWords(t);
  if (f.changes.length === 0) return w.nothingNew(f.unchanged);
  const years = f.changes.map((c) => c.year);
  const [first, last] = [Math.min(...years), Math.max(...years)];
  const indicators = new Set(f.changes.map((c) => c.indicatorId)).size;
  return w.wouldWrite(f.changes.length, indicators, first === last ? String(first) : `${first}–${last}`, f.unchanged);
}

/**
 * A server's problem in the pane's words: the import's own, or the push rule that refused the value (the
 * words a sync's refusal has). A code newer than this pane falls back to the server's English.
 */
function problemWords(p: ImportProblem, t: Strings): string {
  const own: Record<string, string> = importWords(t).problemCodes;
  const refusals: Record<string, { why: string }> = t.feedback.refusals;
  return own[p.code] ?? refusals[p.code]?.why ?? p.message;
}

import { useState } from "react";
import type { ImportFile, ImportFileResult, ImportRequest } from "../../../../shared/api/imports.ts";
import type { FileRead } from "../../../../shared/import/read.ts";
import { PaneError } from "../../errors.ts";
import { usePane, usePaneServices } from "../../state/pane.tsx";
import { type Said, useAction, warn } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";
import { importWords } from "./import-words.ts";

/** The reader loads with the first files dropped: fflate and the XML parser stay out of the pane until then. */
const reader = () => Promise.all([import("../../../../shared/import/read.ts"), import("../../../../shared/api/imports.ts")]);

/** The limits of one request (shared/api/imports.ts), which the hook stays within by sending a folder in several. */
export interface Limits {
  files: number;
  observations: number;
}

/**
 * The files to send, in requests within `limits`, in the order dropped. A file alone over the request's
 * value limit still goes on its own: the server names it.
 */
export function batches(files: readonly ImportFile[], limits: Limits): ImportFile[][] {
  const out: ImportFile[][] = [];
  let size = 0;
  for (const file of files) {
    const last = out.at(-1);
    if (last && last.length < limits.files && size + file.observations.length <= limits.observations) {
      last.push(file);
      size += file.observations.length;
    } else {
      out.push([file]);
      size = file.observations.length;
    }
  }
  return out;
}

/** One dropped file: what the pane read in it, and what the server said of it (preview, then import). */
export interface ImportRow {
  read: FileRead;
  preview?: ImportFileResult;
  result?: ImportFileResult;
}

/** Whether nothing stands in a file's way: read without problems, and none from the server either, at its preview or its import. */
export const clean = (row: ImportRow): boolean =>
  row.read.member !== undefined &&
  row.read.problems.length === 0 &&
  row.preview !== undefined &&
  row.preview.problems.length === 0 &&
  !row.result?.problems.length;

/** Whether Import sends a file: clean and not written yet (a written file is added again to be imported again). */
export const importable = (row: ImportRow): boolean => clean(row) && row.result === undefined;

/** Whether the server has yet to check a file it could (the check's request failed, or was cancelled). */
export const unchecked = (row: ImportRow): boolean => row.read.member !== undefined && row.preview === undefined;

/** `rows` with the server's `answers` to the files `sent`: their preview (`dryRun`) or what was written. */
export function answered(rows: readonly ImportRow[], sent: ReadonlySet<FileRead>, answers: readonly ImportFileResult[], dryRun: boolean): ImportRow[] {
  const byName = new Map(answers.map((f) => [f.file, f]));
  // Only a file that was sent takes an answer (a second file of one name was not, though its name has one).
  return rows.map((row) => {
    const answer = sent.has(row.read) ? byName.get(row.read.file) : undefined;
    return answer ? (dryRun ? { ...row, preview: answer } : { ...row, result: answer }) : row;
  });
}

/**
 * The list with newly read files merged in: a file of a name already listed replaces the earlier one where
 * it stands (what the server said of that one goes with it), the others come last in the order chosen.
 */
export function merge(rows: readonly ImportRow[], fresh: readonly ImportRow[]): ImportRow[] {
  const names = new Set(fresh.map((r) => r.read.file));
  const placed = new Set<string>();
  const kept = rows.flatMap((row) => {
    const name = row.read.file;
    if (!names.has(name)) return [row];
    if (placed.has(name)) return [];
    placed.add(name);
    return fresh.filter((f) => f.read.file === name);
  });
  return [...kept, ...fresh.filter((f) => !placed.has(f.read.file))];
}

/**
 * Sends `files` in requests within `limits`, one after another, handing each request's answers to `each`
 * as they come: what a request answered stays said if a later one fails (its error is thrown).
 */
export async function inBatches(
  files: readonly ImportFile[],
  limits: Limits,
  request: (batch: ImportFile[]) => Promise<ImportFileResult[]>,
  each: (answers: ImportFileResult[]) => void,
): Promise<ImportFileResult[]> {
  const all: ImportFileResult[] = [];
  for (const batch of batches(files, limits)) {
    const answers = await request(batch);
    each(answers);
    all.push(...answers);
  }
  return all;
}

/**
 * Importing members' workbooks in the Compare section: the files are read here (File.arrayBuffer, never
 * through Excel), checked by the server without writing (dryRun), and imported when the analyst says so.
 * A file with a problem, the pane's or the server's, is not sent for import: the server writes a file
 * whole or not at all, and so does the pane. Files chosen later join the list (a fixed file replaces its
 * earlier read by name), and only they are checked.
 */
export function useImportWorkbooks(associationId: string, t: Strings) {
  const w = importWords(t);
  const { sync } = usePaneServices();
  const clientId = usePane((s) => s.workbook?.clientId) ?? "muniplan-pane";
  const [rows, setRows] = useState<ImportRow[]>([]);
  /** What the last import wrote: its outcome is said again of the list as that changes. */
  const [imported, setImported] = useState<{ files: number; values: number }>();
  // Both only read the workbook (not at all, in fact): a monitor's sheet protection stays as it is.
  const check = useAction("import-check", { readOnly: true });
  const write = useAction("import-write", { readOnly: true });

  // What the check and the import say of the list: a file held back with its problems is worth a second
  // look, so both are then said in amber.
  const held = (list: readonly ImportRow[]) => list.filter((r) => !clean(r)).length;
  const amberIfHeld = (list: readonly ImportRow[], message: string): Said => (held(list) ? warn(message) : message);
  const checkSays = (list: readonly ImportRow[]) => amberIfHeld(list, w.checked(list.filter(importable).length, held(list)));
  const importSays = (list: readonly ImportRow[], wrote: { files: number; values: number }) => {
    const said = wrote.values === 0 ? w.nothingChanged : w.imported(wrote.files, wrote.values);
    return amberIfHeld(list, held(list) ? `${said} ${w.stillHeld(held(list))}` : said);
  };

  /**
   * Sends the files of `reads` that name a member; each request's answers go into their rows at once.
   * Returns the answers and `list` (the rows as the action began) with them: no file leaves or joins the
   * list while an action runs (its controls wait).
   */
  async function send(list: readonly ImportRow[], reads: readonly FileRead[], dryRun: boolean) {
    const [, contract] = await reader();
    const sent = new Set(reads.filter((r) => r.member));
    const files = [...sent].map((r): ImportFile => ({ file: r.file, member: r.member!, observations: r.observations }));
    const limits = { files: contract.MAX_IMPORT_FILES, observations: contract.MAX_IMPORT_OBSERVATIONS };
    const request = async (batch: ImportFile[]) => (await sync.client().importWorkbooks(associationId, { clientId, dryRun, files: batch } satisfies ImportRequest)).files;
    const answers = await inBatches(files, limits, request, (some) => setRows((now) => answered(now, sent, some, dryRun)));
    return { answers, rows: answered(list, sent, answers, dryRun) };
  }

  /** The list changed outside an action (a file taken off, all cleared): what the check and the import said is said of it again. */
  const list = (next: ImportRow[]) => {
    setRows(next);
    check.restate(next.length ? checkSays(next) : undefined);
    write.restate(next.length && imported ? importSays(next, imported) : undefined);
  };

  const checking = importWords.map((iw) => iw.checking);

  const choose = (chosen: readonly File[]) =>
    check.run(async ({ steps }) => {
      steps.plan(2);
      steps.next(importWords.map((iw) => iw.reading(chosen.length)));
      const [{ IMPORT_MESSAGES, readMemberFile }] = await reader();
      const reads: FileRead[] = [];
      for (const file of chosen) {
        // A file's name names its problems (and the server refuses two of one name): a second one is not read.
        if (reads.some((r) => r.file === file.name)) reads.push({ file: file.name, observations: [], problems: [{ file: file.name, text: IMPORT_MESSAGES.sameName }] });
        else reads.push(await readMemberFile(file.name, new Uint8Array(await file.arrayBuffer())));
      }
      const merged = merge(rows, reads.map((read) => ({ read })));
      setRows(merged);
      steps.next(checking);
      return checkSays((await send(merged, reads, true)).rows);
    });

  /** Checks again the files whose check did not come back. */
  const recheck = () =>
    check.run(async ({ steps }) => {
      steps.next(checking);
      return checkSays((await send(rows, rows.filter(unchecked).map((r) => r.read), true)).rows);
    });

  const runImport = () =>
    write.run(async ({ steps }) => {
      const ready = rows.filter(importable);
      steps.next(importWords.map((iw) => iw.importing(ready.length)), { cancellable: false });
      const sent = await send(
        rows,
        ready.map((r) => r.read),
        false,
      );
      const failed = sent.answers.filter((f) => f.problems.length > 0).length;
      if (failed) throw new PaneError(importWords.map((iw) => ({ title: iw.someFailed(failed), next: iw.someFailedNext })));
      const wrote = { files: sent.answers.length, values: sent.answers.reduce((n, f) => n + f.written, 0) };
      setImported(wrote);
      return importSays(sent.rows, wrote);
    });

  return {
    rows,
    choose,
    recheck,
    runImport,
    remove: (row: ImportRow) => list(rows.filter((r) => r !== row)),
    clear: () => list([]),
    busy: check.busy,
    checkRunning: check.state?.busy === true,
    ready: rows.filter(importable).length,
    unchecked: rows.filter(unchecked).length,
  };
}

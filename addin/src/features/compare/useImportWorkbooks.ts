import { useState } from "react";
import type { ImportFile, ImportFileResult, ImportRequest } from "../../../../shared/api/imports.ts";
import type { FileRead } from "../../../../shared/import/read.ts";
import { PaneError } from "../../errors.ts";
import { usePane, usePaneServices } from "../../state/pane.tsx";
import { useAction } from "../../state/useAction.ts";
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
export function useImportWorkbooks(associationId: string) {
  const { sync } = usePaneServices();
  const clientId = usePane((s) => s.workbook?.clientId) ?? "muniplan-pane";
  const [rows, setRows] = useState<ImportRow[]>([]);
  /** What the last import wrote, shown while its outcome stands. */
  const [imported, setImported] = useState<{ files: number; values: number }>();
  // Both only read the workbook (not at all, in fact): a monitor's sheet protection stays as it is.
  const check = useAction("import-check", { readOnly: true });
  const write = useAction("import-write", { readOnly: true });

  /** Sends the files that name a member; each request's answers go into their rows at once. */
  async function send(reads: readonly FileRead[], dryRun: boolean): Promise<ImportFileResult[]> {
    const [, contract] = await reader();
    const sent = new Set(reads.filter((r) => r.member));
    const files = [...sent].map((r): ImportFile => ({ file: r.file, member: r.member!, observations: r.observations }));
    const limits = { files: contract.MAX_IMPORT_FILES, observations: contract.MAX_IMPORT_OBSERVATIONS };
    const request = async (batch: ImportFile[]) => (await sync.client().importWorkbooks(associationId, { clientId, dryRun, files: batch } satisfies ImportRequest)).files;
    return inBatches(files, limits, request, (answers) => {
      const byName = new Map(answers.map((f) => [f.file, f]));
      // Only a file that was sent takes an answer (a second file of one name was not, though its name has one).
      setRows((now) =>
        now.map((row) => {
          const answer = sent.has(row.read) ? byName.get(row.read.file) : undefined;
          return answer ? (dryRun ? { ...row, preview: answer } : { ...row, result: answer }) : row;
        }),
      );
    });
  }

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
      setRows((now) => merge(now, reads.map((read) => ({ read }))));
      steps.next(checking);
      await send(reads, true);
    });

  /** Checks again the files whose check did not come back. */
  const recheck = () =>
    check.run(async ({ steps }) => {
      steps.next(checking);
      await send(
        rows.filter(unchecked).map((r) => r.read),
        true,
      );
    });

  const runImport = () =>
    write.run(async ({ steps }) => {
      const ready = rows.filter(importable);
      steps.next(importWords.map((iw) => iw.importing(ready.length)), { cancellable: false });
      const answers = await send(
        ready.map((r) => r.read),
        false,
      );
      const failed = answers.filter((f) => f.problems.length > 0).length;
      if (failed) throw new PaneError(importWords.map((iw) => ({ title: iw.someFailed(failed), next: iw.someFailedNext })));
      setImported({ files: answers.length, values: answers.reduce((n, f) => n + f.written, 0) });
    });

  return {
    rows,
    choose,
    recheck,
    runImport,
    remove: (row: ImportRow) => setRows((now) => now.filter((r) => r !== row)),
    clear: () => setRows([]),
    busy: check.busy,
    // The check's and the import's success, while it is the latest outcome (an error shows in ActionResult, and any action's start drops them).
    checked: check.state?.outcome?.ok === true,
    imported: write.state?.outcome?.ok === true ? imported : undefined,
    checkRunning: check.state?.busy === true,
    ready: rows.filter(importable).length,
    held: rows.filter((r) => !clean(r)).length,
    unchecked: rows.filter(unchecked).length,
  };
}

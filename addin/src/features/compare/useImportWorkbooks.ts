import { useState } from "react";
import type { ImportFile, ImportFileResult, ImportRequest } from "../../../../shared/api/imports.ts";
import type { FileRead } from "../../../../shared/import/read.ts";
import { PaneError } from "../../errors.ts";
import { usePane, usePaneServices } from "../../state/pane.tsx";
import { useAction } from "../../state/useAction.ts";
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

/** Whether a file may be imported: read without problems, and the server's preview found none either. */
export const importable = (row: ImportRow): boolean =>
  row.read.member !== undefined && row.read.problems.length === 0 && row.preview !== undefined && row.preview.problems.length === 0;

/**
 * Importing members' workbooks in the Compare section: the files are read here (File.arrayBuffer, never
 * through Excel), checked by the server without writing (dryRun), and imported when the analyst says so.
 * A file with a problem, the pane's or the server's, is not sent for import: the server writes a file
 * whole or not at all, and so does the pane.
 */
export function useImportWorkbooks(associationId: string, t: Strings) {
  const { sync } = usePaneServices();
  const clientId = usePane((s) => s.workbook?.clientId) ?? "muniplan-pane";
  const [rows, setRows] = useState<ImportRow[]>();
  // Both only read the workbook (not at all, in fact): a monitor's sheet protection stays as it is.
  const check = useAction("import-check", { readOnly: true });
  const write = useAction("import-write", { readOnly: true });
  const w = importWords(t);

  /** Sends the files that name a member, in batches; the answers by file name. */
  async function send(reads: readonly FileRead[], dryRun: boolean): Promise<Map<string, ImportFileResult>> {
    const [, contract] = await reader();
    const files = reads.flatMap((r): ImportFile[] => (r.member ? [{ file: r.file, member: r.member, observations: r.observations }] : []));
    const answers = new Map<string, ImportFileResult>();
    for (const batch of batches(files, { files: contract.MAX_IMPORT_FILES, observations: contract.MAX_IMPORT_OBSERVATIONS })) {
      const body: ImportRequest = { clientId, dryRun, files: batch };
      for (const f of (await sync.client().importWorkbooks(associationId, body)).files) answers.set(f.file, f);
    }
    return answers;
  }

  const choose = (chosen: readonly File[]) =>
    check.run(async ({ steps }) => {
      setRows(undefined);
      steps.plan(2);
      steps.next(importWords.map((iw) => iw.reading(chosen.length)));
      const [{ IMPORT_MESSAGES, readMemberFile }] = await reader();
      const reads: FileRead[] = [];
      for (const file of chosen) {
        // A file's name names its problems (and the server refuses two of one name): a second one is not read.
        if (reads.some((r) => r.file === file.name)) reads.push({ file: file.name, observations: [], problems: [{ file: file.name, text: IMPORT_MESSAGES.sameName }] });
        else reads.push(await readMemberFile(file.name, new Uint8Array(await file.arrayBuffer())));
      }
      setRows(reads.map((read) => ({ read })));
      steps.next(importWords.map((iw) => iw.checking));
      const answers = await send(reads, true);
      // Only a file that was sent has an answer (a second file of one name was not, though its name has one).
      const checked = reads.map((read) => ({ read, preview: read.member && answers.get(read.file) }));
      setRows(checked);
      const ready = checked.filter(importable).length;
      return w.checked(ready, checked.length - ready);
    });

  const runImport = () =>
    write.run(async ({ steps }) => {
      const ready = (rows ?? []).filter(importable);
      steps.next(importWords.map((iw) => iw.importing(ready.length)), { cancellable: false });
      const answers = await send(
        ready.map((r) => r.read),
        false,
      );
      setRows((now) => now?.map((r) => ({ ...r, result: (importable(r) && answers.get(r.read.file)) || r.result })));
      const written = [...answers.values()].reduce((n, f) => n + f.written, 0);
      const failed = [...answers.values()].filter((f) => f.problems.length > 0).length;
      if (failed) throw new PaneError(importWords.map((iw) => ({ title: iw.someFailed(failed), next: iw.someFailedNext })));
      return written === 0 ? w.nothingChanged : w.imported(answers.size, written);
    });

  return {
    rows,
    choose,
    runImport,
    clear: () => setRows(undefined),
    busy: check.busy,
    ready: (rows ?? []).filter(importable).length,
  };
}

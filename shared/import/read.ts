import { type ImportIndicator, type ImportMember, type ImportObservation, MAX_IMPORT_OBSERVATIONS_PER_FILE } from "../api/imports.ts";
import { LONG_COLUMN, type LongColumn, longColumnsOf, noteOfComment, statusMeaning } from "../export/long.ts";
import { M, type Msg, join } from "../i18n/problems.ts";
import { type Cell, columnLetter, isEmptyCell, parseNumber, parseText, parseYear } from "../layout/cells.ts";
import type { Problem } from "../layout/grid.ts";
import { indicatorsName, readIndicators } from "../layout/indicators.ts";
import { Identity } from "../layout/table.ts";
import { inStateNamespace, sheetMark, stateOfParts } from "../layout/workbook-state.ts";
import type { WorkbookState } from "../layout/workbook-state-schema.ts";
import { Id } from "../model/plan.ts";
import { normalizeTerritoryCode, territoryCodeProblem } from "../model/territory.ts";
import { NotXlsx, type XlsxSheet, type XlsxWorkbook, readXlsx } from "./xlsx.ts";

/**
 * What a member's workbook says, recognised by its layout: a MuniPlan workbook (its Indicators sheet, read
 * by the layout's own reader, and the plan MuniPlan keeps in the file) or the association's long-format
 * template (shared/export/long.ts, filled by a member without the add-in). Pure: the pane reads the
 * files the analyst drops, and the server checks and writes what comes out (shared/api/imports.ts).
 */

/** Something wrong in a file: at a cell of a sheet, at a sheet, or (not a workbook at all) the file itself. */
export interface ReadProblem {
  file: string;
  sheet?: string;
  cell?: string;
  text: Msg;
}

export type FileLayout = "muniplan" | "long";

export interface FileRead {
  file: string;
  /** Undefined when the file is not recognised (see problems). */
  layout?: FileLayout;
  member?: ImportMember;
  /** The member's name, where the file says it (a MuniPlan workbook). */
  memberName?: string;
  /** What the file says, cell by cell, as the import request carries it (blank cells left out). */
  observations: ImportObservation[];
  problems: ReadProblem[];
}

/** The sheet-scoped name that marks MuniPlan's Indicators sheet, whatever the sheet is called now. */
const INDICATORS_MARK = sheetMark("indicators");

const q = (v: unknown) => `'${String(v)}'`;

/** What this reader says about files, in every language (the layouts' own problems come with theirs). */
export const IMPORT_MESSAGES = {
  notXlsx: {
    en: "not an Excel workbook (.xlsx): open it in Excel, save it as “Excel Workbook (.xlsx)” and drop it again",
    uk: "це не книга Excel (.xlsx): відкрийте файл в Excel, збережіть як «Книга Excel (.xlsx)» і перетягніть ще раз",
    lt: "tai ne Excel darbaknygė (.xlsx): atidarykite failą Excel, įrašykite kaip „Excel darbaknygė (.xlsx)“ ir nutempkite dar kartą",
  } as Msg,
  tooLarge: {
    en: "the workbook is far larger than any member's workbook; check that it is the right file",
    uk: "книга значно більша за будь-яку книгу члена асоціації; перевірте, чи це той файл",
    lt: "darbaknygė gerokai didesnė už bet kurią nario darbaknygę; patikrinkite, ar tai tas failas",
  } as Msg,
  sheetTooLarge: (cell: string): Msg => ({
    en: `the sheet reaches cell ${cell}, far beyond any member's data, so it was not read: delete what lies beyond the data (or check that it is the right file) and add it again`,
    uk: `аркуш сягає клітинки ${cell}, далеко за межі будь-яких даних громади, тож його не прочитано: видаліть усе, що лежить поза даними (або перевірте, чи це той файл), і додайте файл ще раз`,
    lt: `lapas siekia langelį ${cell}, toli už bet kurių nario duomenų, todėl neperskaitytas: ištrinkite tai, kas yra už duomenų ribų (arba patikrinkite, ar tai tas failas), ir pridėkite failą dar kartą`,
  }),
  outsideGrid: {
    en: "the workbook is damaged: the sheet has a cell outside Excel's grid; ask the member to open the file in Excel, save it again and send it",
    uk: "книгу пошкоджено: на аркуші є клітинка поза межами сітки Excel; попросіть громаду відкрити файл в Excel, зберегти ще раз і надіслати",
    lt: "darbaknygė sugadinta: lape yra langelis už Excel tinklelio ribų; paprašykite nario atidaryti failą Excel, įrašyti dar kartą ir atsiųsti",
  } as Msg,
  unknownLayout: {
    en: "neither a MuniPlan workbook nor the association's long-format template (a sheet whose first row has REF_AREA, INDICATOR, TIME_PERIOD, OBS_VALUE); ask the member for one of them",
    uk: "це не книга MuniPlan і не довгий шаблон асоціації (аркуш, у першому рядку якого є REF_AREA, INDICATOR, TIME_PERIOD, OBS_VALUE); попросіть у громади один із них",
    lt: "tai nei MuniPlan darbaknygė, nei asociacijos ilgojo formato šablonas (lapas, kurio pirmoje eilutėje yra REF_AREA, INDICATOR, TIME_PERIOD, OBS_VALUE); paprašykite nario vieno iš jų",
  } as Msg,
  noState: {
    en: "the Indicators sheet is here but MuniPlan's own data is not, so the member is not known (the sheet was copied into another file); ask the member for the workbook MuniPlan saved, or for the long-format template",
    uk: "аркуш показників є, але власних даних MuniPlan немає, тож невідомо, чия це книга (аркуш скопійовано в інший файл); попросіть у громади книгу, збережену MuniPlan, або довгий шаблон",
    lt: "rodiklių lapas yra, bet MuniPlan duomenų nėra, todėl nežinoma, kieno tai darbaknygė (lapas nukopijuotas į kitą failą); paprašykite nario MuniPlan įrašytos darbaknygės arba ilgojo formato šablono",
  } as Msg,
  stateDamaged: {
    en: "MuniPlan's own data in this workbook is damaged; ask the member to open it in Excel with MuniPlan, press “Refresh from sheets” and save it again",
    uk: "власні дані MuniPlan у цій книзі пошкоджено; попросіть громаду відкрити її в Excel із MuniPlan, натиснути «Оновити з аркушів» і зберегти ще раз",
    lt: "MuniPlan duomenys šioje darbaknygėje sugadinti; paprašykite nario atidaryti ją Excel su MuniPlan, paspausti „Atnaujinti iš lapų“ ir įrašyti dar kartą",
  } as Msg,
  noIndicatorsSheet: {
    en: "a MuniPlan workbook without its Indicators sheet: ask the member to rebuild the sheets in MuniPlan and save the workbook again",
    uk: "книга MuniPlan без аркуша показників: попросіть громаду відновити аркуші в MuniPlan і зберегти книгу ще раз",
    lt: "MuniPlan darbaknygė be rodiklių lapo: paprašykite nario atkurti lapus MuniPlan ir įrašyti darbaknygę dar kartą",
  } as Msg,
  columnsLacking: (columns: readonly string[]): Msg => ({
    en: `the columns ${columns.join(", ")} are missing from the first row; the sheet was not read`,
    uk: `у першому рядку немає стовпців ${columns.join(", ")}; аркуш не прочитано`,
    lt: `pirmoje eilutėje trūksta stulpelių ${columns.join(", ")}; lapas neperskaitytas`,
  }),
  notArea: (v: unknown): Msg => ({
    en: `${q(v)} is neither a territory code (KATOTTH such as UA05020030000063857, or LT-13) nor a MuniPlan community id`,
    uk: `${q(v)} — не код території (КАТОТТГ, наприклад UA05020030000063857, або LT-13) і не ідентифікатор громади в MuniPlan`,
    lt: `${q(v)} nėra nei teritorijos kodas (KATOTTH, pvz., UA05020030000063857, ar LT-13), nei MuniPlan bendruomenės identifikatorius`,
  }),
  otherMember: (v: unknown, first: string): Msg => ({
    en: `${q(v)} is another member than the file's first row (${first}): send one file per member`,
    uk: `${q(v)} — інша громада, ніж у першому рядку файлу (${first}): один файл — одна громада`,
    lt: `${q(v)} yra kitas narys nei pirmoje failo eilutėje (${first}): vienas failas — vienas narys`,
  }),
  noCode: { en: "the indicator's code is empty", uk: "код показника порожній", lt: "rodiklio kodas tuščias" } as Msg,
  codeIsNumber: (column: string, v: number): Msg => ({
    en: `the ${column} cell holds the number ${v}, not a code: Excel turns codes such as 01 or 1.10 into numbers (1, 1.1) when it opens a CSV, so it may name another one; fill the .xlsx template, or format the ${column} column as text and type the codes again`,
    uk: `у клітинці ${column} число ${v}, а не код: Excel перетворює коди на кшталт 01 чи 1.10 на числа (1, 1.1), коли відкриває CSV, тож це може бути інший код; заповніть шаблон .xlsx або задайте стовпцю ${column} текстовий формат і введіть коди ще раз`,
    lt: `langelyje ${column} yra skaičius ${v}, o ne kodas: atidarydama CSV, Excel tokius kodus kaip 01 ar 1.10 paverčia skaičiais (1, 1.1), todėl jis gali reikšti kitą kodą; užpildykite .xlsx šabloną arba stulpeliui ${column} nustatykite teksto formatą ir įveskite kodus dar kartą`,
  }),
  notStatus: (v: unknown): Msg => ({
    en: `${q(v)} is not a status MuniPlan takes: A for a value, or L, M, Q, O for a reason there is none`,
    uk: `${q(v)} — не статус, який приймає MuniPlan: A — значення, або L, M, Q, O — причина, чому його немає`,
    lt: `${q(v)} nėra MuniPlan priimama būsena: A — reikšmė, arba L, M, Q, O — priežastis, kodėl jos nėra`,
  }),
  valueAndReason: {
    en: "a value and a reason for no value cannot both be given: clear OBS_VALUE or OBS_STATUS",
    uk: "не можна водночас вказати значення і причину його відсутності: очистьте OBS_VALUE або OBS_STATUS",
    lt: "negalima kartu nurodyti reikšmės ir priežasties, kodėl jos nėra: išvalykite OBS_VALUE arba OBS_STATUS",
  } as Msg,
  twice: (cell: string): Msg => ({
    en: `the same indicator and year as ${cell}`,
    uk: `той самий показник і рік, що й у ${cell}`,
    lt: `tas pats rodiklis ir metai kaip ${cell}`,
  }),
  tooManyValues: (n: number, max: number): Msg => ({
    en: `the file holds ${n} values, more than the ${max} one file may import: split it into files of fewer indicators or years`,
    uk: `у файлі ${n} значень — більше, ніж ${max}, які можна імпортувати з одного файлу: розділіть його на файли з меншою кількістю показників чи років`,
    lt: `faile ${n} reikšmių — daugiau nei ${max}, kiek galima importuoti iš vieno failo: padalykite jį į failus su mažiau rodiklių ar metų`,
  }),
  sameName: {
    en: "another file of the same name was added: rename one of them and add it again",
    uk: "уже додано інший файл із такою самою назвою: перейменуйте один із них і додайте ще раз",
    lt: "jau pridėtas kitas to paties pavadinimo failas: pervadinkite vieną iš jų ir pridėkite dar kartą",
  } as Msg,
  notImported: { en: "this row is not imported", uk: "цей рядок не імпортується", lt: "ši eilutė neimportuojama" } as Msg,
  cellNotImported: { en: "this cell is not imported", uk: "ця клітинка не імпортується", lt: "šis langelis neimportuojamas" } as Msg,
};
const T = IMPORT_MESSAGES;

/**
 * Reads one file the analyst dropped: never throws, a file that cannot be read says why in its problems.
 * A file of more values than one file may send (shared/api/imports.ts) keeps none, so that what is sent
 * of it still asks the server whose it is; its problem says to split it.
 */
export async function readMemberFile(file: string, bytes: Uint8Array): Promise<FileRead> {
  const read = await readRecognised(file, bytes);
  if (read.observations.length > MAX_IMPORT_OBSERVATIONS_PER_FILE) {
    read.problems.push({ file, text: T.tooManyValues(read.observations.length, MAX_IMPORT_OBSERVATIONS_PER_FILE) });
    read.observations = [];
  }
  return read;
}

async function readRecognised(file: string, bytes: Uint8Array): Promise<FileRead> {
  const read: FileRead = { file, observations: [], problems: [] };
  let book: XlsxWorkbook;
  try {
    book = readXlsx(bytes);
  } catch (error) {
    if (!(error instanceof NotXlsx)) throw error;
    read.problems.push(
      error.reason === "sheetTooLarge"
        ? { file, sheet: error.sheet, text: T.sheetTooLarge(error.cell!) }
        : error.reason === "outsideGrid"
          ? { file, sheet: error.sheet, text: T.outsideGrid }
          : { file, text: error.reason === "tooLarge" ? T.tooLarge : T.notXlsx },
    );
    return read;
  }
  const parts = book.customXml.filter(inStateNamespace);
  if (parts.length > 0) {
    let state: WorkbookState;
    try {
      state = await stateOfParts(parts);
    } catch {
      read.problems.push({ file, text: T.stateDamaged });
      return read;
    }
    return readMuniPlan(read, book, state);
  }
  const long = book.sheets.find((s) => longColumnsOf(headerOf(s)).lacking.length === 0) ?? book.sheets.find(looksLong);
  if (long) return readLong(read, long);
  const indicators = findIndicatorsSheet(book);
  read.problems.push(indicators ? { file, sheet: indicators.name, text: T.noState } : { file, text: T.unknownLayout });
  return read;
}

const headerOf = (sheet: XlsxSheet) => (sheet.values[0] ?? []).map((h) => (isEmptyCell(h) ? "" : String(h)));
/** A sheet that names at least two of the template's columns: a template with a column lost, said so. */
function looksLong(sheet: XlsxSheet): boolean {
  const { at, lacking } = longColumnsOf(headerOf(sheet));
  return lacking.length <= 2 && Object.keys(at).length >= 2;
}

/** MuniPlan's Indicators sheet: the one its mark names, else the name the plan's state recorded, else its name in any language. */
function findIndicatorsSheet(book: XlsxWorkbook, recorded?: string): XlsxSheet | undefined {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const marked = book.names.find((n) => same(n.name, INDICATORS_MARK) && n.sheet !== undefined);
  if (marked) return book.sheets[marked.sheet!];
  const names = [...(recorded ? [recorded] : []), ...Object.values(indicatorsName)];
  for (const name of names) {
    const sheet = book.sheets.find((s) => same(s.name, name));
    if (sheet) return sheet;
  }
  return undefined;
}

/**
 * A value cell's problem as the import has it: what is wrong in the cell, then that it is not imported,
 * instead of what a read of the open workbook does (keeps the sheet's previous value, or leaves it empty).
 */
function notImported(text: Msg): Msg {
  const outcome = (lang: keyof Msg) => {
    for (const kept of [M.previousKept, M.cellLeftEmpty]) if (text[lang].endsWith(`; ${kept[lang]}`)) return text[lang].slice(0, -kept[lang].length - 2);
    return text[lang];
  };
  return join({ en: outcome("en"), uk: outcome("uk"), lt: outcome("lt") }, T.cellNotImported);
}

const asReadProblem = (file: string, p: Problem): ReadProblem => ({ file, sheet: p.sheet, cell: p.cell, text: p.text });

/**
 * A MuniPlan workbook: its Indicators sheet read by the layout's own reader against the plan kept in the
 * file (so a value typed into the sheet since MuniPlan last wrote it counts, as it would at a sync). Each
 * year cell that holds a value, a reason or the monitoring year's note becomes an observation; an empty
 * cell says nothing. A cell with a problem is named and not imported.
 */
function readMuniPlan(read: FileRead, book: XlsxWorkbook, state: WorkbookState): FileRead {
  const { doc, monitoring } = state;
  read.layout = "muniplan";
  read.member = { communityId: doc.community.id };
  read.memberName = doc.community.name;
  const sheet = findIndicatorsSheet(book, state.sheets.indicators?.name);
  if (!sheet) {
    read.problems.push({ file: read.file, text: T.noIndicatorsSheet });
    return read;
  }
  const known = new Set(doc.indicators.map((i) => i.id));
  // A row the file's plan does not know is new in the sheet; the id it gets is never sent (see below).
  const result = readIndicators(sheet, doc, new Identity(known, () => crypto.randomUUID()), monitoring);
  const yearColumns = (sheet.values[0] ?? []).flatMap((h, col) => (/^\d{4}$/.test(String(h ?? "").trim()) ? [{ year: Number(String(h).trim()), col }] : []));
  const valueCells = new Set(result.read.rows.flatMap((row) => yearColumns.map(({ col }) => `${columnLetter(col)}${row.rowIndex + 1}`)));
  // What keeps a value from being imported: a problem in its cell, or one that left the sheet unread.
  const refused = new Set<string>();
  for (const p of result.read.problems) {
    if (!result.read.readable || valueCells.has(p.cell)) {
      refused.add(p.cell);
      read.problems.push(asReadProblem(read.file, result.read.readable ? { ...p, text: notImported(p.text) } : p));
    }
  }
  if (!result.indicators || !result.observations) return read;
  const indicators = new Map(result.indicators.map((i) => [i.id, i]));
  const annual = new Map(result.observations.filter((o) => !o.period.quarter).map((o) => [`${o.indicatorId}|${o.period.year}`, o]));
  for (const row of result.read.rows) {
    const indicator = row.resolvedId === undefined ? undefined : indicators.get(row.resolvedId);
    if (!indicator) continue;
    // The plan's ids are the store's once the workbook is linked, and name breakdowns and the member's own
    // indicators too; a row new in the sheet has an id no store knows, and only a catalogue code names it.
    const ref: ImportIndicator | undefined = known.has(indicator.id)
      ? { entityId: indicator.id }
      : indicator.code && !indicator.parentId
        ? { code: indicator.code }
        : undefined;
    if (!ref) continue;
    for (const { year, col } of yearColumns) {
      const cell = `${columnLetter(col)}${row.rowIndex + 1}`;
      const o = annual.get(`${indicator.id}|${year}`);
      if (!o || refused.has(cell) || (o.value === null && !o.missing && o.note === undefined)) continue;
      read.observations.push({
        indicator: ref,
        year,
        value: o.value,
        ...(o.missing ? { reason: o.missing } : {}),
        ...(o.note === undefined ? {} : { note: o.note }),
        source: { sheet: sheet.name, cell },
      });
    }
  }
  return read;
}

/**
 * The long-format template filled by a member: one row per indicator × year, keyed by REF_AREA (the
 * member, one per file), INDICATOR (a catalogue code) and TIME_PERIOD (a year); the answer is OBS_VALUE,
 * or OBS_STATUS with a reason's code, and COMMENT a note. A row left unanswered says nothing; a bad cell
 * is named and its row not imported.
 */
function readLong(read: FileRead, sheet: XlsxSheet): FileRead {
  read.layout = "long";
  const { at, lacking } = longColumnsOf(headerOf(sheet));
  if (lacking.length) {
    read.problems.push({ file: read.file, sheet: sheet.name, cell: "A1", text: T.columnsLacking(lacking) });
    return read;
  }
  const seen = new Map<string, string>();
  let member: { key: string; shown: string } | undefined;
  for (let r = 1; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    const cellOf = (c: LongColumn) => `${columnLetter(at[c] ?? LONG_COLUMN[c])}${r + 1}`;
    const raw = (c: LongColumn): Cell => (at[c] === undefined ? null : (row[at[c]!] ?? null));
    const problem = (c: LongColumn, text: Msg) => read.problems.push({ file: read.file, sheet: sheet.name, cell: cellOf(c), text: join(text, T.notImported) });
    const answer = (["OBS_VALUE", "OBS_STATUS", "COMMENT"] as const).some((c) => !isEmptyCell(raw(c)));
    if (!answer) continue;

    // A code is text: a number is what Excel made of one (01 → 1, 1.10 → 1.1), and may be another's code.
    const numeric = (["REF_AREA", "INDICATOR"] as const).find((c) => typeof raw(c) === "number");
    if (numeric) {
      problem(numeric, T.codeIsNumber(numeric, raw(numeric) as number));
      continue;
    }
    const area = refArea(raw("REF_AREA"));
    if ("problem" in area) {
      problem("REF_AREA", area.problem);
      continue;
    }
    const key = "communityId" in area.ref ? area.ref.communityId : area.ref.territoryCode;
    if (member && member.key !== key) {
      problem("REF_AREA", T.otherMember(raw("REF_AREA"), member.shown));
      continue;
    }
    // The file's member is its first row's, whatever else that row holds: the server says whether it is one.
    member ??= { key, shown: String(raw("REF_AREA")).trim() };
    read.member ??= area.ref;
    const code = parseText(raw("INDICATOR"));
    if (!code.ok || !code.value?.trim()) {
      problem("INDICATOR", code.ok ? T.noCode : code.message);
      continue;
    }
    const year = parseYear(raw("TIME_PERIOD"));
    if (!year.ok || year.value === undefined) {
      problem("TIME_PERIOD", year.ok ? M.mustBeFilled({ en: "TIME_PERIOD", uk: "TIME_PERIOD", lt: "TIME_PERIOD" }) : year.message);
      continue;
    }
    const value = parseNumber(raw("OBS_VALUE"));
    if (!value.ok) {
      problem("OBS_VALUE", value.message);
      continue;
    }
    const statusCell = raw("OBS_STATUS");
    const status = statusMeaning(isEmptyCell(statusCell) ? "" : String(statusCell));
    if (!status) {
      problem("OBS_STATUS", T.notStatus(statusCell));
      continue;
    }
    if (status.missing && value.value !== undefined) {
      problem("OBS_STATUS", T.valueAndReason);
      continue;
    }
    const comment = parseText(raw("COMMENT"));
    if (!comment.ok) {
      problem("COMMENT", comment.message);
      continue;
    }
    const twice = `${code.value.trim()}|${year.value}`;
    if (seen.has(twice)) {
      problem("TIME_PERIOD", T.twice(seen.get(twice)!));
      continue;
    }
    seen.set(twice, cellOf("TIME_PERIOD"));
    const note = comment.value === undefined ? null : noteOfComment(status.missing, comment.value);
    read.observations.push({
      indicator: { code: code.value.trim() },
      year: year.value,
      value: value.value ?? null,
      ...(status.missing ? { reason: status.missing } : {}),
      ...(note === null ? {} : { note }),
      source: { sheet: sheet.name, cell: cellOf("OBS_VALUE") },
    });
  }
  return read;
}

/** REF_AREA: a territory code as typed, or (for a member without one yet, as the export writes it) a community id. */
function refArea(cell: Cell): { ref: ImportMember } | { problem: Msg } {
  if (isEmptyCell(cell)) return { problem: M.mustBeFilled({ en: "REF_AREA", uk: "REF_AREA", lt: "REF_AREA" }) };
  const typed = String(cell).trim();
  if (Id.safeParse(typed.toLowerCase()).success) return { ref: { communityId: typed.toLowerCase() } };
  const code = normalizeTerritoryCode(typed);
  return territoryCodeProblem(code) === null ? { ref: { territoryCode: code } } : { problem: T.notArea(cell) };
}

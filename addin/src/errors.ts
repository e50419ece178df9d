import type { ZodError } from "zod";
import { ApiError, Unreachable } from "../../shared/api/client.ts";
import type { ErrorCode } from "../../shared/api/errors.ts";
import { formatProblem } from "../../shared/layout/grid.ts";
import type { LayoutError } from "../../shared/layout/table.ts";
import type { RefusedMutation } from "../../shared/sync/engine.ts";
import { excelErrorCode } from "../excel/batch.ts";
import type { ReportNameTaken } from "../excel/reports.ts";
import type { RoundReportNameTaken } from "../excel/round-report.ts";
import { SheetMarkedTwice } from "../excel/own-sheets.ts";
import { SheetNameTaken, SheetProtected } from "../excel/sheets.ts";
import type { FormError } from "./sections/compare-form.ts";
// English alone (the shape of every language): the pane downloads only the language it shows.
import { en, type Strings } from "./strings/en.ts";

/**
 * What the pane shows for a failed action: a title in the user's language, the next step to take, and
 * the technical text (code, status, message) for "details" only. A title never carries a code, a
 * server's English or a stack: those help an administrator, not a planner.
 */
export interface ErrorDescription {
  title: string;
  next?: string;
  details?: string;
}

type Words = Strings["errors"];
type Described = Omit<ErrorDescription, "details">;

/**
 * A refusal of the pane's own (the sheets have problems, no plan yet, not connected), in the pane's
 * words. Throw it from an action rather than an Error carrying translated text, which describeError
 * can only take for an unknown failure; the words are looked up when shown, in the pane's language then.
 */
export class PaneError extends Error {
  constructor(readonly words: (t: Strings) => Described) {
    super(words(en).title);
    this.name = "PaneError";
  }
}

/**
 * An action the user cancelled: «Скасовано», and what was done and what was not (`next`, by the step
 * the action was at). Told apart from a failure, so the pane shows it as information.
 */
export class Cancelled extends PaneError {
  constructor(next?: (t: Strings) => string) {
    super((t) => ({ title: t.feedback.cancelled, next: next?.(t) }));
    this.name = "Cancelled";
  }
}

/**
 * The abort of a cancelled action: fetch rejects with an AbortError (which the API client wraps as
 * Unreachable), and a cancelled action's next step throws its signal's.
 */
export const isAbort = (error: unknown): boolean =>
  error instanceof Cancelled || isNamed(error, "AbortError") || (error instanceof Unreachable && isNamed(error.cause, "AbortError"));

/** The label a person knows an API field by, from its path (`mutations[3].fields.budget` → Budget). */
const FIELD_LABELS: Record<string, (t: Strings) => string> = {
  // Plan and community (document.*, or a pushed row's fields.*).
  title: (t) => t.title,
  firstYear: (t) => t.firstYear,
  lastYear: (t) => t.lastYear,
  language: (t) => t.sheetLanguage,
  vision: (t) => t.vision,
  mission: (t) => t.mission,
  "community.name": (t) => t.community,
  "community.kind": (t) => t.communityKind,
  // A due date (PUT …/due-dates/:year).
  dueOn: (t) => t.deadline.field,
  country: (t) => t.country,
  region: (t) => t.region,
  population: (t) => t.population,
  // Rows of the plan's sheets.
  quadrant: (t) => t.quadrant,
  group: (t) => t.group,
  text: (t) => t.text,
  priorityId: (t) => t.underPriority,
  goalId: (t) => t.underGoal,
  expectedResults: (t) => t.expectedResults,
  responsibleUnit: (t) => t.responsibleUnit,
  start: (t) => t.start,
  end: (t) => t.end,
  budget: (t) => t.budget,
  amount: (t) => t.budget,
  currency: (t) => t.currency,
  fundingSource: (t) => t.fundingSource,
  status: (t) => t.status,
  kind: (t) => t.riskKind,
  risk: (t) => t.risk,
  mitigation: (t) => t.mitigation,
  name: (t) => t.indicatorName,
  indicatorId: (t) => t.indicatorName,
  unit: (t) => t.unit,
  measures: (t) => t.measures,
  baselineYear: (t) => t.baselineYear,
  baselineValue: (t) => t.baselineValue,
  targetValue: (t) => t.targetValue,
  targetYear: (t) => t.targetYear,
  targets: (t) => t.feedback.targetsField,
  direction: (t) => t.direction,
  frequency: (t) => t.frequency,
  code: (t) => t.code,
  value: (t) => t.errors.fields.value,
  note: (t) => t.errors.fields.note,
  missing: (t) => t.feedback.missingField,
  period: (t) => t.errors.fields.period,
  // Comparison and completeness.
  codes: (t) => t.compare.indicators,
  from: (t) => t.compare.from,
  to: (t) => t.compare.to,
  regions: (t) => t.compare.regions,
  kinds: (t) => t.compare.kinds,
  minPopulation: (t) => t.compare.minPopulation,
  maxPopulation: (t) => t.compare.maxPopulation,
  perCapita: (t) => t.compare.perCapita,
  year: (t) => t.monitoring.year,
  // Catalogue entries.
  nameUk: (t) => t.curate.nameUk,
  nameEn: (t) => t.curate.nameEn,
  definition: (t) => t.curate.definition,
  sharing: (t) => t.curate.sharing,
  // Monitoring rounds.
  action: (t) => t.monitoring.step,
  comment: (t) => t.monitoring.comment,
};

/**
 * The pane's label for an API field path, or undefined when the field is no input a person fills (an
 * id, a version, the request body). Indices are dropped; the last two names are tried before the last
 * (`document.community.name` is the community's name, a bare `name` an indicator's).
 */
export function fieldLabel(field: string, t: Strings): string | undefined {
  const names = field.replace(/\[\d+\]/g, "").split(".").filter(Boolean);
  const label = FIELD_LABELS[names.slice(-2).join(".")] ?? FIELD_LABELS[names.at(-1) ?? ""];
  return label?.(t);
}

/** The thing a 404 names by its field: the field holds its id. */
function missingThing(field: string, e: Words): string | undefined {
  const name = field.replace(/\[\d+\]/g, "").split(".").at(-1);
  switch (name) {
    case "planId":
      return e.things.plan;
    case "communityId":
    case "id":
      return e.things.community;
    case "associationId":
      return e.things.association;
    case "code":
    case "codes":
      return e.things.indicator;
    case "userId":
      return e.things.user;
    default:
      return undefined;
  }
}

/** A value the server refused, named by the input it came from. */
function refusedValue(field: string | null, t: Strings): Described {
  const e = t.errors;
  const label = field ? fieldLabel(field, t) : undefined;
  if (label) return { title: e.invalid(label), next: field?.startsWith("mutations[") ? e.invalidInSheet(label) : e.invalidNext(label) };
  if (field === null || field === "body" || field === "query" || field === "path") return { title: e.unreadableRequest, next: e.unreadableRequestNext };
  return { title: e.invalidSome, next: e.tryAgain };
}

/** An answer of the Worker, by its contract code (shared/api/errors.ts) and the field it names. */
function describeApiError(error: ApiError, t: Strings): Described {
  const e = t.errors;
  const code = error.code as ErrorCode | "unreadable_response";
  switch (code) {
    case "unauthorized":
      // Redeeming an invitation is the one request without a token: its refusal names the code.
      return error.field === "code" ? { title: e.invitation, next: e.invitationNext } : { title: e.unauthorized, next: e.unauthorizedNext };
    case "forbidden":
      return { title: e.forbidden, next: e.forbiddenNext };
    case "not_found": {
      // A 404 naming no input is the router's: the address leads to another (or an older) server.
      if (error.field === null) return { title: e.unknownRequest, next: e.unknownRequestNext };
      const thing = missingThing(error.field, e);
      return { title: thing ? e.notFound(thing) : e.notFoundSome, next: e.notFoundNext };
    }
    case "conflict":
      if (error.field === "document.community.id") return { title: e.planExists, next: e.planExistsNext };
      if (error.field === "year") return { title: e.noRound, next: e.noRoundNext };
      if (error.field === "action") return { title: e.roundStep, next: e.roundStepNext };
      if (error.field === "baseVersion") return { title: e.conflict, next: e.conflictNext };
      // No version at fault: concurrent writes to the plan; sending again applies nothing twice.
      return { title: e.busy, next: e.busyNext };
    case "idempotency_mismatch":
      return { title: e.duplicateChange, next: e.duplicateChangeNext };
    case "bad_request":
      // The pane checks a comparison's codes against the contract before asking, so the server's own
      // refusal of `codes` is its budget of compared values (members × indicators × years).
      if (error.field === "codes") return { title: e.tooMany, next: e.tooManyNext };
      // A round step the Worker refused on the association's quality rules (422, RoundUnexplained): values it
      // holds for the year are flagged without a note, not a note that was refused.
      if (error.status === 422 && error.field === "note") return { title: t.quality.serverUnexplained, next: t.quality.serverUnexplainedNext };
      return refusedValue(error.field, t);
    case "payload_too_large":
      return { title: e.tooLarge, next: e.tooLargeNext };
    case "unsupported_media_type":
      return { title: e.unreadableRequest, next: e.unreadableRequestNext };
    case "rate_limited":
      return { title: e.rateLimited, next: e.rateLimitedNext };
    case "internal":
      return { title: e.internal, next: e.internalNext };
    case "unreadable_response":
      return { title: e.unreadableAnswer, next: e.unreadableAnswerNext };
    default:
      return { title: t.errorTitle, next: e.tryAgain };
  }
}

/**
 * Office.js error codes (Excel.ErrorCodes, OfficeExtension.ErrorCodes) the adapter can meet, by what
 * the user can do about them.
 */
const OFFICE_ERRORS: Record<string, (e: Words, t: Strings) => Described> = {
  AccessDenied: (e) => ({ title: e.accessDenied, next: e.accessDeniedNext }),
  InvalidArgument: (e) => ({ title: e.invalidArgument, next: e.invalidArgumentNext }),
  ItemNotFound: (e) => ({ title: e.itemNotFound, next: e.itemNotFoundNext }),
  ItemAlreadyExists: (e) => ({ title: e.itemExists, next: e.itemExistsNext }),
  InvalidOperation: (e) => ({ title: e.invalidOperation, next: e.invalidOperationNext }),
  ApiNotFound: (e) => ({ title: e.oldExcel, next: e.oldExcelNext }),
  RequestPayloadSizeLimitExceeded: (e) => ({ title: e.tooBigForExcel, next: e.tooBigForExcelNext }),
  ResponsePayloadSizeLimitExceeded: (e) => ({ title: e.tooBigForExcel, next: e.tooBigForExcelNext }),
  RangeExceedsLimit: (e) => ({ title: e.tooBigForExcel, next: e.tooBigForExcelNext }),
  GeneralException: (e) => ({ title: e.excelInternal, next: e.excelInternalNext }),
  // A cell in edit mode (or a coauthor's edit) holds the workbook: Excel refuses the batch.
  Conflict: (e) => ({ title: e.editing, next: e.editingNext }),
  EditModeCannotAcquire: (e) => ({ title: e.editing, next: e.editingNext }),
  InvalidOperationInCellEditMode: (e) => ({ title: e.editing, next: e.editingNext }),
  // An object the batch named is gone (a sheet deleted meanwhile) or was read before it was loaded.
  InvalidObjectPath: (e) => ({ title: e.changedMeanwhile, next: e.changedMeanwhileNext }),
  PropertyNotLoaded: (e) => ({ title: e.changedMeanwhile, next: e.changedMeanwhileNext }),
  // The selection is several areas (Ctrl+click) where one range is asked for.
  InvalidSelection: (_, t) => ({ title: t.feedback.severalAreas, next: t.feedback.severalAreasNext }),
};

/** The Office error codes describeError tells apart (the rest get a general Excel title). */
export const OFFICE_ERROR_CODES: readonly string[] = Object.keys(OFFICE_ERRORS);

/** Office.js rejects with an OfficeExtension.Error: name "RichApi.Error" and Excel's code. */
const isOfficeError = (error: unknown): error is Error & { code: string } =>
  error instanceof Error && error.name === "RichApi.Error" && excelErrorCode(error) !== undefined;

/** A failed `fetch` rejects with a TypeError whose text differs by browser (and Node). */
const isFetchFailure = (error: unknown): boolean =>
  error instanceof TypeError && /fetch|network|load failed/i.test(error.message);

const isNamed = (error: unknown, name: string): boolean => error instanceof Error && error.name === name;

/** Errors of modules the pane loads on first use, by the name their constructor sets. */
interface LazyErrors {
  ReportNameTaken: ReportNameTaken;
  RoundReportNameTaken: RoundReportNameTaken;
  FormError: FormError;
  LayoutError: LayoutError;
}

/** One of LazyErrors, known by its name: `instanceof` would import its module (layouts, schemas) into the first load. */
export const isNamedError = <N extends keyof LazyErrors>(error: unknown, name: N): error is LazyErrors[N] => isNamed(error, name);

/**
 * A failed parse of the contract's schemas, told by the name and issues zod 4 gives the errors its
 * parse throws: an `instanceof ZodError` would import zod into the pane's first load.
 */
const isZodError = (error: unknown): error is ZodError =>
  typeof error === "object" && error !== null && (error as { name?: unknown }).name === "ZodError" && Array.isArray((error as { issues?: unknown }).issues);

/** The technical text behind "details": codes, statuses, messages and where Excel failed; never a stack. */
function technical(error: unknown): string {
  if (error instanceof ApiError)
    return `HTTP ${error.status} ${error.code}${error.field ? ` (field ${error.field})` : ""}: ${error.message}`;
  if (isOfficeError(error)) {
    const location = (error as { debugInfo?: { errorLocation?: string } }).debugInfo?.errorLocation;
    const message = error.message.startsWith(error.code) ? error.message : `${error.code}: ${error.message}`;
    return `${error.name} ${message}${location ? ` (at ${location})` : ""}`;
  }
  if (isZodError(error))
    return `ZodError: ${error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ")}${error.issues.length > 3 ? ` (+${error.issues.length - 3})` : ""}`;
  if (isNamedError(error, "FormError")) return `${error.name} (field ${error.field}): ${error.message}`;
  if (isNamedError(error, "LayoutError"))
    return `${error.name}: ${error.message}; ${error.problems.map(formatProblem).join("; ")}`;
  if (error instanceof Unreachable) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === "string" ? error : JSON.stringify(error) ?? String(error);
}

function describe(error: unknown, t: Strings): Described {
  const e = t.errors;
  if (error instanceof PaneError) return error.words(t);
  if (error instanceof ApiError) return describeApiError(error, t);
  if (isAbort(error)) return { title: e.cancelled };
  if (error instanceof Unreachable)
    return isNamed(error.cause, "TimeoutError") ? { title: e.timeout, next: e.timeoutNext } : { title: e.unreachable, next: e.unreachableNext };
  if (isNamed(error, "TimeoutError")) return { title: e.timeout, next: e.timeoutNext };
  if (isFetchFailure(error)) return { title: e.unreachable, next: e.unreachableNext };
  if (error instanceof SheetProtected) return { title: e.sheetProtected(error.sheetName), next: e.sheetProtectedNext(error.sheetName) };
  if (error instanceof SheetNameTaken) return { title: e.nameTaken(error.taken.map((s) => s.name)), next: e.nameTakenNext };
  if (error instanceof SheetMarkedTwice) return { title: e.markedTwice(error.sheetNames), next: e.markedTwiceNext };
  if (isNamedError(error, "ReportNameTaken") || isNamedError(error, "RoundReportNameTaken")) return { title: e.nameTaken([error.sheetName]), next: e.nameTakenNext };
  if (isNamedError(error, "LayoutError")) return { title: e.layout(error.problems.length), next: e.layoutNext };
  if (isNamedError(error, "FormError")) return refusedValue(error.field, t);
  if (isZodError(error)) return { title: e.mismatch, next: e.mismatchNext };
  if (isOfficeError(error)) return OFFICE_ERRORS[error.code]?.(e, t) ?? { title: e.excel, next: e.tryAgain };
  return { title: t.errorTitle, next: e.tryAgain };
}

/** The failure of a pane action in the user's language, with what to do next and the technical text apart. */
export function describeError(error: unknown, t: Strings): ErrorDescription {
  return { ...describe(error, t), details: technical(error) };
}

/**
 * A change a sync sent and the server refused (a push result `forbidden`): the kind of row and why, by
 * the rule the server named (its role, the year's monitoring round, the plan's links), with what to do;
 * the server's English reason goes to details. A refusal kept from before the server named rules gets
 * the general words.
 */
export function describeRefusal(refused: RefusedMutation, t: Strings): ErrorDescription {
  const kind = t.sync.kinds[refused.mutation.kind]!;
  if (!refused.rule) return { title: t.errors.refused(kind), next: t.errors.refusedNext, details: refused.reason };
  const words = t.feedback.refusals[refused.rule];
  return { title: t.feedback.refusal(kind, words.why), next: words.next, details: refused.reason };
}

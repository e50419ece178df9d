import type { z } from "zod";
import type { MeResponse } from "./access.ts";
import type { CatalogueEntry, CatalogueList, PutCatalogueEntryInput } from "./catalogue.ts";
import type { ComparisonResponse, CompletenessResponse, PositionResponse } from "./compare.ts";
import type { CommunityKind, Language } from "../model/plan.ts";
import type { HistoryPage } from "./history.ts";
import type { ImportRequest, ImportResponse } from "./imports.ts";
import type { CreateInvitationRequest, Invitation, InviteeList, RedeemInvitationRequest, RedeemInvitationResponse } from "./invitations.ts";
import type { CreatePlanRequest, PlanSnapshot } from "./plans.ts";
import type { DueDate, DueDateCleared, DueDateList } from "./deadlines.ts";
import type { Release, ReleaseList } from "./releases.ts";
import type { AssociationRounds, Round, RoundList, RoundReport, RoundStepRequest } from "./rounds.ts";
import type { PushRequest, PullResponse, PushResponse } from "./sync.ts";
import type { Violation } from "../quality/rules.ts";

/**
 * The add-in's typed client of the Worker API, derived from the same zod schemas the Worker validates
 * with: requests are typed by them and every response is parsed by them, so a contract drift fails
 * loudly here instead of corrupting a workbook. Pure: `fetch` is injected. The schemas (and zod) are
 * imported with the first request that needs them, so that the task pane's first load leaves them out.
 */

/** The server answered with an error: its code, message and the field it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * A round step refused (422, RoundUnexplained) because values of the year break the association's quality
 * rules without the committee's note: `violations` are those values, for the pane to name by cell.
 */
export class RoundUnexplainedError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    field: string | null,
    readonly violations: Violation[],
  ) {
    super(status, code, message, field);
    this.name = "RoundUnexplainedError";
  }
}

/** The server could not be reached, or its answer was lost: the request may or may not have been applied. */
export class Unreachable extends Error {
  constructor(override readonly cause: unknown) {
    super(`The MuniPlan server could not be reached (${cause instanceof Error ? cause.message : String(cause)})`);
    this.name = "Unreachable";
  }
}

export interface ClientOptions {
  baseUrl: string;
  token: string;
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

/** Which members a consolidation covers (all of them when every field is left out). */
export interface MemberFilterParams {
  regions?: readonly string[];
  kinds?: readonly CommunityKind[];
  minPopulation?: number;
  maxPopulation?: number;
}

export interface ComparisonParams extends MemberFilterParams {
  codes: readonly string[];
  from: number;
  to: number;
  perCapita?: boolean;
}

export interface CompletenessParams extends MemberFilterParams {
  year: number;
}

export interface ApiClient {
  me(): Promise<MeResponse>;
  createPlan(body: CreatePlanRequest): Promise<PlanSnapshot>;
  getPlan(planId: string): Promise<PlanSnapshot>;
  push(planId: string, body: PushRequest): Promise<PushResponse>;
  pull(planId: string, since: number, limit?: number): Promise<PullResponse>;
  history(planId: string, query?: { entityId?: string; before?: number; limit?: number }): Promise<HistoryPage>;
  catalogue(associationId: string): Promise<CatalogueList>;
  putCatalogueEntry(associationId: string, code: string, body: PutCatalogueEntryInput): Promise<CatalogueEntry>;
  retireCatalogueEntry(associationId: string, code: string, baseVersion: number): Promise<CatalogueEntry>;
  comparison(associationId: string, params: ComparisonParams): Promise<ComparisonResponse>;
  completeness(associationId: string, params: CompletenessParams): Promise<CompletenessResponse>;
  position(associationId: string, communityId: string, year: number): Promise<PositionResponse>;
  /** The association's releases, newest first (of `year`, or all). */
  releases(associationId: string, year?: number): Promise<ReleaseList>;
  /** Publishes the year's figures: members' positions come from this release until the next. */
  publishRelease(associationId: string, year: number): Promise<Release>;
  /** The association's due dates of its members' rounds (of `year`: none or one); its members read them too. */
  dueDates(associationId: string, year?: number): Promise<DueDateList>;
  /** Sets the year's due date (YYYY-MM-DD), replacing any before (its analysts, admins). */
  setDueDate(associationId: string, year: number, dueOn: string): Promise<DueDate>;
  clearDueDate(associationId: string, year: number): Promise<DueDateCleared>;
  rounds(planId: string): Promise<RoundList>;
  /**
   * One step of the year's round; a 409 (stale version, or a step its status does not allow) throws
   * ApiError, a 422 of unexplained flagged values (submit, approve) RoundUnexplainedError.
   */
  roundStep(planId: string, year: number, body: RoundStepRequest): Promise<Round>;
  roundReport(planId: string, year: number): Promise<RoundReport>;
  associationRounds(associationId: string, year: number): Promise<AssociationRounds>;
  /** A single-use code for a user of the association (its analysts, admins): shown only in this answer. */
  createInvitation(associationId: string, body: CreateInvitationRequest): Promise<Invitation>;
  /** The users this token may create a code for through the association, with their roles there. */
  invitees(associationId: string): Promise<InviteeList>;
  /** Members' workbooks as read by the pane (shared/import/): a preview with `dryRun`, else written file by file. */
  importWorkbooks(associationId: string, body: ImportRequest): Promise<ImportResponse>;
  /** The association's observations in long format (SDMX-CSV columns) as a file, filtered by `params`. */
  exportObservations(associationId: string, format: FileFormat, params?: LongExportParams): Promise<Download>;
  /** A member's blank long-format template as a file (its analysts, admins), for a member without the add-in to fill. */
  exportTemplate(associationId: string, format: FileFormat, params: TemplateParams): Promise<Download>;
}

/** A file the API serves: its bytes, and the name the server gives it (its Content-Disposition). */
export interface Download {
  blob: Blob;
  filename: string;
}

export type FileFormat = "csv" | "xlsx";

/** Which observations a long export holds (shared/export/long.ts's LongExportQuery): all the caller may read when left out. */
export interface LongExportParams {
  code?: string;
  from?: number;
  to?: number;
  member?: string;
  lang?: Language;
}

/** Whose template, for which years (shared/export/long.ts's LongTemplateQuery). */
export interface TemplateParams {
  member: string;
  from: number;
  to: number;
  lang?: Language;
}

type QueryValue = number | string | boolean | readonly string[] | undefined;

/** A query string; lists go comma-separated, as the API's query schemas read them. */
export function queryString(params: Record<string, QueryValue>): string {
  const q = Object.entries(params)
    .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}=${encodeURIComponent(Array.isArray(v) ? v.join(",") : String(v))}`);
  return q.length ? `?${q.join("&")}` : "";
}

/** The path and query of a comparison (also its `.csv` and `.xlsx` exports, for a download link). */
export function comparisonPath(associationId: string, params: ComparisonParams, format: "" | ".csv" | ".xlsx" = "", lang?: Language): string {
  return `/v1/associations/${encodeURIComponent(associationId)}/comparison${format}${queryString({ ...params, lang })}`;
}

export function completenessPath(associationId: string, params: CompletenessParams, format: "" | ".csv" | ".xlsx" = "", lang?: Language): string {
  return `/v1/associations/${encodeURIComponent(associationId)}/completeness${format}${queryString({ ...params, lang })}`;
}

/** The contract's schemas (index.ts), imported with the first answer to parse. */
const contract = () => import("./index.ts");
type Contract = Awaited<ReturnType<typeof contract>>;

/** A schema of the contract, loaded on first use. */
const schema =
  <K extends keyof Contract>(name: K) =>
  async (): Promise<Contract[K]> =>
    (await contract())[name];

type Method = "GET" | "POST" | "PUT" | "DELETE";

/** A route's own error body for a status, read instead of the plain ErrorBody when it parses. */
type Refusal = (status: number, json: unknown, contract: Contract) => ApiError | undefined;

/** The name a download's Content-Disposition gives its file (`attachment; filename="…"`), if any. */
export function filenameOf(disposition: string | null): string | undefined {
  return /filename="([^"]+)"/.exec(disposition ?? "")?.[1];
}

/**
 * A requester of the API as `token`, or without one (`null`: only redeeming an invitation needs none):
 * `call` for an answer in JSON, `download` for a file. Both report alike: no answer (or one cut off) is
 * Unreachable, a refusal an ApiError.
 */
function requester(options: Omit<ClientOptions, "token">, token: string | null) {
  const base = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function send(method: Method, path: string, body?: unknown): Promise<Response> {
    try {
      return await doFetch(`${base}${path}`, {
        method,
        headers: {
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new Unreachable(e);
    }
  }

  /** A refused answer as its error: the route's own `refusal` where it reads the body, else the API's ErrorBody. */
  async function refused(res: Response, refusal?: Refusal): Promise<ApiError> {
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      // A proxy's HTML error page, or a connection cut mid-answer.
      return new ApiError(res.status, "unreadable_response", `The server answered ${res.status} without a readable body`, null);
    }
    const schemas = await contract();
    const own = refusal?.(res.status, json, schemas);
    if (own) return own;
    const error = schemas.ErrorBody.safeParse(json);
    if (error.success) return new ApiError(res.status, error.data.error.code, error.data.error.message, error.data.error.field);
    return new ApiError(res.status, "unreadable_response", `The server answered ${res.status}`, null);
  }

  async function call<S extends z.ZodType>(
    load: () => Promise<S>,
    method: Method,
    path: string,
    body?: unknown,
    refusal?: Refusal,
  ): Promise<z.infer<S>> {
    const res = await send(method, path, body);
    if (!res.ok) throw await refused(res, refusal);
    let json: unknown;
    try {
      json = await res.json();
    } catch (e) {
      // A proxy's HTML page with a 200, or a connection cut mid-answer.
      throw new Unreachable(e);
    }
    return (await load()).parse(json);
  }

  /** A file the API serves at `path`, named as the server names it (`fallback` when it does not). */
  async function download(path: string, fallback: string): Promise<Download> {
    const res = await send("GET", path);
    if (!res.ok) throw await refused(res);
    let blob: Blob;
    try {
      blob = await res.blob();
    } catch (e) {
      // The connection cut (or the download cancelled) mid-file.
      throw new Unreachable(e);
    }
    return { blob, filename: filenameOf(res.headers.get("content-disposition")) ?? fallback };
  }

  return { call, download };
}

/** Exchanges an invitation code for a token of its user (once: the code is spent). */
export function redeemInvitation(options: Omit<ClientOptions, "token">, body: RedeemInvitationRequest): Promise<RedeemInvitationResponse> {
  return requester(options, null).call(schema("RedeemInvitationResponse"), "POST", "/v1/invitations/redeem", body);
}

/**
 * The token to connect with, from what a person entered where the pane asks for "an invitation code or
 * a token": a code is redeemed first and its token used (and kept) exactly as a pasted one; anything
 * else is taken as a token. A token never has a code's shape (it is 47 characters, `mpt_…`).
 */
export async function tokenFromCredential(
  options: Omit<ClientOptions, "token">,
  credential: string,
  label = "MuniPlan task pane",
): Promise<string> {
  const entered = credential.trim();
  if ((await contract()).normalizeInvitationCode(entered) === null) return entered;
  return (await redeemInvitation(options, { code: entered, label })).token;
}

/** A round step's 422: the flagged values the committee has not explained, with the error. */
function unexplainedValues(status: number, json: unknown, schemas: Contract): ApiError | undefined {
  if (status !== 422) return undefined;
  const parsed = schemas.RoundUnexplained.safeParse(json);
  if (!parsed.success) return undefined;
  const { code, message, field } = parsed.data.error;
  return new RoundUnexplainedError(status, code, message, field, parsed.data.violations);
}

export function createClient(options: ClientOptions): ApiClient {
  const { call, download } = requester(options, options.token);
  const query = queryString;
  const plan = (planId: string) => `/v1/plans/${encodeURIComponent(planId)}`;
  const association = (associationId: string) => `/v1/associations/${encodeURIComponent(associationId)}`;
  const catalogue = (associationId: string) => `${association(associationId)}/catalogue`;

  return {
    me: () => call(schema("MeResponse"), "GET", "/v1/me"),
    createPlan: (body) => call(schema("PlanSnapshot"), "POST", "/v1/plans", body),
    getPlan: (planId) => call(schema("PlanSnapshot"), "GET", plan(planId)),
    push: (planId, body) => call(schema("PushResponse"), "POST", `${plan(planId)}/push`, body),
    pull: (planId, since, limit) => call(schema("PullResponse"), "GET", `${plan(planId)}/pull${query({ since, limit })}`),
    history: (planId, q = {}) => call(schema("HistoryPage"), "GET", `${plan(planId)}/history${query(q)}`),
    catalogue: (associationId) => call(schema("CatalogueList"), "GET", catalogue(associationId)),
    putCatalogueEntry: (associationId, code, body) =>
      call(schema("CatalogueEntry"), "PUT", `${catalogue(associationId)}/${encodeURIComponent(code)}`, body),
    retireCatalogueEntry: (associationId, code, baseVersion) =>
      call(schema("CatalogueEntry"), "POST", `${catalogue(associationId)}/${encodeURIComponent(code)}/retire`, { baseVersion }),
    comparison: (associationId, params) => call(schema("ComparisonResponse"), "GET", comparisonPath(associationId, params)),
    completeness: (associationId, params) => call(schema("CompletenessResponse"), "GET", completenessPath(associationId, params)),
    position: (associationId, communityId, year) =>
      call(schema("PositionResponse"), "GET", `/v1/associations/${encodeURIComponent(associationId)}/position${query({ communityId, year })}`),
    releases: (associationId, year) => call(schema("ReleaseList"), "GET", `${association(associationId)}/releases${query({ year })}`),
    publishRelease: (associationId, year) => call(schema("Release"), "POST", `${association(associationId)}/releases/${year}`),
    dueDates: (associationId, year) => call(schema("DueDateList"), "GET", `${association(associationId)}/due-dates${query({ year })}`),
    setDueDate: (associationId, year, dueOn) => call(schema("DueDate"), "PUT", `${association(associationId)}/due-dates/${year}`, { dueOn }),
    clearDueDate: (associationId, year) => call(schema("DueDateCleared"), "DELETE", `${association(associationId)}/due-dates/${year}`),
    rounds: (planId) => call(schema("RoundList"), "GET", `${plan(planId)}/rounds`),
    roundStep: (planId, year, body) => call(schema("Round"), "POST", `${plan(planId)}/rounds/${year}`, body, unexplainedValues),
    roundReport: (planId, year) => call(schema("RoundReport"), "GET", `${plan(planId)}/rounds/${year}/report`),
    associationRounds: (associationId, year) =>
      call(schema("AssociationRounds"), "GET", `/v1/associations/${encodeURIComponent(associationId)}/rounds${query({ year })}`),
    createInvitation: (associationId, body) => call(schema("Invitation"), "POST", `${association(associationId)}/invitations`, body),
    invitees: (associationId) => call(schema("InviteeList"), "GET", `${association(associationId)}/invitees`),
    // Its schema is not in index.ts's contract: it loads with the first import, not with every answer.
    importWorkbooks: (associationId, body) =>
      call(async () => (await import("./imports.ts")).ImportResponse, "POST", `${association(associationId)}/imports`, body),
    exportObservations: (associationId, format, params = {}) =>
      download(`${association(associationId)}/exports/observations.${format}${query({ ...params })}`, `observations.${format}`),
    exportTemplate: (associationId, format, params) =>
      download(`${association(associationId)}/exports/template.${format}${query({ ...params })}`, `template.${format}`),
  };
}

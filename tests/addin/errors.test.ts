import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ReportNameTaken } from "../../addin/excel/reports.ts";
import { RoundReportNameTaken } from "../../addin/excel/round-report.ts";
import { SheetMarkedTwice } from "../../addin/excel/own-sheets.ts";
import { SheetNameTaken, SheetProtected } from "../../addin/excel/sheets.ts";
import { describeError, describeRefusal, fieldLabel, OFFICE_ERROR_CODES, PaneError } from "../../addin/src/errors.ts";
import { FormError } from "../../addin/src/sections/compare-form.ts";
import { strings } from "../../addin/src/strings.ts";
import { ApiError, Unreachable } from "../../shared/api/client.ts";
import { ERROR_CODES } from "../../shared/api/errors.ts";
import { REFUSAL_RULES, SYNC_KINDS } from "../../shared/api/sync.ts";
import { LayoutError, problemAt } from "../../shared/layout/table.ts";
import { PlanDocument, type Language } from "../../shared/model/plan.ts";
import { excelError, ExcelError } from "../support/excel/errors.ts";

const LANGUAGES: Language[] = ["en", "uk", "lt"];
const root = join(import.meta.dirname, "../..");
const source = (path: string) => readFileSync(join(root, path), "utf8");

/** A failure the pane can meet, with the technical text its details must keep and what its title must not show. */
interface Case {
  name: string;
  error: unknown;
  technical: string[];
  raw: string[];
}

const api = (status: number, code: string, message: string, field: string | null = null): Case => ({
  name: `${code}${field ? ` (${field})` : ""}`,
  error: new ApiError(status, code, message, field),
  technical: [String(status), code, message, ...(field ? [field] : [])],
  // A code or field that is also a plain word ("internal", "year") may be said in a title; an identifier may not.
  raw: [code, message, ...(field ? [field] : [])].filter((text) => !/^[a-z ]+$/.test(text)),
});

const SERVER: Case[] = [
  api(401, "unauthorized", "the token is not valid"),
  api(401, "unauthorized", "the invitation code is not valid (mistyped, used or expired); ask for a new one", "code"),
  api(403, "forbidden", "the token's role (monitor) may not create the plan"),
  api(404, "not_found", "plan not found", "planId"),
  api(404, "not_found", "catalogue entry POP not found", "codes"),
  api(404, "not_found", "route not found"),
  api(409, "conflict", "the 2014 round is at version 5 (returned), not 4", "baseVersion"),
  api(409, "conflict", "there is no 2014 round yet; an editor opens it first (action open, baseVersion 0)", "year"),
  api(409, "conflict", "the 2014 round is approved: submit applies to a round that is open or returned", "action"),
  api(409, "conflict", "the community already has a plan (p-1)", "document.community.id"),
  api(409, "conflict", "the plan kept changing while this push was written; send it again"),
  api(422, "idempotency_mismatch", "mutations[3].mutationId: this id was already used for a different mutation", "mutations[3].mutationId"),
  api(400, "bad_request", "mutations[3].fields.budget: Invalid input: expected object, received string", "mutations[3].fields.budget"),
  api(400, "bad_request", "document.plan.lastYear: the plan period must end in or after its first year", "document.plan.lastYear"),
  api(400, "bad_request", "codes: 400 members × 10 indicators × 20 years is 80,000 values; a comparison holds at most 50,000", "codes"),
  api(400, "bad_request", "Malformed JSON in request body", "body"),
  api(400, "bad_request", "limit: Too big: expected number to be <=500", "limit"),
  api(413, "payload_too_large", "the body is larger than 1048576 bytes", "body"),
  api(415, "unsupported_media_type", "Unsupported Media Type", "body"),
  api(429, "rate_limited", "too many requests for this token; wait a minute and retry"),
  api(500, "internal", "internal error"),
  api(502, "unreadable_response", "The server answered 502 without a readable body"),
];

const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
const NETWORK: Case[] = [
  { name: "unreachable (fetch TypeError)", error: new Unreachable(new TypeError("Failed to fetch")), technical: ["Failed to fetch"], raw: ["Failed to fetch", "Unreachable"] },
  { name: "a raw fetch TypeError", error: new TypeError("NetworkError when attempting to fetch resource."), technical: ["TypeError", "NetworkError"], raw: ["TypeError", "NetworkError"] },
  { name: "a timeout", error: timeout, technical: ["TimeoutError"], raw: ["TimeoutError"] },
  { name: "unreachable by a timeout", error: new Unreachable(timeout), technical: ["due to timeout"], raw: ["TimeoutError", "timeout"] },
];

const office = (code: string): Case => {
  const error = excelError(code as never, "The operation failed.", "Range.values");
  return { name: `Office ${code}`, error, technical: [code, "The operation failed.", "Range.values"], raw: [code, "RichApi", "The operation failed."] };
};
/** The codes the strict host throws (its ExcelErrorCode union), read from its source: the Office errors the adapter can meet. */
const STRICT_HOST_CODES = [...source("tests/support/excel/errors.ts").matchAll(/\|\s*"(\w+)"/g)].map((m) => m[1]!);
const OFFICE: Case[] = [...new Set([...STRICT_HOST_CODES, ...OFFICE_ERROR_CODES])].map(office);

const problem = problemAt("Indicators", 2, 3, { en: "a text longer than 32,767 characters", uk: "текст довший за 32 767 символів", lt: "tekstas ilgesnis nei 32 767 simboliai" });
const zodError = z.object({ version: z.number() }).safeParse({ version: "5" }).error!;
const ADAPTER: Case[] = [
  { name: "SheetProtected", error: new SheetProtected("Показники"), technical: ["SheetProtected", "Показники"], raw: ["SheetProtected", "Review"] },
  { name: "SheetMarkedTwice", error: new SheetMarkedTwice(["Показники", "Показники (2)"]), technical: ["SheetMarkedTwice", "Показники (2)"], raw: ["SheetMarkedTwice", "delete the copies"] },
  { name: "SheetNameTaken", error: new SheetNameTaken([{ kind: "swot", name: "SWOT 2014" }]), technical: ["SheetNameTaken", "SWOT 2014"], raw: ["SheetNameTaken", "not a MuniPlan sheet"] },
  { name: "ReportNameTaken", error: new ReportNameTaken("comparison", "Порівняння"), technical: ["ReportNameTaken"], raw: ["ReportNameTaken", "comparison sheet"] },
  { name: "RoundReportNameTaken", error: new RoundReportNameTaken("Моніторинг 2014"), technical: ["RoundReportNameTaken"], raw: ["RoundReportNameTaken", "monitoring report"] },
  { name: "LayoutError", error: new LayoutError("Indicators: 1 cell(s) cannot be written to Excel", [problem]), technical: ["LayoutError", problem.ref, "32,767"], raw: ["LayoutError", "cell(s)"] },
  { name: "FormError", error: new FormError("from", "Too small: expected number to be >=1900"), technical: ["from", "Too small"], raw: ["FormError", "Too small"] },
  { name: "ZodError (a contract drift)", error: zodError, technical: ["version", zodError.issues[0]!.message], raw: ["ZodError", "expected number"] },
];

const UNKNOWN: Case[] = [
  { name: "an Error", error: new Error("Cannot read properties of undefined (reading 'id')"), technical: ["Cannot read properties"], raw: ["Cannot read", "undefined"] },
  { name: "a thrown string", error: "boom", technical: ["boom"], raw: ["boom"] },
  { name: "a thrown object", error: { status: 7 }, technical: ['"status":7'], raw: ["status"] },
];

const ALL = [...SERVER, ...NETWORK, ...OFFICE, ...ADAPTER, ...UNKNOWN];

describe("describeError", () => {
  it.each(ALL.map((c) => [c.name, c] as const))("%s: a title in each language, a next step, the technical text in details only", (_, c) => {
    const en = describeError(c.error, strings("en"));
    for (const language of LANGUAGES) {
      const d = describeError(c.error, strings(language));
      expect(d.title.trim(), language).not.toBe("");
      expect(d.next?.trim(), language).toBeTruthy();
      for (const raw of c.raw) expect(d.title, `${language}: ${raw}`).not.toContain(raw);
      for (const text of c.technical) expect(d.details, `${language}: ${text}`).toContain(text);
      expect(d.details, language).not.toMatch(/\n\s+at /);
      if (language !== "en") {
        expect(d.title, language).not.toBe(en.title);
        expect(d.next, language).not.toBe(en.next);
      }
      // Ukrainian is Cyrillic: a Latin word left in its title is untranslated English (product names aside).
      if (language === "uk") expect(d.title.replace(/MuniPlan|Excel|SWOT/g, ""), d.title).not.toMatch(/[A-Za-z]{3,}/);
    }
  });

  it("tells every code of the contract apart from an unknown failure", () => {
    // Every code the Worker returns is in the contract's enum (grepped from its sources), and each has its own title.
    const files = readdirSync(join(root, "worker/src"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    const returned = new Set(
      files.flatMap((f) => [...source(join("worker/src", f)).matchAll(/ApiError\(\s*\d+,\s*"(\w+)"|code:\s*"(\w+)"|^\s*\d{3}:\s*"(\w+)",?$/gm)].map((m) => m[1] ?? m[2] ?? m[3]!)),
    );
    expect(returned.size).toBeGreaterThan(5);
    expect([...returned].filter((code) => !(ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
    for (const language of LANGUAGES) {
      const t = strings(language);
      const unmapped = [...ERROR_CODES, "unreadable_response"].filter((code) => describeError(new ApiError(400, code, "x", null), t).title === t.errorTitle);
      expect(unmapped, language).toEqual([]);
      expect(SERVER.map((c) => (c.error as ApiError).code)).toEqual(expect.arrayContaining([...ERROR_CODES]));
    }
  });

  it("tells every Office error the strict host throws, and the edit-mode ones, apart from a general Excel failure", () => {
    expect(STRICT_HOST_CODES.length).toBeGreaterThan(5);
    expect(OFFICE_ERROR_CODES).toEqual(expect.arrayContaining([...STRICT_HOST_CODES, "Conflict", "EditModeCannotAcquire", "InvalidOperationInCellEditMode"]));
    for (const language of LANGUAGES) {
      const t = strings(language);
      const general = describeError(excelError("NotImplemented" as never, "not here"), t);
      expect(general.title).toBe(t.errors.excel);
      for (const code of OFFICE_ERROR_CODES) expect(describeError(excelError(code as never, "x"), t).title, `${language} ${code}`).not.toBe(t.errors.excel);
    }
  });

  it("says what to do in the user's words for the walk's examples", () => {
    const t = strings("uk");
    const round = describeError(new ApiError(409, "conflict", "the 2014 round is at version 5 (returned), not 4", "baseVersion"), t);
    expect(round).toEqual({ title: t.errors.conflict, next: t.errors.conflictNext, details: "HTTP 409 conflict (field baseVersion): the 2014 round is at version 5 (returned), not 4" });
    expect(describeError(new ApiError(401, "unauthorized", "the token is not valid", null), t).next).toBe(t.errors.unauthorizedNext);
    expect(describeError(new ApiError(401, "unauthorized", "not valid", "code"), t).title).toBe(t.errors.invitation);
    // A round step refused on the quality rules: the flagged values lack a note, no note was refused.
    expect(describeError(new ApiError(422, "bad_request", "ENR 2015: 120 is above the maximum 100", "note"), t)).toMatchObject({
      title: t.quality.serverUnexplained,
      next: t.quality.serverUnexplainedNext,
    });
    expect(describeError(new SheetProtected("Показники"), t)).toMatchObject({ title: t.errors.sheetProtected("Показники"), next: t.errors.sheetProtectedNext("Показники") });
    expect(describeError(new ExcelError("InvalidOperationInCellEditMode", "busy"), strings("en")).next).toMatch(/Esc/);
    expect(describeError(excelError("ApiNotFound", "no such API"), strings("en")).next).toMatch(/Microsoft 365|Excel 2021/);
    expect(describeError(new DOMException("The user aborted a request.", "AbortError"), t)).toEqual({ title: t.errors.cancelled, details: "AbortError: The user aborted a request." });
  });

  it("names the refused input by its label in the pane, in the sheet for a pushed value", () => {
    for (const language of LANGUAGES) {
      const t = strings(language);
      const budget = describeError(new ApiError(400, "bad_request", "bad", "mutations[3].fields.budget"), t);
      expect(budget).toMatchObject({ title: t.errors.invalid(t.budget), next: t.errors.invalidInSheet(t.budget) });
      const from = describeError(new FormError("from", "Too small"), t);
      expect(from).toMatchObject({ title: t.errors.invalid(t.compare.from), next: t.errors.invalidNext(t.compare.from) });
      expect(fieldLabel("document.community.name", t)).toBe(t.community);
      expect(fieldLabel("mutations[0].fields.name", t)).toBe(t.indicatorName);
      expect(fieldLabel("mutations[0].baseVersion", t)).toBeUndefined();
    }
  });

  it("has a label for every field a person fills in the plan's sheets", () => {
    const t = strings("en");
    // Ids, order and links the sheets keep by themselves are not typed by a person.
    const kept = new Set(["id", "order", "communityId", "parentId", "quarter"]);
    const fields = Object.values(PlanDocument.shape).flatMap((schema) => {
      const entity = schema instanceof z.ZodArray ? schema.element : schema;
      return Object.keys((entity as z.ZodObject).shape);
    });
    expect(fields.length).toBeGreaterThan(30);
    expect(fields.filter((f) => !kept.has(f) && fieldLabel(f, t) === undefined)).toEqual([]);
  });

  it("says which change a sync had refused in the user's words, the server's reason in details", () => {
    const reason = "a monitor may only fill observations (values and notes)";
    for (const kind of SYNC_KINDS) {
      const refused = { mutation: { mutationId: "6f1c2a8e-0b7d-4c1e-9a53-2f6d1e8b7c40", kind, entityId: "x", baseVersion: 0, op: "delete" as const }, reason };
      const en = describeRefusal(refused, strings("en"));
      for (const language of LANGUAGES) {
        const t = strings(language);
        const d = describeRefusal(refused, t);
        expect(d.title, `${language} ${kind}`).toContain(t.sync.kinds[kind]);
        expect(d.title).not.toContain(reason);
        expect(d).toMatchObject({ next: t.errors.refusedNext, details: reason });
        if (language !== "en") expect([d.title, d.next]).not.toEqual([en.title, en.next]);
      }
    }
  });

  it("names the rule a refusal follows, in each language, with its own next step; the server's English only in details", () => {
    const reason = "no monitoring round is open for 2014: an editor opens the 2014 round before the committee fills its values";
    const mutation = { mutationId: "6f1c2a8e-0b7d-4c1e-9a53-2f6d1e8b7c40", kind: "observations" as const, entityId: "x", baseVersion: 1, op: "upsert" as const, fields: { value: 5 } };
    for (const language of LANGUAGES) {
      const t = strings(language);
      const general = describeRefusal({ mutation, reason }, t);
      const described = REFUSAL_RULES.map((rule) => describeRefusal({ mutation, reason, rule }, t));
      for (const [i, d] of described.entries()) {
        const rule = REFUSAL_RULES[i]!;
        expect(d.title, `${language} ${rule}`).toContain(t.sync.kinds.observations);
        expect(d.title, `${language} ${rule}`).toContain(t.feedback.refusals[rule].why);
        expect(d.next, `${language} ${rule}`).toBe(t.feedback.refusals[rule].next);
        expect(d.details).toBe(reason);
        expect(d.title).not.toContain(reason);
        // Said exactly: not the general words a refusal without a rule gets.
        expect(d.next).not.toBe(general.next);
        if (language === "uk") expect(`${d.title} ${d.next}`.replace(/MuniPlan|Excel|SWOT/g, ""), rule).not.toMatch(/[A-Za-z]{3,}/);
      }
      // Every rule its own reason and its own next step.
      expect(new Set(described.map((d) => d.title)).size).toBe(REFUSAL_RULES.length);
      expect(new Set(described.map((d) => d.next)).size).toBe(REFUSAL_RULES.length);
      if (language !== "en") {
        const en = REFUSAL_RULES.map((rule) => describeRefusal({ mutation, reason, rule }, strings("en")));
        described.forEach((d, i) => expect(d.next).not.toBe(en[i]!.next));
      }
    }
    // The walk's case: a monitor's value for a year with no open round.
    const uk = describeRefusal({ mutation, reason, rule: "monitor_outside_round_year" }, strings("uk"));
    expect(uk.title).toBe("Значення показників: для цього року немає відкритого раунду моніторингу: комітет заповнює лише рік, що моніториться");
  });

  it("shows the pane's own refusals in the language shown, not the one thrown in", () => {
    const error = new PaneError((t) => ({ title: t.monitoring.blocked.problems, next: t.problemsHint }));
    for (const language of LANGUAGES) {
      const t = strings(language);
      expect(describeError(error, t)).toEqual({ title: t.monitoring.blocked.problems, next: t.problemsHint, details: `PaneError: ${strings("en").monitoring.blocked.problems}` });
    }
  });

  it("gives an unknown failure the general title and the way to report it", () => {
    for (const language of LANGUAGES) {
      const t = strings(language);
      for (const c of UNKNOWN) expect(describeError(c.error, t)).toMatchObject({ title: t.errorTitle, next: t.errors.tryAgain });
      expect(describeError(new ApiError(418, "teapot", "short and stout", null), t)).toMatchObject({ title: t.errorTitle, next: t.errors.tryAgain });
      expect(describeError(excelError("NotImplemented" as never, "x"), t).next).toBe(t.errors.tryAgain);
    }
  });
});

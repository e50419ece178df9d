import { z } from "zod";
import { Id, MissingReason } from "../model/plan.ts";
import { Violation } from "../quality/rules.ts";
import { UnicodeText } from "../model/text.ts";
import { Actor } from "./access.ts";
import { ErrorBody } from "./errors.ts";
import { Version } from "./sync.ts";

/**
 * The annual monitoring round of a plan: for one year, the community's monitoring committee (role
 * `monitor`) fills that year's values and notes, submits them, the editor returns them with comments or
 * approves them; approved values are locked until the round is reopened with a reason.
 *
 *   (none) --open--> open --submit--> submitted --approve--> approved --reopen(reason)--> open
 *                                      submitted --return(comment)--> returned --submit--> submitted
 *
 * Who may act: open, return, approve, reopen — the community's editors (and admins); submit — its monitors
 * and editors. Who may write observations of the round's year (enforced by the server on push):
 *   - monitors: only while the round is `open` or `returned` (values and notes only, as always);
 *   - editors: any time except while the round is `approved` (reopen first);
 *   - a year with no round: editors as before; monitors not at all (the editor opens the round).
 */

export const ROUND_STATUSES = ["open", "submitted", "returned", "approved"] as const;
export const RoundStatus = z.enum(ROUND_STATUSES);
export type RoundStatus = z.infer<typeof RoundStatus>;

export const ROUND_ACTIONS = ["open", "submit", "return", "approve", "reopen"] as const;
export const RoundAction = z.enum(ROUND_ACTIONS);
export type RoundAction = z.infer<typeof RoundAction>;

/**
 * The state machine above as data, for the Worker's guarded steps and the pane's buttons alike: the
 * statuses each step applies to (`open`: a year with no round, which it creates), the status it leaves
 * the round in, and who may take it (an admin acts as an editor).
 */
export const ROUND_STEPS: Record<RoundAction, { from: readonly RoundStatus[]; to: RoundStatus; by: readonly ("editor" | "monitor")[] }> = {
  open: { from: [], to: "open", by: ["editor"] },
  submit: { from: ["open", "returned"], to: "submitted", by: ["monitor", "editor"] },
  return: { from: ["submitted"], to: "returned", by: ["editor"] },
  approve: { from: ["submitted"], to: "approved", by: ["editor"] },
  reopen: { from: ["approved"], to: "open", by: ["editor"] },
};

export const ROUND_COMMENT_MAX = 4000;

export const RoundYear = z.coerce.number().int().min(1900).max(2200);

/** One step of a round, as the audit trail shows it. */
export const RoundEvent = z
  .object({
    action: RoundAction,
    /** The status the step left the round in. */
    status: RoundStatus,
    by: Actor,
    at: z.iso.datetime(),
    /** The editor's comments on a return, the reason of a reopen, optional otherwise. */
    comment: z.string().nullable(),
  })
  .meta({ id: "RoundEvent" });
export type RoundEvent = z.infer<typeof RoundEvent>;

export const Round = z
  .object({
    planId: Id,
    year: z.number().int(),
    status: RoundStatus,
    /** 1 when opened, +1 per step; every step is guarded on it. */
    version: Version,
    updatedAt: z.iso.datetime(),
    updatedBy: Actor,
    /** Oldest first. */
    events: z.array(RoundEvent),
  })
  .meta({ id: "Round" });
export type Round = z.infer<typeof Round>;

/**
 * `POST /v1/plans/{planId}/rounds/{year}`: one step. `baseVersion` is the round's version the step is
 * based on (0 to open a year's first round). `comment` is required to return (what to fix) and to reopen
 * (why an approved value must change).
 */
export const RoundStepRequest = z
  .object({
    action: RoundAction,
    baseVersion: z.number().int().min(0),
    comment: UnicodeText.max(ROUND_COMMENT_MAX, { message: `at most ${ROUND_COMMENT_MAX} characters` }).optional(),
  })
  .superRefine((r, ctx) => {
    if ((r.action === "return" || r.action === "reopen") && !r.comment?.trim())
      ctx.addIssue({
        code: "custom",
        path: ["comment"],
        message: r.action === "return" ? "say what the committee should fix" : "give the reason for reopening an approved round",
      });
  })
  .meta({ id: "RoundStepRequest" });
export type RoundStepRequest = z.infer<typeof RoundStepRequest>;

/**
 * 409: the step does not apply to the round as it stands (stale version, or a step its status does not
 * allow), or a submit or approve found the year's values changing under every check (`field` null).
 */
// A union, not `.nullable()`: zod-to-openapi 9.1 renders a nullable registered schema wrongly in OpenAPI 3.1
// (allOf with null, which no null passes, or the component itself made nullable everywhere).
export const RoundConflict = ErrorBody.extend({ current: z.union([Round, z.null()]) }).meta({ id: "RoundConflict" });
export type RoundConflict = z.infer<typeof RoundConflict>;

/**
 * 422 on a submit or an approve: values of the round's year break the association's quality rules
 * (CatalogueEntry.rules, checked by shared/quality/rules.ts) and the committee has not explained them
 * in their notes (`field: "note"`; the message names each value by code and year). `violations` are
 * those values; once each has a note that is not blank, the step is accepted. An approve is checked
 * again because editors may still change a submitted year's values.
 */
export const RoundUnexplained = ErrorBody.extend({ violations: z.array(Violation) }).meta({ id: "RoundUnexplained" });
export type RoundUnexplained = z.infer<typeof RoundUnexplained>;

export const RoundList = z.object({ rounds: z.array(Round) }).meta({ id: "RoundList" });
export type RoundList = z.infer<typeof RoundList>;

export const RoundParams = z.object({ planId: Id, year: RoundYear });

/** `GET /v1/associations/{id}/rounds?year=`: which members have opened, submitted, approved the year's round. */
export const AssociationRoundsQuery = z.object({ year: RoundYear });
export const AssociationRounds = z
  .object({
    associationId: Id,
    year: z.number().int(),
    members: z.array(
      z.object({
        communityId: Id,
        name: z.string(),
        /** null: no round for the year (or no plan). */
        status: RoundStatus.nullable(),
        updatedAt: z.iso.datetime().nullable(),
      }),
    ),
  })
  .meta({ id: "AssociationRounds" });
export type AssociationRounds = z.infer<typeof AssociationRounds>;

/**
 * `GET /v1/plans/{planId}/rounds/{year}/report`: the annual monitoring report's content, per priority and
 * goal, computed by shared/monitoring/report.ts — the same function the add-in's report sheet uses, over
 * values up to the round's year, with the status rule of shared/monitoring/status.ts. Top-level
 * indicators only: a breakdown ("of which", `parentId`) is a part of its parent's value, not a measure of
 * the plan of its own.
 */
export const REPORT_STATUSES = ["on_track", "at_risk", "off_track", "no_data"] as const;
export const ReportStatus = z.enum(REPORT_STATUSES);

export const ReportIndicator = z.object({
  indicatorId: Id,
  code: z.string().nullable(),
  name: z.string(),
  unit: z.string().nullable(),
  baselineYear: z.number().int().nullable(),
  baselineValue: z.number().nullable(),
  targetYear: z.number().int().nullable(),
  targetValue: z.number().nullable(),
  /**
   * The round year's own target on the indicator's target path (Indicator.targets), which a value of that
   * year is measured against; null where the year has none and the final target applies.
   */
  yearTarget: z.number().nullable(),
  /** The round year's value and the committee's note on it. */
  value: z.number().nullable(),
  /** Why the round year has no value (a reason is no value for progress and status), null without one. */
  missing: MissingReason.nullable(),
  note: z.string().nullable(),
  /** Share of the way from baseline to target (1 = reached), null where the rule gives none. */
  progress: z.number().nullable(),
  status: ReportStatus,
});
export type ReportIndicator = z.infer<typeof ReportIndicator>;

export const RoundReport = z
  .object({
    planId: Id,
    year: z.number().int(),
    /** A union, not `.nullable()` (see RoundConflict). */
    round: z.union([Round, z.null()]),
    priorities: z.array(
      z.object({
        priorityId: Id,
        title: z.string(),
        /** Indicators measuring the priority itself. */
        indicators: z.array(ReportIndicator),
        goals: z.array(z.object({ goalId: Id, title: z.string(), indicators: z.array(ReportIndicator) })),
      }),
    ),
    /** Indicators measuring no priority or goal of the plan: still monitored, so still reported. */
    unlinked: z.array(ReportIndicator),
    /** Indicators per status, every indicator of the report counted once (all four keys present). */
    summary: z.record(ReportStatus, z.number().int().nonnegative()),
  })
  .meta({ id: "RoundReport" });
export type RoundReport = z.infer<typeof RoundReport>;

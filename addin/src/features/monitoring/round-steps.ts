import type { Role } from "../../../../shared/api/access.ts";
import type { ApiClient } from "../../../../shared/api/client.ts";
import type { DueDate } from "../../../../shared/api/deadlines.ts";
import { ROUND_ACTIONS, ROUND_STEPS, type Round, type RoundAction, type RoundStatus } from "../../../../shared/api/rounds.ts";
import type { SyncOutcome } from "../../sync.ts";

/**
 * The Monitoring section's decisions, apart from React so that they are tested against the contract's
 * table (shared/api/rounds.ts): which steps a round's status allows, which of them a role may take,
 * which year the section opens on, and whether the committee's values are on the server for a submit.
 * The server enforces all of it; the pane only offers what would be accepted.
 */

/** How the pane acts on a community: an admin acts as its editor; an analyst or a stranger not at all. */
export type RoundActor = "editor" | "monitor";

export function roundActor(roles: readonly Role[]): RoundActor | undefined {
  if (roles.includes("editor") || roles.includes("admin")) return "editor";
  if (roles.includes("monitor")) return "monitor";
  return undefined;
}

/** The steps `actor` may take on a round in `status` (`null`: the year has no round yet), in the contract's order. */
export function allowedSteps(status: RoundStatus | null, actor: RoundActor | undefined): RoundAction[] {
  if (!actor) return [];
  return ROUND_ACTIONS.filter((a) => {
    const step = ROUND_STEPS[a];
    return (status === null ? step.from.length === 0 : step.from.includes(status)) && step.by.includes(actor);
  });
}

/**
 * The years whose value cells a monitor-only token may fill now (its Indicators sheet is protected but
 * for them): those whose round is open or returned. Undefined for editors and others: no protection.
 */
export function monitorYears(actor: RoundActor | undefined, rounds: readonly Pick<Round, "year" | "status">[]): number[] | undefined {
  if (actor !== "monitor") return undefined;
  return rounds.filter((r) => r.status === "open" || r.status === "returned").map((r) => r.year);
}

/** A return says what to fix, a reopen why an approved value must change: the server refuses them without. */
export const needsComment = (action: RoundAction): boolean => action === "return" || action === "reopen";

/**
 * The year the section opens on: of the plan's years up to this one, the last without an approved round
 * (the round still to be done); when all are approved, or the plan has not started, the current year
 * clipped to the plan's period.
 */
export function defaultRoundYear(plan: { firstYear: number; lastYear: number }, rounds: readonly Pick<Round, "year" | "status">[], currentYear: number): number {
  const clipped = Math.min(plan.lastYear, Math.max(plan.firstYear, currentYear));
  const approved = new Set(rounds.filter((r) => r.status === "approved").map((r) => r.year));
  for (let year = clipped; year >= plan.firstYear; year--) if (!approved.has(year)) return year;
  return clipped;
}

/** Why a submit must wait after the sync that precedes it, or undefined when every value is on the server. */
export type SubmitBlocker = "problems" | "offline" | "conflicts" | "refused";

export function submitBlocker(outcome: Pick<SyncOutcome, "problems" | "offline" | "queued" | "conflicts" | "refused">): SubmitBlocker | undefined {
  if (outcome.problems.length) return "problems";
  if (outcome.offline || outcome.queued > 0) return "offline";
  if (outcome.conflicts.length) return "conflicts";
  // Values the server refused (the round was not open when they were sent) are not the ones reviewed.
  if (outcome.refused.length) return "refused";
  return undefined;
}

/**
 * The due dates the associations the plan's community belongs to (`memberOf`) set, every year's. A due
 * date is a reminder, not a gate: an association whose dates cannot be read now is left out, unsaid.
 */
export async function memberDueDates(client: Pick<ApiClient, "dueDates">, associationIds: readonly string[]): Promise<DueDate[]> {
  const lists = await Promise.all(associationIds.map((id) => client.dueDates(id).then((l) => l.dueDates, () => [])));
  return lists.flat();
}

/** The year's due date a member is held to: the earliest, when several of its associations set one. */
export function earliestDue(dueDates: readonly DueDate[], year: number | undefined): DueDate | undefined {
  return dueDates.filter((d) => d.year === year).sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
}

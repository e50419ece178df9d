import { z } from "zod";
import { CatalogueCode } from "../../shared/api/catalogue.ts";
import { MAX_COMPARED_CODES } from "../../shared/api/compare.ts";
import { CHART_KINDS, MAX_CHART_COMMUNITIES } from "../../shared/layout/comparison.ts";
import { CommunityKind, Id, Language } from "../../shared/model/plan.ts";
import { Batch } from "./batch.ts";
import type { ExcelRun } from "./host.ts";
import { loadParts, queuePartsLookup, queueReplaceParts } from "./xml-parts.ts";

/**
 * What a workbook keeps of its reports, in custom XML parts apart from the plan's state (an analyst's
 * workbook usually has no plan): each report's query and sheet, so Refresh works after reopening, and
 * the connection of a workbook with no plan — the server and the workbook's clientId, never the token.
 * One namespace per thing kept, so each is replaced without reading the others first.
 */

const MemberFilter = {
  regions: z.array(z.string().min(1)).optional(),
  kinds: z.array(CommunityKind).optional(),
  minPopulation: z.number().int().nonnegative().optional(),
  maxPopulation: z.number().int().nonnegative().optional(),
};

/** A report's sheet, by id (so a rename is kept) and the name it had when written. */
export const SheetRef = z.object({ id: z.string(), name: z.string() });
export type SheetRef = z.infer<typeof SheetRef>;

const Association = { associationId: Id, associationName: z.string(), language: Language };

export const ComparisonReport = z.object({
  kind: z.literal("comparison"),
  ...Association,
  params: z.object({
    codes: z.array(CatalogueCode).min(1).max(MAX_COMPARED_CODES),
    from: z.number().int(),
    to: z.number().int(),
    perCapita: z.boolean(),
    ...MemberFilter,
  }),
  chart: z.object({
    kind: z.enum(CHART_KINDS),
    /** Named, so the pane lists the choice before the next response names the members. */
    communities: z.array(z.object({ id: Id, name: z.string() })).max(MAX_CHART_COMMUNITIES),
  }),
  sheet: SheetRef,
});
export type ComparisonReport = z.infer<typeof ComparisonReport>;

export const CompletenessReport = z.object({
  kind: z.literal("completeness"),
  ...Association,
  params: z.object({ year: z.number().int(), ...MemberFilter }),
  sheet: SheetRef,
});
export type CompletenessReport = z.infer<typeof CompletenessReport>;

export type ReportRecord = ComparisonReport | CompletenessReport;
/** A report as asked for, before it has a sheet. */
export type ReportQuery<R extends ReportRecord = ReportRecord> = Omit<R, "sheet">;

export const Connection = z.object({ server: z.url(), clientId: z.string().min(1) });
export type Connection = z.infer<typeof Connection>;

const NAMESPACES = {
  comparison: "urn:muniplan:report:comparison:v1",
  completeness: "urn:muniplan:report:completeness:v1",
  connection: "urn:muniplan:connection:v1",
} as const;
type Kept = keyof typeof NAMESPACES;

/** A kept value that does not read as expected is taken as absent: it is replaced at the next save. */
function parsed<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> | undefined {
  return value === undefined ? undefined : schema.safeParse(value).data;
}

/** Queues a look-up of a kept part; its `items` are there after the caller's next sync. */
export function queueKeptLookup(context: Excel.RequestContext, kept: Kept): Excel.CustomXmlPartScopedCollection {
  return queuePartsLookup(context, NAMESPACES[kept]);
}

/** Queues the replacement of a kept value (its looked-up `existing` parts) into the caller's batch. */
export function queueKeptSave(
  context: Excel.RequestContext,
  batch: Batch,
  existing: Excel.CustomXmlPartScopedCollection,
  kept: Kept,
  value: unknown,
  between?: () => void,
): Promise<void> {
  return queueReplaceParts(context, batch, existing, NAMESPACES[kept], value, between);
}

/** The reports this workbook has built, as last written. */
export async function loadReports(run: ExcelRun): Promise<{ comparison?: ComparisonReport; completeness?: CompletenessReport }> {
  const [comparison, completeness] = await loadParts(run, [NAMESPACES.comparison, NAMESPACES.completeness]);
  return { comparison: parsed(ComparisonReport, comparison), completeness: parsed(CompletenessReport, completeness) };
}

/** Where a workbook with no plan keeps its connection to the store (see SyncController.keepPendingIn). */
export function connectionStore(run: ExcelRun): { load(): Promise<Connection | undefined>; save(connection: Connection): Promise<void> } {
  return {
    load: async () => parsed(Connection, (await loadParts(run, [NAMESPACES.connection]))[0]),
    save: (connection) =>
      run(async (context) => {
        const batch = new Batch(context);
        const existing = queueKeptLookup(context, "connection");
        await batch.flush();
        await queueKeptSave(context, batch, existing, "connection", Connection.parse(connection));
        await batch.flush();
      }),
  };
}

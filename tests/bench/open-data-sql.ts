/**
 * Bench-only worker for tests/bench/open-data.ts: the statement the long export and the OData feed read
 * observations with (worker/src/db/odata.ts readEntitySet) run on the D1 binding inside workerd, with no
 * routing, auth, access checks or encoding — as one statement for every row, or page after page by the
 * same seek the routes use. It answers how many rows and reads that took; the rows stay here, as the
 * routes' own reads stay in the Worker.
 */
import type { Condition } from "../../shared/api/odata.ts";
import type { Env } from "../../worker/src/env.ts";
import { readEntitySet, sortKey } from "../../worker/src/db/odata.ts";

export interface BareJob {
  associationId: string;
  filter: Condition[];
  /** Rows per read; null for one statement. */
  pageSize: number | null;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const job = (await request.json()) as BareJob;
    const reader = { namedOnly: false, notesOf: null };
    let rows = 0;
    let reads = 0;
    let after: (string | number)[] | null = null;
    for (;;) {
      const page = await readEntitySet(env.DB, "Observations", job.associationId, reader, { filter: job.filter, withNotes: true, count: false }, {
        limit: job.pageSize ?? 10_000_000,
        offset: 0,
        after,
      });
      reads++;
      rows += page.rows.length;
      if (job.pageSize === null || page.rows.length < job.pageSize) break;
      after = sortKey("Observations", page.rows.at(-1)!);
    }
    return Response.json({ rows, reads });
  },
};

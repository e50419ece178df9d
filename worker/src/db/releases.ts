import type { Quartile, YearStats } from "../../../shared/api/compare.ts";
import type { Direction } from "../../../shared/model/plan.ts";
import type { Release } from "../../../shared/api/releases.ts";
import type { D1Database } from "../env.ts";
import { ACTIVE_CODES, filterParams, QUARTILE, statistics, type StatsRow, toStats } from "./compare.ts";
import type { Statement } from "./tenancy.ts";

/**
 * An association's releases (shared/api/releases.ts). Publishing freezes, in SQL, every active catalogue
 * code's figures for the year — computed by the comparison's own statistics (db/compare.ts) over all
 * members, values as reported — under the next release number, then records the release, then drops the
 * figures of older releases. Plain statements, so the admin CLI can run them through `wrangler d1 execute`
 * as the Worker runs them in one batch; and in that order, so even outside a transaction a reader sees
 * the previous release whole until the new one exists, and a publication cut short leaves only figures
 * under an unused number, which the next one clears first.
 */

/** The latest release number of the association (?1) for the year (`year`, a parameter), 0 for none. */
const latest = (year: string) => `(SELECT COALESCE(MAX(number), 0) FROM releases WHERE association_id = ?1 AND year = ${year})`;

/** Keeps only the latest release's figures. */
const prune = (table: "release_stats" | "release_values", associationId: string, year: number): Statement => ({
  sql: `DELETE FROM ${table} WHERE association_id = ?1 AND year = ?2 AND number <> ${latest("?2")}`,
  params: [associationId, year],
});

export function publishStatements(associationId: string, year: number, by: { userId: string; at: string }): Statement[] {
  // The statistics' parameters: every member (no filter), the active codes (no ?6), the one year, as reported.
  const figures = [...filterParams(associationId, {}), null, year, year, 0];
  const next = `${latest("?7")} + 1`;
  return [
    prune("release_stats", associationId, year),
    prune("release_values", associationId, year),
    {
      sql: `WITH ${statistics(ACTIVE_CODES)}
        INSERT INTO release_stats (association_id, year, number, code, n, min, q1, median, q3, max, direction)
        SELECT ?1, year, ${next}, code, n, min, q1, median, q3, max,
          (SELECT e.direction FROM catalogue_entries e WHERE e.association_id = ?1 AND e.code = stats.code)
        FROM stats`,
      params: figures,
    },
    {
      sql: `WITH ${statistics(ACTIVE_CODES)}
        INSERT INTO release_values (association_id, year, number, code, community_id, value, rank, quartile)
        SELECT ?1, r.year, ${next}, r.code, r.community_id, r.value, r.rank, ${QUARTILE}
        FROM ranked r JOIN stats s ON s.code = r.code AND s.year = r.year`,
      params: figures,
    },
    {
      sql: `INSERT INTO releases (association_id, year, number, published_at, published_by)
        SELECT ?1, ?2, ${latest("?2")} + 1, ?3, ?4`,
      params: [associationId, year, by.at, by.userId],
    },
    prune("release_stats", associationId, year),
    prune("release_values", associationId, year),
  ];
}

interface ReleaseRow {
  year: number;
  number: number;
  published_at: string;
  published_by: string;
  published_by_name: string;
}

const toRelease = (r: ReleaseRow): Release => ({
  year: r.year,
  number: r.number,
  publishedAt: r.published_at,
  publishedBy: { id: r.published_by, name: r.published_by_name },
});

/** The association's releases, newest first: of one year, or (`year` null) of all. */
const releasesSql = `SELECT r.year, r.number, r.published_at, r.published_by, u.name AS published_by_name
  FROM releases r JOIN users u ON u.id = r.published_by
  WHERE r.association_id = ?1 AND (?2 IS NULL OR r.year = ?2) ORDER BY r.year DESC, r.number DESC`;

export async function listReleases(db: D1Database, associationId: string, year: number | null): Promise<Release[]> {
  const { results } = await db.prepare(releasesSql).bind(associationId, year).all<ReleaseRow>();
  return results.map(toRelease);
}

/** Publishes the year (one batch: all of it or nothing) and returns the new release. */
export async function publish(db: D1Database, associationId: string, year: number, by: { userId: string; at: string }): Promise<Release> {
  const statements = [...publishStatements(associationId, year, by), { sql: `${releasesSql} LIMIT 1`, params: [associationId, year] }];
  const results = await db.batch(statements.map((s) => db.prepare(s.sql).bind(...s.params)));
  return toRelease(results.at(-1)!.results[0] as ReleaseRow);
}

export interface ReleasedStanding {
  code: string;
  /** The direction the rank and quartile were computed by; null for a release from before it was kept. */
  direction: Direction | null;
  stats: YearStats;
  value: number | null;
  rank: number | null;
  quartile: Quartile | null;
}

/**
 * One member's standing per code in the year's latest release, with the release; read in one batch, so
 * the figures are the named release's.
 */
export async function releasedPosition(
  db: D1Database,
  associationId: string,
  communityId: string,
  year: number,
): Promise<{ release: Release | null; standings: ReleasedStanding[] }> {
  const [release, figures] = await db.batch([
    db.prepare(`${releasesSql} LIMIT 1`).bind(associationId, year),
    db
      .prepare(
        `SELECT s.code, s.direction, s.year, s.n, s.min, s.q1, s.median, s.q3, s.max, v.value, v.rank, v.quartile
         FROM release_stats s
         LEFT JOIN release_values v ON v.association_id = s.association_id AND v.year = s.year AND v.number = s.number
           AND v.code = s.code AND v.community_id = ?3
         WHERE s.association_id = ?1 AND s.year = ?2 AND s.number = ${latest("?2")}`,
      )
      .bind(associationId, year, communityId),
  ]);
  const row = (release!.results as unknown as ReleaseRow[])[0];
  type FigureRow = StatsRow & { direction: Direction | null; value: number | null; rank: number | null; quartile: Quartile | null };
  return {
    release: row ? toRelease(row) : null,
    standings: (figures!.results as unknown as FigureRow[]).map((r) => ({
      code: r.code,
      direction: r.direction,
      stats: toStats(r),
      value: r.value,
      rank: r.rank,
      quartile: r.quartile,
    })),
  };
}

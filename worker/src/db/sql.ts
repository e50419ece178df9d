import type { D1Database, D1PreparedStatement } from "../env.ts";

/** D1 refuses a statement that binds more than this many parameters. */
export const MAX_BOUND_PARAMETERS = 100;

/**
 * `INSERT INTO <into> VALUES (...), (...) <suffix>` split into as many statements as D1's parameter
 * limit needs. Values every row shares are bound once, as ?1..?k, and each row's tuple lists them
 * first: `into` must name the shared columns first, then the row's own.
 */
export function multiRowInsert(
  db: D1Database,
  spec: { into: string; shared: readonly unknown[]; rows: readonly (readonly unknown[])[]; suffix?: string },
): D1PreparedStatement[] {
  const { shared, rows } = spec;
  const perRow = rows[0]?.length ?? 0;
  if (perRow === 0) return [];
  const rowsPerStatement = Math.floor((MAX_BOUND_PARAMETERS - shared.length) / perRow);
  if (rowsPerStatement < 1) throw new RangeError(`a row of ${perRow} values does not fit in one statement`);
  const sharedSlots = shared.map((_, i) => `?${i + 1}`);
  const statements: D1PreparedStatement[] = [];
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    const params: unknown[] = [...shared];
    const tuples = chunk.map((row) => {
      const own = row.map((value) => {
        params.push(value);
        return `?${params.length}`;
      });
      return `(${[...sharedSlots, ...own].join(", ")})`;
    });
    const sql = `INSERT INTO ${spec.into} VALUES ${tuples.join(", ")}${spec.suffix ? ` ${spec.suffix}` : ""}`;
    statements.push(db.prepare(sql).bind(...params));
  }
  return statements;
}

/** A D1 error from a constraint: a concurrent writer got there first (or a guard refused the write). */
export function isConstraintError(error: unknown): boolean {
  return error instanceof Error && /constraint failed/i.test(error.message);
}

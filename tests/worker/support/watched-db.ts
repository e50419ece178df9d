import type { D1Database, D1PreparedStatement } from "../../../worker/src/env.ts";

/**
 * `db` as the Worker gets it, watched: `ran(n)` hears of every statement run (each of a batch too, as D1
 * counts a Worker's queries), and a batch waits for `beforeBatch(sql of its statements)` before it runs.
 */
export function watchedDb(db: D1Database, hooks: { ran?(statements: number): void; beforeBatch?(sql: string[]): Promise<void> }): D1Database {
  const real = new WeakMap<object, { statement: D1PreparedStatement; sql: string }>();
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const wrapped = new Proxy(statement, {
      get(target, prop) {
        if (prop === "bind") return (...values: unknown[]) => wrap(target.bind(...values), sql);
        const value = Reflect.get(target, prop) as unknown;
        if (typeof value !== "function") return value;
        if (prop === "all" || prop === "first" || prop === "run" || prop === "raw") hooks.ran?.(1);
        return value.bind(target);
      },
    });
    real.set(wrapped, { statement, sql });
    return wrapped;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql), sql.trim());
      if (prop === "batch")
        return async (statements: D1PreparedStatement[]) => {
          const known = statements.map((s) => real.get(s)!);
          await hooks.beforeBatch?.(known.map((k) => k.sql));
          hooks.ran?.(statements.length);
          return target.batch(known.map((k) => k.statement));
        };
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * A `beforeBatch` that holds the first `n` batches writing rows (an INSERT INTO entities) until all `n`
 * have arrived: `n` requests each decided on what it read before any of them writes. Later batches (a
 * retry's) pass. `arrived()` says how many were held.
 */
export function heldWrites(n: number) {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return {
    async beforeBatch(sql: string[]) {
      if (!sql.some((s) => s.startsWith("INSERT INTO entities")) || ++arrived > n) return;
      if (arrived === n) release();
      await all;
    },
    arrived: () => Math.min(arrived, n),
  };
}

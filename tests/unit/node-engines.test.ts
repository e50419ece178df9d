import { readFileSync } from "node:fs";
import semver from "semver";
import { describe, expect, it } from "vitest";

// package.json's engines field is what we promise a machine: it may claim only Node versions that every
// locked package accepts too (eslint-visitor-keys and rolldown's wasm runtime take 22 only from 22.13, and
// not 23). An upgrade that drops a line we claim, such as wrangler after 4.86 (Node ≥ 22), fails here
// instead of on a planner's or developer's machine.
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const engines: string = JSON.parse(read("package.json")).engines.node;
const locked = Object.entries(JSON.parse(read("package-lock.json")).packages as Record<string, { version?: string; engines?: { node?: string } }>);

describe("the Node versions package.json claims", () => {
  it("are accepted by every locked package that names a Node range", () => {
    const ranges = locked.flatMap(([path, p]) => (path && p.engines?.node ? [{ name: `${path.replace(/^.*node_modules\//, "")}@${p.version}`, node: p.engines.node }] : []));
    expect(ranges.length).toBeGreaterThan(100);
    expect(ranges.filter((r) => !semver.subset(engines, r.node))).toEqual([]);
  });

  it("cover the three lines the project runs on (20, 22 LTS, 24) and the Node CI installs (.node-version)", () => {
    for (const line of ["20.19.0", "22.13.0", "24.0.0"]) expect(semver.satisfies(line, engines)).toBe(true);
    const ci = read(".node-version").trim();
    expect(semver.valid(ci)).toBe(ci);
    expect(semver.major(ci)).toBe(22);
    expect(semver.satisfies(ci, engines)).toBe(true);
  });
});

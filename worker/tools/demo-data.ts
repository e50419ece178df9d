import { amuPlan } from "../../shared/fixtures/amu-plan.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import type { Role } from "../../shared/api/access.ts";
import { QualityRules, type Sharing } from "../../shared/api/catalogue.ts";
import type { RoundStepRequest } from "../../shared/api/rounds.ts";
import { tenancy, type Statement } from "../src/db/tenancy.ts";

/** Demo ids: fixed, so seeding again finds what it seeded before (a range apart from the fixture's). */
const demoId = (group: number, n: number) =>
  `00000000-0000-4000-a000-${(group * 0x10000 + n).toString(16).padStart(12, "0")}`;

export const MEMBER_COUNT = 36;
export const ASSOCIATION_ID = demoId(1, 1);
const memberCommunity = (i: number) => demoId(2, i);
const memberPlan = (i: number) => demoId(3, i);

export const DEMO_USERS = [
  { id: demoId(4, 1), name: "Demo admin (seeding)", role: "admin", scope: null },
  { id: demoId(4, 2), name: "Demo editor of the AMU plan", role: "editor", scope: amuPlan.community.id },
  { id: demoId(4, 3), name: "Demo monitor of the AMU plan", role: "monitor", scope: amuPlan.community.id },
  { id: demoId(4, 4), name: "Demo analyst of the association", role: "analyst", scope: ASSOCIATION_ID },
] as const satisfies readonly { id: string; name: string; role: Role; scope: string | null }[];

/** The members' oblasts, each with its KATOTTH first-level code (shared/model/territory.ts). */
const REGIONS = [
  { name: "Київська", katotth: "32" },
  { name: "Львівська", katotth: "46" },
  { name: "Полтавська", katotth: "53" },
  { name: "Вінницька", katotth: "05" },
  { name: "Житомирська", katotth: "18" },
  { name: "Чернігівська", katotth: "74" },
];
const regionOf = (i: number) => REGIONS[i % REGIONS.length]!;

/**
 * A member's KATOTTH code, of the published shape and in its oblast, but made up (the members are): a
 * hromada (odd numbers, as the codifier numbers them) of raion 01–04, and a 5-digit identifier. Distinct
 * per member, since the hromada digits are.
 */
export const demoTerritoryCode = (i: number) =>
  `UA${regionOf(i).katotth}${String(1 + (i % 4)).padStart(2, "0")}${String(2 * i - 1).padStart(3, "0")}00000${String(10_000 + ((i * 7919) % 90_000))}`;

/**
 * Indicators every member reports: the association compares them across members (issue 6). Each has a
 * Lithuanian name, and two carry quality rules (issue 14): a valid range on the share of repaired roads,
 * and a largest yearly change of own revenue, which a few members' seeded values break.
 */
const CATALOGUE: readonly { code: string; name: string; nameEn: string; nameLt: string; unit: string; base: number; sharing: Sharing; rules: QualityRules }[] = [
  { code: "POP", name: "Чисельність населення", nameEn: "Population", nameLt: "Gyventojų skaičius", unit: "тис. осіб", base: 40, sharing: "named", rules: {} },
  {
    code: "BUD-OWN",
    name: "Власні доходи бюджету на одного мешканця",
    nameEn: "Own budget revenue per resident",
    nameLt: "Nuosavos biudžeto pajamos vienam gyventojui",
    unit: "грн",
    base: 2500,
    sharing: "position",
    rules: { maxChangePct: 10 },
  },
  {
    code: "CNAP",
    name: "Адміністративні послуги, надані через ЦНАП",
    nameEn: "Administrative services provided by the service centre",
    nameLt: "Administracinių paslaugų centre suteiktos paslaugos",
    unit: "тис. послуг",
    base: 12,
    sharing: "position",
    rules: {},
  },
  {
    code: "SME",
    name: "Малі та середні підприємства на 10 тис. мешканців",
    nameEn: "Small and medium enterprises per 10,000 residents",
    nameLt: "Mažosios ir vidutinės įmonės 10 tūkst. gyventojų",
    unit: "од.",
    base: 60,
    sharing: "analysts",
    rules: {},
  },
  { code: "ROADS", name: "Частка відремонтованих доріг", nameEn: "Share of repaired roads", nameLt: "Suremontuotų kelių dalis", unit: "%", base: 15, sharing: "analysts", rules: { min: 0, max: 100 } },
];
const KINDS = ["city", "town", "village", "amalgamated_community"] as const;
/** The years every member reports; `npm start` publishes each (members' positions come from a release). */
export const YEARS = [2013, 2014, 2015];

/**
 * The year the demo's members are monitoring: the year the Monitoring section opens a demo plan on (the
 * current year clipped to the plans' 2013–2015, addin/src/features/monitoring/round-steps.ts). Each
 * member's round of it is open, as its editor opens one, so that the committee can fill the year and the
 * association's analyst can import members' workbooks into it (an import follows the committee's rules).
 */
export const MONITORING_YEAR = YEARS.at(-1)!;

/** Repeatable "random" numbers, so each start seeds the same values. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

/** Everything but the plans, as idempotent statements (the plans go through the API). */
export function demoTenancy(at: string): Statement[] {
  const members = Array.from({ length: MEMBER_COUNT }, (_, i) => i + 1);
  return [
    tenancy.association(ASSOCIATION_ID, "Асоціація міст України", at),
    tenancy.community(amuPlan.community.id, amuPlan.community.name, at),
    ...members.flatMap((i) => [
      tenancy.community(memberCommunity(i), `Громада-член ${String(i).padStart(2, "0")}`, at),
      tenancy.territoryCode(memberCommunity(i), demoTerritoryCode(i)),
      tenancy.membership(ASSOCIATION_ID, memberCommunity(i)),
    ]),
    ...DEMO_USERS.flatMap((u) => [tenancy.user(u.id, u.name, at), tenancy.grant(u.id, u.role, u.scope)]),
    // The catalogue the members' indicators are linked to. An entry still as seeded (version 1, by the
    // seeding admin) follows the seed, so a store seeded before takes the names and rules added since;
    // one an analyst has changed is kept.
    ...CATALOGUE.map((c) => ({
      sql: `INSERT INTO catalogue_entries (association_id, code, name_uk, name_en, unit, direction, frequency,
              definition, sharing, name_lt, rules, status, version, updated_at, updated_by)
            VALUES (?1, ?2, ?3, ?4, ?5, 'increase', 'annually', '', ?6, ?7, ?8, 'active', 1, ?9, ?10)
            ON CONFLICT (association_id, code) DO UPDATE SET name_uk = excluded.name_uk, name_en = excluded.name_en,
              unit = excluded.unit, sharing = excluded.sharing, name_lt = excluded.name_lt, rules = excluded.rules
            WHERE catalogue_entries.version = 1 AND catalogue_entries.updated_by = excluded.updated_by`,
      // Through the schema, as the API writes them: the rules' keys in its order.
      params: [ASSOCIATION_ID, c.code, c.name, c.nameEn, c.unit, c.sharing, c.nameLt, JSON.stringify(QualityRules.parse(c.rules)), at, DEMO_USERS[0].id],
    })),
  ];
}

/** A member's small plan: one priority and goal, the catalogue's indicators and three years of values. */
export function memberPlanDocument(i: number): PlanDocument {
  const random = seeded(i);
  const id = (n: number) => demoId(16 + i, n);
  const communityId = memberCommunity(i);
  const priorityId = id(1);
  const goalId = id(2);
  const size = 0.5 + random() * 2;
  const indicators = CATALOGUE.map((c, k) => ({
    id: id(10 + k),
    code: c.code,
    name: c.name,
    unit: c.unit,
    measures: { kind: "goal" as const, id: goalId },
    baselineYear: 2012,
    baselineValue: Math.round(c.base * size),
    targetValue: Math.round(c.base * size * 1.2),
    targetYear: 2015,
    direction: "increase" as const,
    frequency: "annually" as const,
    order: k,
  }));
  return {
    community: { id: communityId, name: `Громада-член ${String(i).padStart(2, "0")}`, kind: KINDS[i % KINDS.length]!, country: "UA", region: regionOf(i).name, population: Math.round(40_000 * size) },
    plan: { id: memberPlan(i), communityId, title: "Стратегія розвитку громади", firstYear: 2013, lastYear: 2015, language: "uk" },
    swot: [],
    priorities: [{ id: priorityId, title: "Економічний розвиток", order: 0 }],
    goals: [{ id: goalId, priorityId, title: "Зростання власних доходів і послуг", order: 0 }],
    tasks: [],
    risks: [],
    indicators,
    observations: indicators.flatMap((ind, k) =>
      YEARS.map((year, y) => ({
        id: id(100 + k * YEARS.length + y),
        indicatorId: ind.id,
        period: { year },
        value: Math.round(ind.baselineValue! * (1 + (y + 1) * 0.05 + (random() - 0.5) * 0.1) * 10) / 10,
      })),
    ),
  };
}

/**
 * Opens MONITORING_YEAR's round of each member's plan that has none yet, through the API (`post` sends a
 * request as the demo admin, who may do what a member's editor does); a round opened before is left as
 * its members left it. Returns how many it opened.
 */
export async function openMonitoringRounds(post: (path: string, body: RoundStepRequest) => Promise<Response>): Promise<number> {
  let opened = 0;
  for (let i = 1; i <= MEMBER_COUNT; i++) {
    const res = await post(`/v1/plans/${memberPlan(i)}/rounds/${MONITORING_YEAR}`, { action: "open", baseVersion: 0 });
    // 409: the year has a round already (whatever its state now).
    if (res.status === 201) opened++;
    else if (res.status !== 409) throw new Error(`opening member ${i}'s ${MONITORING_YEAR} round: ${res.status} ${await res.text()}`);
  }
  return opened;
}

export function demoPlans(): PlanDocument[] {
  return [amuPlan, ...Array.from({ length: MEMBER_COUNT }, (_, i) => memberPlanDocument(i + 1))];
}

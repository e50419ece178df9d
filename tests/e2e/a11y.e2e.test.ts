import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "./checks.ts";
import { type TourStage, stageTour, walkPane } from "./tour.ts";

// Issue 13: axe-core finds no critical or serious violation in the pane's own markup, in every section
// and after every main action, in Ukrainian at 320 px, with the example plan and each role connected.
let tour: TourStage;

beforeAll(async () => {
  tour = await stageTour();
}, 180_000);

afterAll(() => tour?.stage.close());

describe("the pane's accessibility (axe-core)", () => {
  it("sees the pane's markup: a button without a name put in the pane is reported", async () => {
    const page = await tour.stage.open("plan");
    await page.getByTestId("plan-form").waitFor();
    await page.evaluate(() => document.querySelector("#root main")!.append(document.createElement("button")));
    expect((await axeViolations(page)).join("\n")).toMatch(/^button-name \(critical\)/m);
    await page.close();
  }, 120_000);

  it("has no critical or serious violation anywhere in the pane at 320 px", async () => {
    const found: Record<string, string[]> = {};
    let looked = 0;
    const look = async (page: Parameters<typeof axeViolations>[0], where: string) => {
      looked++;
      const violations = await axeViolations(page);
      if (violations.length) found[where] = violations;
    };
    await walkPane(tour, 320, { look, result: async () => {} });
    // Every stop was looked at: a walk that stopped early would find nothing.
    expect(looked).toBeGreaterThan(30);
    expect(found).toEqual({});
  }, 600_000);
});

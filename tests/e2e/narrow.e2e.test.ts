import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outOfView, overflowing } from "./checks.ts";
import { type TourStage, stageTour, walkPane } from "./tour.ts";

// Issue 13, narrow panes: at the task pane's usual widths nothing in any section is cut off sideways,
// and the answer to each main action is in view right after the click, in Ukrainian, with the example
// plan and each role connected. One stage (one browser) for both widths, a page per workbook.
let tour: TourStage;

beforeAll(async () => {
  tour = await stageTour();
}, 180_000);

afterAll(() => tour?.stage.close());

/** Walks the pane at `width`: what overflows at each stop, and each action whose answer is out of view. */
async function walk(width: number) {
  const cut: Record<string, string[]> = {};
  const away: Record<string, string> = {};
  const looked: string[] = [];
  const answered: string[] = [];
  const look = async (page: Page, where: string) => {
    looked.push(where);
    const found = await overflowing(page);
    if (found.length) cut[where] = found;
  };
  const result = async (_page: Page, answer: Locator, what: string) => {
    answered.push(what);
    // The pane scrolls an answer into view once it has drawn it: given the time it takes, never moved by the test.
    try {
      await expect.poll(() => outOfView(answer)).toBeUndefined();
    } catch {
      away[what] = (await outOfView(answer)) ?? "left the view and came back";
    }
  };
  await walkPane(tour, width, { look, result });
  return { cut, away, looked, answered };
}

describe("the pane at task-pane widths", () => {
  for (const width of [320, 380]) {
    it(`cuts nothing off at ${width} px and shows each action's answer in view`, async () => {
      const { cut, away, looked, answered } = await walk(width);
      console.log(`${width} px: ${looked.length} stops checked for overflow, ${answered.length} actions' answers for view`);
      // Every section and action was reached: a walk that stopped early would find nothing.
      expect(answered).toEqual(expect.arrayContaining(["create sheets", "add a SWOT item", "refresh", "plan check", "send", "build the comparison", "open the round"]));
      expect({ cut, away }).toEqual({ cut: {}, away: {} });
    }, 600_000);
  }
});

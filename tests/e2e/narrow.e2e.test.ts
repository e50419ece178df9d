import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outOfView, overflowing } from "./checks.ts";
import { PANE_HEIGHT, type TourStage, stageTour, walkPane } from "./tour.ts";

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
    // The pane scrolls an answer into view just after drawing it: the check waits for that and never scrolls itself.
    try {
      await expect.poll(() => outOfView(answer)).toBeUndefined();
    } catch {
      away[what] = (await outOfView(answer)) ?? "in view only after the wait";
    }
  };
  await walkPane(tour, width, { look, result });
  return { cut, away, looked, answered };
}

describe("the pane at task-pane widths", () => {
  it("names what is cut off: a box wider than the pane put in it", async () => {
    const page = await tour.stage.open("plan");
    await page.setViewportSize({ width: 320, height: PANE_HEIGHT });
    await page.getByTestId("plan-form").waitFor();
    expect(await overflowing(page)).toEqual([]);
    await page.evaluate(() => {
      const wide = Object.assign(document.createElement("div"), { textContent: "Дуже широкий блок" });
      wide.style.width = "500px";
      wide.dataset.testid = "wide";
      document.querySelector("#root main")!.append(wide);
    });
    expect(await overflowing(page)).toEqual([expect.stringMatching(/^the page scrolls sideways: \d+ px in 320 px$/), expect.stringMatching(/^<div wide> «Дуже широкий блок» spans \d+–\d+ px of 320$/)]);
    await page.close();
  }, 120_000);

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

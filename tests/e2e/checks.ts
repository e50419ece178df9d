import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Locator, Page } from "playwright-core";

// What every section of the pane is held to in Chromium, in one place: axe-core's rules, nothing cut off
// at the pane's width, and an action's result where the user is looking.

/** axe-core's own build, injected from node_modules: the page never reaches for the network. */
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * axe-core's critical and serious violations in the pane's own markup: the React root and Fluent's
 * portals (a toast, a dialog), each as "rule (impact): help — target <html>".
 *
 * One kind of node is left out, of one rule: Tabster's focus sentinels (`<i data-tabster-dummy
 * aria-hidden="true" tabindex="0">`, which Fluent puts around a toaster, a tab list, a focus trap) under
 * aria-hidden-focus. They are focusable and hidden on purpose: focusing one moves focus on to the real
 * control at once, and a screen reader must not announce it (microsoft/tabster#288; Accessibility
 * Insights suppresses the same false positive, microsoft/accessibility-insights-web#7605). The rule still
 * runs on every other node.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
    const include = [...document.querySelectorAll("#root, [data-portal-node]")];
    const { violations } = await axe.run({ include }, { resultTypes: ["violations"], elementRef: true });
    const sentinel = (v: { id: string }, n: { element?: HTMLElement }) => v.id === "aria-hidden-focus" && !!n.element?.matches("[data-tabster-dummy]");
    return violations
      .filter((v) => v.impact === "critical" || v.impact === "serious")
      .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !sentinel(v, n)) }))
      .filter((v) => v.nodes.length > 0)
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(" ")} ${n.html.slice(0, 200)}`).join(", ")}`);
  });
}

/**
 * What is cut off at the page's width: the page scrolling sideways, and every shown element whose box
 * ends past the viewport's right edge or starts left of it, named by tag, test id or label, and text.
 */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    const scroller = document.scrollingElement!;
    if (scroller.scrollWidth > scroller.clientWidth) found.push(`the page scrolls sideways: ${scroller.scrollWidth} px in ${scroller.clientWidth} px`);
    for (const el of document.body.querySelectorAll("*")) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.right <= width + 0.5 && box.left >= -0.5) continue;
      const name = el.getAttribute("data-testid") ?? el.getAttribute("aria-label") ?? el.getAttribute("role") ?? "";
      const text = (el.textContent ?? "").trim().slice(0, 40);
      found.push(`<${el.tagName.toLowerCase()}${name ? ` ${name}` : ""}> «${text}» spans ${Math.round(box.left)}–${Math.round(box.right)} px of ${width}`);
    }
    return found;
  });
}

/**
 * Where `result` is against the viewport, unless it is in view: wholly inside it, or, an answer taller
 * than the viewport (a table of results), starting in its upper half so that it fills most of it.
 * What a failed "in view" check says.
 */
export function outOfView(result: Locator): Promise<string | undefined> {
  return result.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const sideways = box.left >= -0.5 && box.right <= window.innerWidth + 0.5;
    const tall = box.height > window.innerHeight;
    const inside = sideways && box.top >= -0.5 && (tall ? box.top <= window.innerHeight / 2 : box.bottom <= window.innerHeight + 0.5);
    return inside ? undefined : `at ${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)} in a ${window.innerWidth}×${window.innerHeight} viewport`;
  });
}

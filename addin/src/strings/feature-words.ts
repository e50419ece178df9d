import type { Language } from "../../../shared/model/plan.ts";
import { LANGUAGE, type Strings } from "./en.ts";

/**
 * A feature's own words in every language, downloaded with the feature's code rather than with the pane's
 * first screen (tests/unit/first-load.test.ts). `words(t)` gives them in the language of the pane's words
 * `t`: a component's `t` prop, so they follow a switch of language as the rest of the pane does.
 */
export interface FeatureWords<W> {
  (t: Strings): W;
  /**
   * `(t) => pick(words(t))`: the form a PaneError's words, a step's label or a cancel's next step take,
   * looked up when shown, so in the pane's language then.
   */
  map<R>(pick: (words: W) => R): (t: Strings) => R;
  /** Every language's, for the words tests. */
  readonly all: Readonly<Record<Language, W>>;
}

/**
 * A feature's words from one object per language: give uk and lt the type of en's (`const uk: typeof en`),
 * so that a text missing in either fails tsc, as in strings/{uk,lt}.ts.
 */
export function featureWords<W>(all: Record<Language, W>): FeatureWords<W> {
  const words = (t: Strings) => all[t[LANGUAGE]];
  return Object.assign(words, { map: <R>(pick: (w: W) => R) => (t: Strings) => pick(words(t)), all });
}

// Office's own lint rules for add-ins (eslint-plugin-office-addins): load before read, sync before
// read, sync after load, no context.sync() in a loop, isNullObject for *OrNullObject proxies, no
// navigational or empty load, no Office.initialize. Run in `npm test` and `npm run lint`:
//   eslint -c addin/eslint.config.js addin
import tsParser from "@typescript-eslint/parser";
import officeAddins from "eslint-plugin-office-addins";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

// The rule list is the plugin's recommended config, so a rule Microsoft adds there is checked here
// too. Only its office-addins/* rules: the rest of that config (prettier formatting, eslint and
// typescript-eslint rule sets) is not about Office.js and is not this project's style. Every rule is
// an error, so `npm test` fails on a finding that the recommended config would only warn about.
const officeRules = Object.fromEntries(
  officeAddins.configs.recommended
    .flatMap((config) => Object.keys(config.rules ?? {}))
    .filter((rule) => rule.startsWith("office-addins/"))
    .map((rule) => [rule, "error"]),
);
if (Object.keys(officeRules).length === 0) throw new Error("eslint-plugin-office-addins: no rules found in its recommended config");

// The pane's TypeScript and React rules: typescript-eslint's recommended set (type-unaware, so the
// lint stays fast) and the two classic rules of React hooks, both errors. Only those two of
// eslint-plugin-react-hooks: its other rules are the React Compiler's, which this project does not use.
const paneRules = {
  ...Object.assign({}, ...tseslint.configs.recommended.map((config) => config.rules ?? {})),
  // `const { lang: _, ...rest } = o` is how a field is left out of a copy.
  "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
  "react-hooks/rules-of-hooks": "error",
  "react-hooks/exhaustive-deps": "error",
};

export default [
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parser: tsParser, sourceType: "module" },
    // A disable comment that suppresses nothing is itself a finding: none is left to hide behind.
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { "office-addins": officeAddins, "@typescript-eslint": tseslint.plugin, "react-hooks": reactHooks },
    rules: { ...officeRules, ...paneRules },
  },
  {
    // The pane's sections get Excel from the context App provides (addin/src/state/pane.tsx), so the
    // adapter stays behind one door; its types may be named.
    files: ["addin/src/features/**", "addin/src/components/**", "addin/src/state/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/excel/*"], allowTypeImports: true, message: "Take Excel from usePaneServices().excel (App binds the adapter)." }] },
      ],
    },
  },
];

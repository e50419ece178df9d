// Office's own lint rules for add-ins (eslint-plugin-office-addins): load before read, sync before
// read, sync after load, no context.sync() in a loop, isNullObject for *OrNullObject proxies, no
// navigational or empty load, no Office.initialize. Run in `npm test` and `npm run lint`:
//   eslint -c addin/eslint.config.js addin
import tsParser from "@typescript-eslint/parser";
import officeAddins from "eslint-plugin-office-addins";

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

// The pane marks its deliberate exceptions to react-hooks/exhaustive-deps, whose rules a later issue
// adds. ESLint refuses a disable comment naming a rule it does not know, so the name is declared here;
// it checks nothing, so those comments suppress nothing and are not reported as unused.
const reactHooksNamesOnly = { rules: { "exhaustive-deps": { create: () => ({}) } } };

export default [
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parser: tsParser, sourceType: "module" },
    linterOptions: { reportUnusedDisableDirectives: "off" },
    plugins: { "office-addins": officeAddins, "react-hooks": reactHooksNamesOnly },
    rules: officeRules,
  },
];

import { makeStyles, tokens } from "@fluentui/react-components";

/** The layout the pane's form sections share: a column of fields, rows of controls that wrap, a field that takes the rest. */
export const useSectionStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "end" },
  grow: { flexGrow: 1, minWidth: "120px" },
  // A native select is as wide as its longest option (a goal's title runs to 458 px): as wide as the pane
  // instead, the chosen line cut with an ellipsis (the open list still shows every option in full).
  fit: { minWidth: 0, maxWidth: "100%", "& select": { minWidth: 0, width: "100%", textOverflow: "ellipsis" } },
});

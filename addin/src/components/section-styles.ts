import { makeStyles, tokens } from "@fluentui/react-components";

/** The layout the pane's form sections share: a column of fields, rows of controls that wrap, a field that takes the rest. */
export const useSectionStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "end" },
  grow: { flexGrow: 1, minWidth: "120px" },
});

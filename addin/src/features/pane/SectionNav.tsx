import { Tab, TabList } from "@fluentui/react-components";
import { usePane } from "../../state/pane.tsx";
import type { Strings } from "../../strings.ts";
import { SECTIONS, type Section } from "./sections.ts";

/** The sections to switch between; one needing a plan, or a linked plan, waits for it. */
export function SectionNav(props: { section: Section; onSection: (section: Section) => void; t: Strings }) {
  const hasPlan = usePane((s) => !!s.workbook);
  const linked = usePane((s) => !!s.workbook?.sync?.engine);
  const unavailable = (s: Section) => (s !== "plan" && s !== "sync" && s !== "compare" && !hasPlan) || (s === "monitoring" && !linked);
  return (
    <TabList selectedValue={props.section} onTabSelect={(_, d) => props.onSection(d.value as Section)} size="small" style={{ flexWrap: "wrap" }}>
      {SECTIONS.map((s) => (
        <Tab key={s} value={s} disabled={unavailable(s)} data-testid={`tab-${s}`}>
          {props.t.sections[s]}
        </Tab>
      ))}
    </TabList>
  );
}

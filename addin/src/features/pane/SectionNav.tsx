import { Caption1, Menu, MenuButton, MenuGroup, MenuGroupHeader, MenuItemRadio, MenuList, MenuPopover, MenuTrigger } from "@fluentui/react-components";
import { usePane } from "../../state/pane.tsx";
import type { Strings } from "../../strings.ts";
import { SECTION_GROUPS, type Section } from "./sections.ts";

/**
 * The sections, grouped, behind one button that names the open one: one row at any task-pane width.
 * A section that needs a plan, or a plan linked to the store, says so instead of only being grey.
 */
export function SectionNav(props: { section: Section; onSection: (section: Section) => void; t: Strings }) {
  const { t } = props;
  const hasPlan = usePane((s) => !!s.workbook);
  const linked = usePane((s) => !!s.workbook?.sync?.engine);
  const why = (s: Section): string | undefined => {
    if (s !== "plan" && s !== "sync" && s !== "compare" && !hasPlan) return t.pane.needsPlan;
    if (s === "monitoring" && !linked) return t.pane.needsLink;
    return undefined;
  };
  return (
    <Menu checkedValues={{ section: [props.section] }} onCheckedValueChange={(_, d) => props.onSection(d.checkedItems[0] as Section)}>
      <MenuTrigger disableButtonEnhancement>
        <MenuButton appearance="primary" shape="rounded" data-testid="nav" aria-label={`${t.pane.section}: ${t.sections[props.section]}`} style={{ alignSelf: "flex-start", maxWidth: "100%" }}>
          {t.sections[props.section]}
        </MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {SECTION_GROUPS.map(({ group, sections }) => (
            <MenuGroup key={group}>
              <MenuGroupHeader>{t.pane.groups[group]}</MenuGroupHeader>
              {sections.map((s) => {
                const reason = why(s);
                return (
                  <MenuItemRadio key={s} name="section" value={s} disabled={!!reason} data-testid={`tab-${s}`}>
                    {t.sections[s]}
                    {reason && <Caption1 block>{reason}</Caption1>}
                  </MenuItemRadio>
                );
              })}
            </MenuGroup>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

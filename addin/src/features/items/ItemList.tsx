import { Button, type ButtonProps, Input, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Language } from "../../../../shared/model/plan.ts";
import type { Strings } from "../../strings.ts";
import type { ListItem } from "./EntityEditor.tsx";
import { useListView } from "./useListView.ts";

const useStyles = makeStyles({
  list: { listStyle: "none", padding: 0, margin: `${tokens.spacingVerticalS} 0`, display: "flex", flexDirection: "column", gap: "2px" },
  item: { display: "flex", alignItems: "baseline", gap: tokens.spacingHorizontalS, padding: "2px 4px", borderRadius: tokens.borderRadiusSmall },
  itemText: { flexGrow: 1, overflowWrap: "anywhere" },
  detail: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  search: { marginTop: tokens.spacingVerticalM, maxWidth: "100%" },
  none: { color: tokens.colorNeutralForeground3 },
});

/**
 * A section's items, below its form: a long list can be searched and shows its first items until all
 * are asked for, so the list never pushes the form (the section's main action) out of reach.
 */
export function ItemList(props: { items: ListItem[]; selectedId?: string; onPick: (id: string) => void; control: ButtonProps; t: Strings; language: Language }) {
  const styles = useStyles();
  const { t } = props;
  const view = useListView(props.items, props.language);
  return (
    <>
      {view.long && (
        <Input
          className={styles.search}
          type="search"
          value={view.query}
          onChange={(_, d) => view.setQuery(d.value)}
          placeholder={t.list.search}
          aria-label={t.list.search}
          data-testid="list-search"
        />
      )}
      <ul className={styles.list} data-testid="item-list">
        {view.shown.map((item) => (
          <li key={item.id} className={`${styles.item} ${item.id === props.selectedId ? styles.selected : ""}`} style={{ paddingLeft: `${4 + 14 * (item.level ?? 0)}px` }}>
            <span className={styles.itemText}>
              {item.label}
              {item.detail && <span className={styles.detail}> · {item.detail}</span>}
            </span>
            <Button size="small" appearance="subtle" onClick={() => props.onPick(item.id)} {...props.control}>
              {t.edit}
            </Button>
          </li>
        ))}
      </ul>
      {view.total === 0 && view.query && <Text className={styles.none}>{t.list.none}</Text>}
      {(view.collapsed || view.expanded) && (
        <Button appearance="transparent" onClick={view.toggle} aria-expanded={view.expanded} data-testid="list-toggle">
          {view.collapsed ? t.list.showAll(view.total) : t.list.showFewer}
        </Button>
      )}
    </>
  );
}

import { Button, Select, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { Suspense, lazy, useState } from "react";
import { LANGUAGE_LABELS } from "../../../../shared/i18n/labels.ts";
import { LANGUAGES, type Language } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { usePane } from "../../state/pane.tsx";
import type { Strings } from "../../strings.ts";
import { useRefresh } from "../plan/usePlanActions.ts";
import { RefreshFlagsView } from "../quality/RefreshFlagsView.tsx";

// The help and its Excel check are downloaded when first opened.
const Help = lazy(() => import("../../components/Help.tsx").then((m) => ({ default: m.Help })));

const useStyles = makeStyles({
  header: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  grow: { flexGrow: 1 },
});

/**
 * The pane's title, its language, the help, and the refresh from the sheets with its result under it (and
 * the values the association's quality rules flag).
 */
export function PaneHeader(props: { language: Language; onLanguage: (language: Language) => void; t: Strings }) {
  const { t, language } = props;
  const styles = useStyles();
  const [help, setHelp] = useState(false);
  const hasPlan = usePane((s) => !!s.workbook);
  const { refresh, busy, state, flags } = useRefresh(t, language);
  return (
    <>
      <div className={styles.header}>
        <Text weight="semibold" size={500} className={styles.grow}>
          {t.appTitle}
        </Text>
        <Select value={language} onChange={(_, d) => props.onLanguage(d.value as Language)} aria-label={t.language} size="small">
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_LABELS[l][l]}
            </option>
          ))}
        </Select>
        <Button appearance="subtle" size="small" onClick={() => setHelp(!help)} aria-expanded={help} data-testid="help-toggle">
          {help ? t.help.close : t.help.open}
        </Button>
        {hasPlan && (
          <Button onClick={refresh} disabled={busy} data-testid="refresh">
            {t.refresh}
          </Button>
        )}
      </div>
      <ActionResult id="language" t={t} language={language} />
      <ActionResult id="refresh" t={t} language={language} />
      {/* Shown while the Refresh result is: another action's outcome replaces both. */}
      <RefreshFlagsView flags={state?.outcome?.ok ? flags : undefined} t={t} language={language} />
      {help && (
        <Suspense fallback={<Spinner size="tiny" label={t.working} />}>
          <Help t={t} language={language} />
        </Suspense>
      )}
    </>
  );
}

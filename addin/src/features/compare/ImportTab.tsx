import { Spinner } from "@fluentui/react-components";
import { Suspense, lazy } from "react";
import type { Language } from "../../../../shared/model/plan.ts";
import type { Strings } from "../../strings.ts";

// The import's panel, its reader and the .xlsx libraries load when the analyst opens the tab.
const ImportWorkbooks = lazy(() => import("./ImportWorkbooks.tsx").then((m) => ({ default: m.ImportWorkbooks })));
// The blank template for a member, below the import it feeds.
const ImportTemplate = lazy(() => import("./ImportTemplate.tsx").then((m) => ({ default: m.ImportTemplate })));

/** The Compare section's Import tab (analysts and admins: CompareView shows it to them only). */
export function ImportTab(props: { associationId: string; language: Language; t: Strings }) {
  return (
    <Suspense fallback={<Spinner size="tiny" />}>
      <ImportWorkbooks {...props} />
      <ImportTemplate {...props} />
    </Suspense>
  );
}

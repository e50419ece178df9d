import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { connectExcel } from "../excel/host.ts";
import { App, OutsideExcel, SECTIONS, type Section } from "./App.tsx";
import { browserTokenStore } from "./credentials.ts";
import { associateRibbon } from "./ribbon.ts";
import { PlanSession } from "./session.ts";
import { SyncController } from "./sync.ts";
import { languageFromLocale, loadStrings } from "./language.ts";

associateRibbon();
// Render after Office says where we are (Office.onReady), inside FluentProvider.
const host = await connectExcel();
const params = new URLSearchParams(location.search);
const section = (SECTIONS as readonly string[]).includes(params.get("section") ?? "") ? (params.get("section") as Section) : "plan";
const language = languageFromLocale(params.get("lang") ?? host?.displayLanguage ?? navigator.language);
// Only the language shown is downloaded; the pane loads another when the user picks it.
const t = await loadStrings(language);
const root = createRoot(document.getElementById("root")!);
root.render(
  <FluentProvider theme={webLightTheme}>
    {host ? (
      <App
        {...(() => {
          const session = new PlanSession(host);
          return { session, sync: new SyncController(session, browserTokenStore()), run: host.run };
        })()}
        // Platform, version and requirement sets for the help's "Check this Excel".
        excel={host}
        // In production the Worker serves the pane, so the store is on the pane's own origin.
        defaultServer={params.get("server") ?? (location.port === "3000" ? "http://127.0.0.1:8787" : location.origin)}
        initial={{ language, t }}
        initialSection={section}
        // The example plan is loaded only when asked for, so it stays out of the first download.
        example={async () => (await import("../../shared/fixtures/amu-plan.ts")).amuPlan}
      />
    ) : (
      <OutsideExcel t={t} />
    )}
  </FluentProvider>,
);

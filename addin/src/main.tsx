import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { connectExcel } from "../excel/host.ts";
import { App, OutsideExcel, SECTIONS, type Section } from "./App.tsx";
import { PlanSession } from "./session.ts";
import { languageFromLocale } from "./strings.ts";

// Render after Office says where we are (Office.onReady), inside FluentProvider.
const host = await connectExcel();
const params = new URLSearchParams(location.search);
const section = (SECTIONS as readonly string[]).includes(params.get("section") ?? "") ? (params.get("section") as Section) : "plan";
const language = languageFromLocale(params.get("lang") ?? host?.displayLanguage ?? navigator.language);
const root = createRoot(document.getElementById("root")!);
root.render(
  <FluentProvider theme={webLightTheme}>
    {host ? (
      <App
        session={new PlanSession(host)}
        initialLanguage={language}
        initialSection={section}
        // The example plan is loaded only when asked for, so it stays out of the first download.
        example={async () => (await import("../../shared/fixtures/amu-plan.ts")).amuPlan}
      />
    ) : (
      <OutsideExcel language={language} />
    )}
  </FluentProvider>,
);

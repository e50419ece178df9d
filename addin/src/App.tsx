import {
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { LocatedFinding } from "../../shared/check/plan-check.ts";
import { LANGUAGE_LABELS } from "../../shared/i18n/labels.ts";
import { sheetNameProblem } from "../../shared/layout/cells.ts";
import type { Problem, SheetKind } from "../../shared/layout/grid.ts";
import { LANGUAGES, type EntityKind, type EntityOf, type Language, type PlanDocument } from "../../shared/model/plan.ts";
import { Help } from "./components/Help.tsx";
import { ProblemList } from "./components/ProblemList.tsx";
import { remove, upsert } from "./edits.ts";
import type { ExcelHost, ExcelRun } from "../excel/host.ts";
import { connectionStore } from "../excel/reports-state.ts";
import { IndicatorsGuard } from "../excel/round-report.ts";
import { SheetNameTaken } from "../excel/sheets.ts";
import { CompareSection } from "./sections/CompareSection.tsx";
import { MonitoringSection } from "./sections/MonitoringSection.tsx";
import { PlanSection } from "./sections/PlanSection.tsx";
import { GoalsSection, IndicatorsSection, RisksSection, SwotSection, type SectionProps } from "./sections/items.tsx";
import type { PlanSession } from "./session.ts";
import { useRibbonSection } from "./ribbon.ts";
import { type LinkedSectionProps, SyncSection } from "./sections/SyncSection.tsx";
import type { SyncController } from "./sync.ts";
import { strings } from "./strings.ts";

export const SECTIONS = ["plan", "swot", "goals", "risks", "indicators", "check", "sync", "compare", "monitoring"] as const;
export type Section = (typeof SECTIONS)[number];

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, maxWidth: "640px" },
  header: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  grow: { flexGrow: 1 },
});

/** The task pane: sections over one plan session; every failure shows in a MessageBar. */
export function App(props: {
  session: PlanSession;
  sync: SyncController;
  /** Excel for what lives beside the plan: the analyst's reports, a plan-less workbook's connection. */
  run: ExcelRun;
  /** What Office says about itself (diagnostics, requirement sets), for the help's Excel check. */
  excel?: Omit<ExcelHost, "run">;
  /** Where the shared store is, by default (the pane's own origin in production). */
  defaultServer: string;
  initialLanguage: Language;
  initialSection: Section;
  example: () => Promise<PlanDocument>;
}) {
  const { session } = props;
  const styles = useStyles();
  const [language, setLanguage] = useState<Language>(props.initialLanguage);
  const [section, setSection] = useState<Section>(props.initialSection);
  useRibbonSection(setSection);
  const [doc, setDoc] = useState<PlanDocument>();
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [findings, setFindings] = useState<LocatedFinding[]>();
  const [goalLevel, setGoalLevel] = useState<"priorities" | "goals" | "tasks">("priorities");
  const [taken, setTaken] = useState<{ kind: SheetKind; name: string }[]>();
  const [help, setHelp] = useState(false);
  const t = strings(language);

  // A monitor's Indicators sheet is protected between the pane's actions, never during them: MuniPlan rewrites it.
  const guard = useMemo(() => new IndicatorsGuard(props.run, () => session.state?.sheets.indicators?.id), [props.run, session]);
  const act = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setStatus(undefined);
    try {
      await guard.lift();
      await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      await guard.apply().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
      setBusy(false);
    }
  }, [guard]);

  useEffect(() => {
    void act(async () => {
      const state = await session.open();
      // An analyst's workbook usually has no plan: its connection to the store is kept apart.
      await props.sync.keepPendingIn(connectionStore(props.run));
      setDoc(state?.doc);
      setLoaded(true);
    });
  }, [session, act]);

  const write = (next: PlanDocument, names?: Partial<Record<SheetKind, string>>) =>
    act(async () => {
      const bad = Object.values(names ?? {}).map((n) => n && sheetNameProblem(n)).find(Boolean);
      if (bad) throw new Error(bad);
      try {
        if (session.state) {
          // The plan exists: its header changes on top of what the sheets hold now, never over them.
          const result = await session.edit((d) => ({ ...d, plan: next.plan, community: next.community }), next.plan.language);
          setProblems(result.problems);
          setDoc(result.doc);
          if (result.problems.length) setError(t.fixFirst);
          else setStatus(t.saved);
          return;
        }
        const count = await session.write(next, next.plan.language, names);
        setTaken(undefined);
        setDoc(next);
        setStatus(t.created(count));
      } catch (e) {
        if (e instanceof SheetNameTaken) setTaken(e.taken);
        else throw e;
      }
    });

  const edit = (change: (d: PlanDocument) => PlanDocument) =>
    act(async () => {
      const result = await session.edit(change);
      setProblems(result.problems);
      setDoc(result.doc);
      if (result.problems.length) setError(t.fixFirst);
      else setStatus(t.saved);
    });

  const refresh = () =>
    act(async () => {
      const result = await session.refresh();
      setProblems(result.problems);
      setDoc(result.doc);
      // With problems nothing is taken from the sheets; the problem list says what to fix.
      if (result.problems.length === 0) setStatus(t.refreshed(result.changes.length));
    });

  const select = (p: Problem) => act(() => session.select(p));

  const sectionProps: SectionProps | undefined = useMemo(
    () =>
      doc && {
        doc,
        language,
        t,
        busy,
        save: <K extends EntityKind>(kind: K, entity: EntityOf<K>) => edit((d) => upsert(d, kind, entity)),
        remove: (kind: EntityKind, id: string) => edit((d) => remove(d, kind, id)),
      },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [doc, language, busy],
  );
  const linkedProps: LinkedSectionProps = {
    sync: props.sync,
    link: session.state?.sync,
    doc,
    language,
    t,
    busy,
    act,
    onDocChanged: () => setDoc(session.state?.doc),
    onProblems: setProblems,
  };

  return (
    <main className={styles.root}>
      <div className={styles.header}>
        <Text weight="semibold" size={500} className={styles.grow}>
          {t.appTitle}
        </Text>
        <Select value={language} onChange={(_, d) => setLanguage(d.value as Language)} aria-label={t.language} size="small">
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_LABELS[l][l]}
            </option>
          ))}
        </Select>
        <Button appearance="subtle" size="small" onClick={() => setHelp(!help)} aria-expanded={help} data-testid="help-toggle">
          {help ? t.help.close : t.help.open}
        </Button>
        {doc && (
          <Button onClick={refresh} disabled={busy} data-testid="refresh">
            {t.refresh}
          </Button>
        )}
      </div>
      {help && <Help host={{ ...props.excel, run: props.run }} t={t} busy={busy} />}
      {busy && <Spinner size="tiny" label={t.working} />}
      {error && (
        <MessageBar intent="error" layout="multiline" data-testid="error">
          <MessageBarBody>
            <MessageBarTitle>{t.errorTitle}</MessageBarTitle>
            {error}
          </MessageBarBody>
        </MessageBar>
      )}
      {status && (
        <MessageBar intent="success" data-testid="status">
          <MessageBarBody>{status}</MessageBarBody>
        </MessageBar>
      )}
      <ProblemList title={t.problemsTitle(problems.length)} hint={t.problemsHint} problems={problems} language={language} onSelect={select} testId="problems" />
      <TabList selectedValue={section} onTabSelect={(_, d) => setSection(d.value as Section)} size="small" style={{ flexWrap: "wrap" }}>
        {SECTIONS.map((s) => (
          <Tab key={s} value={s} disabled={(s !== "plan" && s !== "sync" && s !== "compare" && !doc) || (s === "monitoring" && !session.state?.sync?.engine)} data-testid={`tab-${s}`}>
            {t.sections[s]}
          </Tab>
        ))}
      </TabList>
      {loaded && section === "plan" && (
        <>
          {!doc && <Text>{t.noPlan}</Text>}
          <PlanSection
            key={doc?.plan.id ?? "new"}
            doc={doc}
            language={language}
            t={t}
            busy={busy}
            sheetNames={{}}
            onWrite={write}
            onExample={async () => write(await props.example())}
            taken={taken}
            onCancelTaken={() => setTaken(undefined)}
          />
        </>
      )}
      {sectionProps && section === "swot" && <SwotSection {...sectionProps} />}
      {sectionProps && section === "goals" && (
        <>
          <Select value={goalLevel} onChange={(_, d) => setGoalLevel(d.value as typeof goalLevel)} aria-label={t.level}>
            <option value="priorities">{t.priority}</option>
            <option value="goals">{t.goal}</option>
            <option value="tasks">{t.task}</option>
          </Select>
          <GoalsSection {...sectionProps} level={goalLevel} />
        </>
      )}
      {sectionProps && section === "risks" && <RisksSection {...sectionProps} />}
      {sectionProps && section === "indicators" && <IndicatorsSection {...sectionProps} sync={props.sync} edit={edit} />}
      {loaded && section === "sync" && <SyncSection {...linkedProps} defaultServer={props.defaultServer} />}
      {loaded && section === "compare" && (
        <CompareSection sync={props.sync} run={props.run} language={language} t={t} busy={busy} act={act} defaultServer={props.defaultServer} />
      )}
      {loaded && section === "monitoring" && (
        <MonitoringSection {...linkedProps} session={session} run={props.run} onMonitorYears={(years) => guard.protectFor(years)} />
      )}
      {sectionProps && section === "check" && (
        <div data-testid="check">
          <Text block>{t.checkIntro}</Text>
          <Button appearance="primary" onClick={() => act(async () => setFindings(session.check(language)))} disabled={busy} style={{ margin: "8px 0" }}>
            {t.runCheck}
          </Button>
          {findings && findings.length === 0 && <Text block>{t.checkNone}</Text>}
          {findings && findings.length > 0 && (
            <ProblemList title={t.items(findings.length)} problems={findings} language={language} onSelect={select} intent="warning" testId="findings" />
          )}
        </div>
      )}
    </main>
  );
}

/** What the pane shows outside Excel: a plain browser cannot hold a workbook. */
export function OutsideExcel(props: { language: Language }) {
  const t = strings(props.language);
  return (
    <main style={{ padding: 16, maxWidth: 640 }}>
      <MessageBar intent="warning" layout="multiline" data-testid="outside-excel">
        <MessageBarBody>
          <MessageBarTitle>{t.outsideTitle}</MessageBarTitle>
          {t.outsideBody} <Link href="help.html">MuniPlan</Link>
        </MessageBarBody>
      </MessageBar>
    </main>
  );
}

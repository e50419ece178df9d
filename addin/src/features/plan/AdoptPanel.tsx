import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Select, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { type ClipboardEvent, useState } from "react";
import { type AdoptResult, adopt } from "../../../../shared/adopt/recognise.ts";
import { LANGUAGE_LABELS } from "../../../../shared/i18n/labels.ts";
import type { SheetKind } from "../../../../shared/layout/grid.ts";
import { LANGUAGES, type Language } from "../../../../shared/model/plan.ts";
import { ActionResult } from "../../components/ActionResult.tsx";
import { useSectionStyles } from "../../components/section-styles.ts";
import { panePartition } from "../../credentials.ts";
import { PaneError } from "../../errors.ts";
import { usePaneServices } from "../../state/pane.tsx";
import { useAction, warn } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";
import { AdoptPreview } from "./AdoptPreview.tsx";
import { adoptWords } from "./adopt-words.ts";
import { type AdoptDraft, type AdoptRead, type Correction, type KeptDraft, correct, draftStore, previewedIn, rangeRead } from "./adopt-state.ts";
import { NameTakenDialog } from "./NameTakenDialog.tsx";
import { type Values, readPlanForm, valuesOf } from "./plan-form.ts";
import { usePlanWrite } from "./usePlanActions.ts";

const useStyles = makeStyles({
  head: { display: "flex", flexWrap: "wrap", alignItems: "baseline", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  text: { minWidth: 0, maxWidth: "100%", "& textarea": { minHeight: "8lh", fontSize: tokens.fontSizeBase200 } },
  years: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(110px, 1fr))", gap: tokens.spacingHorizontalS },
  error: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});

/** The header fields the panel asks for: what the text does not always say. The rest comes from the adopted plan. */
type Header = Pick<Values, "name" | "title" | "firstYear" | "lastYear" | "language">;
const HEADER_FIELDS = ["name", "title", "firstYear", "lastYear", "language"] as const;

interface Adopted {
  result: AdoptResult;
  /** Added to a line number to name a range's sheet row (the range's first row less one); 0 for text. */
  offset: number;
  fromRange: boolean;
}

const options = () => ({ id: () => crypto.randomUUID(), year: new Date().getFullYear() });

/** The preview a kept draft describes, as the panel shows it: read again from what it was read from, corrected again. */
function restored(draft: KeptDraft): Adopted | undefined {
  const result = previewedIn(draft, options());
  if (!result || !draft.read) return undefined;
  return draft.read.from === "range" ? { result, offset: draft.read.firstRow - 1, fromRange: true } : { result, offset: 0, fromRange: false };
}

/**
 * Adopting a plan the community already has: paste it (Word's clipboard HTML kept when it is the whole
 * text) or take the selected range of any sheet, read it (shared/adopt), correct the recognised tree, and
 * create the plan's sheets through the pane's one way of creating a plan (usePlanWrite), so the result is
 * an ordinary plan. The text, the corrections and the header typed are kept in the pane's storage until the
 * sheets exist; `onClose` is also called once they do. A workbook that has a plan (`planExists`: one
 * appeared while the panel was open) is not written into: the panel says so and keeps everything.
 */
export function AdoptPanel(props: { language: Language; t: Strings; planExists: boolean; onClose: () => void }) {
  const { t, language } = props;
  const a = adoptWords(t);
  const styles = { ...useSectionStyles(), ...useStyles() };
  const { excel, session } = usePaneServices();
  const [store] = useState(() => draftStore(localStorage, panePartition()));
  const [draft, setDraft] = useState(() => store.get());
  const [adopted, setAdopted] = useState(() => restored(draft));
  const [header, setHeader] = useState<Header | undefined>(() => (adopted ? (draft.header ?? headerOf(adopted.result, language)) : undefined));
  const [errors, setErrors] = useState<Partial<Values>>({});
  const [taken, setTaken] = useState<{ kind: SheetKind; name: string }[]>();
  const reading = useAction("adopt-read", { readOnly: true });
  const creating = useAction("adopt-create", { readOnly: true });
  const { write, busy } = usePlanWrite(t, setTaken);

  // Kept at once, not on a timer: a change is never lost to a section switched or a pane closed.
  const keep = (change: Partial<AdoptDraft>) => {
    const next = { ...draft, ...change };
    setDraft(next);
    store.put(next);
  };
  // A preview read from the text no longer describes it once it changes: the text is kept, that preview is not.
  const keepText = (text: string, html?: string) => keep({ text, html, ...(draft.read?.from === "text" ? { read: undefined, corrections: [] } : {}) });
  const editHeader = (change: Partial<Header>) => {
    if (!header) return;
    const next = { ...header, ...change };
    setHeader(next);
    keep({ header: next });
  };
  const onCorrect = (c: Correction) => {
    if (!adopted) return;
    setAdopted({ ...adopted, result: correct(adopted.result, c) });
    if (draft.read) keep({ corrections: [...draft.corrections, c] });
  };

  // Word's HTML stands for the text only when it is all of it: pasted into an empty box or over all it holds.
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const html = e.clipboardData.getData("text/html");
    const box = e.currentTarget;
    if (!html || box.selectionStart !== 0 || box.selectionEnd !== box.value.length) return;
    e.preventDefault();
    keepText(e.clipboardData.getData("text/plain"), html);
  };

  /**
   * Shows what was read and keeps it with the draft (`read`: what to read again; none for a range too large
   * to keep), its corrections begun anew; a read that recognised nothing fails, its lines listed all the same.
   * Returns what the read says: a warning while lines were left unrecognised.
   */
  const show = (result: AdoptResult, offset: number, fromRange: boolean, read: AdoptRead | undefined, said = "") => {
    setAdopted({ result, offset, fromRange });
    const next = headerOf(result, language, header?.name);
    setHeader(next);
    setErrors({});
    keep({ read, corrections: [], header: next });
    if (!result.items.length) throw new PaneError(adoptWords.map((w) => ({ title: w.nothing, next: w.nothingNext })));
    const message = `${said}${a.recognised(result.items.length, result.unrecognised.length)}`;
    return result.unrecognised.length ? warn(message) : message;
  };

  const readText = () =>
    reading.run(async () => {
      if (!draft.text.trim() && !draft.html) throw new PaneError(adoptWords.map((w) => ({ title: w.emptyText, next: w.emptyTextNext })));
      return show(adopt(draft.html ? { html: draft.html } : { text: draft.text }, options()), 0, false, { from: "text" });
    });

  const readRange = () =>
    reading.run(async () => {
      const selected = await excel.selectedValues();
      if ("empty" in selected) throw new PaneError(adoptWords.map((w) => ({ title: w.emptyRange(selected.address), next: w.emptyRangeNext })));
      if ("tooLarge" in selected)
        throw new PaneError(adoptWords.map((w) => ({ title: w.tooLarge(selected.tooLarge.cells, selected.tooLarge.limit), next: w.tooLargeNext })));
      const read = rangeRead(selected.address, selected.firstRow, selected.values);
      return show(adopt({ range: selected.values }, options()), selected.firstRow - 1, true, read, `${a.fromRange(selected.address)} `);
    });

  const create = async (names?: Partial<Record<SheetKind, string>>) => {
    if (!adopted || !header) return;
    // A plan that appeared while the panel was open (the example, a link) is never written over: the write
    // would only change its header, every adopted item dropped. Refused beside the button, everything kept.
    if (session.state)
      return void creating.run(async () => {
        throw new PaneError(adoptWords.map((w) => ({ title: w.planExists, next: w.planExistsNext })));
      });
    const doc = adopted.result.doc;
    const read = readPlanForm({ ...valuesOf(doc, language), ...header }, doc, t);
    setErrors(read.errors);
    if (!read.doc) return;
    await write(read.doc, names);
    // A taken sheet name asked for others instead: the plan exists only once the sheets were written (by this write:
    // there was none before it).
    if (session.state) {
      keep({ text: "", html: undefined, read: undefined, corrections: [], header: undefined });
      props.onClose();
    }
  };

  const field = (k: "name" | "title" | "firstYear" | "lastYear", label: string, required = false) => (
    <Field label={label} required={required} validationMessage={errors[k]} validationState={errors[k] ? "error" : "none"}>
      <Input className={styles.fit} value={header?.[k] ?? ""} onChange={(_, d) => editHeader({ [k]: d.value })} aria-label={label} />
    </Field>
  );
  // A field the panel does not show (vision, mission, country…) that the plan's schema refused, said all the same.
  const hidden = Object.entries(errors).filter(([k]) => !(HEADER_FIELDS as readonly string[]).includes(k));

  return (
    <div className={styles.box} data-testid="adopt">
      <div className={styles.head}>
        <Text weight="semibold">{t.adopt.open}</Text>
        <Button size="small" appearance="transparent" onClick={props.onClose} data-testid="adopt-close">
          {a.close}
        </Button>
      </div>
      {props.planExists && (
        <MessageBar intent="warning" layout="multiline" data-testid="adopt-plan-exists">
          <MessageBarBody>
            <MessageBarTitle>{a.planExists}</MessageBarTitle>
            {a.planExistsNext}
          </MessageBarBody>
        </MessageBar>
      )}
      <Text block className={styles.hint}>
        {a.intro}
      </Text>
      <Field label={a.text} hint={draft.html ? a.fromWord : a.textHint}>
        <Textarea className={styles.text} value={draft.text} onPaste={onPaste} onChange={(_, d) => keepText(d.value)} resize="vertical" data-testid="adopt-text" />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" onClick={readText} disabled={busy} data-testid="adopt-read">
          {a.read}
        </Button>
        <Button onClick={readRange} disabled={busy} data-testid="adopt-range">
          {a.useRange}
        </Button>
      </div>
      <Text block className={styles.hint}>
        {a.rangeHint}
      </Text>
      <ActionResult id="adopt-read" t={t} language={language} />
      {adopted && (
        <>
          <AdoptPreview
            result={adopted.result}
            offset={adopted.offset}
            fromRange={adopted.fromRange}
            language={language}
            t={t}
            onCorrect={onCorrect}
          />
          {adopted.result.items.length > 0 && (
            <section className={styles.box} aria-label={a.header}>
              <Text block weight="semibold">
                {a.header}
              </Text>
              <Text block className={styles.hint}>
                {a.headerHint}
              </Text>
              {field("name", t.community, true)}
              {field("title", t.planTitle, true)}
              <div className={styles.years}>
                {field("firstYear", t.firstYear, true)}
                {field("lastYear", t.lastYear, true)}
              </div>
              <Field label={t.sheetLanguage}>
                <Select className={styles.fit} value={header?.language} onChange={(_, d) => editHeader({ language: d.value })} aria-label={t.sheetLanguage}>
                  {LANGUAGES.map((l) => (
                    <option key={l} value={l}>
                      {LANGUAGE_LABELS[l][language]}
                    </option>
                  ))}
                </Select>
              </Field>
              {hidden.map(([k, message]) => (
                <Text key={k} block className={styles.error} role="alert">
                  {message}
                </Text>
              ))}
              <div className={styles.row}>
                <Button appearance="primary" onClick={() => create()} disabled={busy} data-testid="adopt-create">
                  {t.createSheets}
                </Button>
              </div>
              <ActionResult id="adopt-create" t={t} language={language} />
            </section>
          )}
        </>
      )}
      {!!taken?.length && <NameTakenDialog taken={taken} t={t} onUse={(names) => void create(names)} onCancel={() => setTaken(undefined)} />}
    </div>
  );
}

/**
 * The header a read fills: the community is rarely named by the text (the recogniser takes the title), so
 * the planner names it (`name`, kept from before); the title only where the text has one (the recogniser's
 * placeholder is not one).
 */
function headerOf(result: AdoptResult, language: Language, name = ""): Header {
  const values = valuesOf(result.doc, language);
  const title = result.items.some((i) => i.kind === "title") ? values.title : "";
  return { name, title, firstYear: values.firstYear, lastYear: values.lastYear, language: values.language };
}

import { Button, Field, Input, Select, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
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
import { useAction } from "../../state/useAction.ts";
import type { Strings } from "../../strings.ts";
import { AdoptPreview } from "./AdoptPreview.tsx";
import { adoptWords } from "./adopt-words.ts";
import { type AdoptDraft, draftStore } from "./adopt-state.ts";
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

/**
 * Adopting a plan the community already has: paste it (Word's clipboard HTML kept when it is the whole
 * text) or take the selected range of any sheet, read it (shared/adopt), correct the recognised tree, and
 * create the plan's sheets through the pane's one way of creating a plan (usePlanWrite), so the result is
 * an ordinary plan. The text is kept in the pane's storage until the sheets exist; `onClose` is also called
 * once they do.
 */
export function AdoptPanel(props: { language: Language; t: Strings; onClose: () => void }) {
  const { t, language } = props;
  const a = adoptWords(t);
  const styles = { ...useSectionStyles(), ...useStyles() };
  const { excel, session } = usePaneServices();
  const [store] = useState(() => draftStore(localStorage, panePartition()));
  const [draft, setDraft] = useState<AdoptDraft>(() => store.get());
  const [adopted, setAdopted] = useState<Adopted>();
  const [header, setHeader] = useState<Header>();
  const [errors, setErrors] = useState<Partial<Values>>({});
  const [taken, setTaken] = useState<{ kind: SheetKind; name: string }[]>();
  const reading = useAction("adopt-read", { readOnly: true });
  const { write, busy } = usePlanWrite(t, setTaken);

  // Kept at once, not on a timer: a change is never lost to a section switched or a pane closed.
  const keep = (next: AdoptDraft) => {
    setDraft(next);
    store.put(next);
  };

  // Word's HTML stands for the text only when it is all of it: pasted into an empty box or over all it holds.
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const html = e.clipboardData.getData("text/html");
    const box = e.currentTarget;
    if (!html || box.selectionStart !== 0 || box.selectionEnd !== box.value.length) return;
    e.preventDefault();
    keep({ text: e.clipboardData.getData("text/plain"), html });
  };

  /** Shows what was read; a read that recognised nothing fails, its lines listed all the same. */
  const show = (result: AdoptResult, offset: number, fromRange: boolean) => {
    setAdopted({ result, offset, fromRange });
    // The community is rarely named by the text (the recogniser takes the title): the planner names it, and
    // the title where the text has none (the recogniser's placeholder is not one).
    const values = valuesOf(result.doc, language);
    const title = result.items.some((i) => i.kind === "title") ? values.title : "";
    setHeader((h) => ({ name: h?.name ?? "", title, firstYear: values.firstYear, lastYear: values.lastYear, language: values.language }));
    setErrors({});
    if (!result.items.length) throw new PaneError(adoptWords.map((w) => ({ title: w.nothing, next: w.nothingNext })));
    return a.recognised(result.items.length, result.unrecognised.length);
  };
  const options = () => ({ id: () => crypto.randomUUID(), year: new Date().getFullYear() });

  const readText = () =>
    reading.run(async () => {
      if (!draft.text.trim() && !draft.html) throw new PaneError(adoptWords.map((w) => ({ title: w.emptyText, next: w.emptyTextNext })));
      return show(adopt(draft.html ? { html: draft.html } : { text: draft.text }, options()), 0, false);
    });

  const readRange = () =>
    reading.run(async () => {
      const selected = await excel.selectedValues();
      if ("empty" in selected) throw new PaneError(adoptWords.map((w) => ({ title: w.emptyRange(selected.address), next: w.emptyRangeNext })));
      if ("tooLarge" in selected)
        throw new PaneError(adoptWords.map((w) => ({ title: w.tooLarge(selected.tooLarge.cells, selected.tooLarge.limit), next: w.tooLargeNext })));
      const message = show(adopt({ range: selected.values }, options()), selected.firstRow - 1, true);
      return `${a.fromRange(selected.address)} ${message}`;
    });

  const create = async (names?: Partial<Record<SheetKind, string>>) => {
    if (!adopted || !header) return;
    const doc = adopted.result.doc;
    const read = readPlanForm({ ...valuesOf(doc, language), ...header }, doc, t);
    setErrors(read.errors);
    if (!read.doc) return;
    await write(read.doc, names);
    // A taken sheet name asked for others instead: the plan exists only once the sheets were written.
    if (session.state) {
      keep({ text: "" });
      props.onClose();
    }
  };

  const field = (k: "name" | "title" | "firstYear" | "lastYear", label: string, required = false) => (
    <Field label={label} required={required} validationMessage={errors[k]} validationState={errors[k] ? "error" : "none"}>
      <Input className={styles.fit} value={header?.[k] ?? ""} onChange={(_, d) => setHeader((h) => h && { ...h, [k]: d.value })} aria-label={label} />
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
      <Text block className={styles.hint}>
        {a.intro}
      </Text>
      <Field label={a.text} hint={draft.html ? a.fromWord : a.textHint}>
        <Textarea className={styles.text} value={draft.text} onPaste={onPaste} onChange={(_, d) => keep({ text: d.value })} resize="vertical" data-testid="adopt-text" />
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
            onChange={(result) => setAdopted({ ...adopted, result })}
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
                <Select className={styles.fit} value={header?.language} onChange={(_, d) => setHeader((h) => h && { ...h, language: d.value })} aria-label={t.sheetLanguage}>
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
            </section>
          )}
        </>
      )}
      {!!taken?.length && <NameTakenDialog taken={taken} t={t} onUse={(names) => void create(names)} onCancel={() => setTaken(undefined)} />}
    </div>
  );
}

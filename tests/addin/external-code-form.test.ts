import { describe, expect, it } from "vitest";
import { catalogueWrite, emptyCatalogueForm, formFromEntry, type CatalogueForm } from "../../addin/src/features/compare/catalogue-form.ts";
import { PaneError } from "../../addin/src/errors.ts";
import { en } from "../../addin/src/strings/en.ts";
import { lt } from "../../addin/src/strings/lt.ts";
import { uk } from "../../addin/src/strings/uk.ts";
import { catalogueEntry } from "../support/catalogue-entry.ts";

/** Issue 15: a catalogue entry's optional external code in the catalogue editor's form. */

const filled: CatalogueForm = { ...emptyCatalogueForm(), code: "POP", nameUk: "Населення", nameEn: "Population", unit: "осіб" };
/** The PUT's body as it goes over the wire. */
const sent = (form: CatalogueForm, baseVersion = 0) => JSON.parse(JSON.stringify(catalogueWrite(form, baseVersion, "uk").body)) as Record<string, unknown>;

describe("the catalogue form's external code", () => {
  it("is left out of the PUT while nothing was typed, so the entry keeps its own", () => {
    expect(sent(filled)).not.toHaveProperty("externalCode");
    expect(sent(formFromEntry(catalogueEntry("POP")), 1)).not.toHaveProperty("externalCode");
  });

  it("is prefilled from the entry, sent trimmed, and an emptied field clears it", () => {
    const form = formFromEntry(catalogueEntry("POP", {}, { externalCode: "ISO37120:5.1" }));
    expect(form.externalCode).toBe("ISO37120:5.1");
    expect(sent({ ...form, externalCode: " DSSU-0101 " }, 1)).toMatchObject({ externalCode: "DSSU-0101", baseVersion: 1 });
    expect(sent({ ...form, externalCode: "  " }, 1)).toMatchObject({ externalCode: "" });
  });

  it("refuses one over 64 characters in the pane's words, with what to do, in every language", () => {
    let error: unknown;
    try {
      catalogueWrite({ ...filled, externalCode: "X".repeat(65) }, 0, "uk");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PaneError);
    const words = (error as PaneError).words;
    expect(words(en)).toEqual({ title: "The external code cannot be saved", next: expect.stringMatching(/at most 64 characters.*ISO37120:5\.1/) });
    expect(words(uk).next).toMatch(/не більше 64 символів/);
    expect(words(lt).next).toMatch(/ne daugiau kaip 64 simbolius/);
    expect(catalogueWrite({ ...filled, externalCode: "9".repeat(64) }, 0, "uk").body.externalCode).toBe("9".repeat(64));
  });
});

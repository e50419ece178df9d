import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { API_SETS } from "../support/excel/api-sets.ts";
import { dateSerial } from "../support/excel/cells.ts";
import { jsonBytes } from "../support/excel/payload.ts";
import { parseXml, reformatXml, xmlProblem } from "../support/excel/xml.ts";
import { EXCEL_PROFILES, type ExcelBehaviour, FakeExcel, currentProfile } from "../support/fake-excel.ts";

/**
 * The strict host's own tests: each documented behaviour of Excel it models, and each setting of each
 * unsettled behaviour (profiles "a" and "b" take them all first or all second). The add-in's tests are
 * only as good as this host; these tests say what it promises.
 */

const strict = (b: Partial<ExcelBehaviour> = {}) => new FakeExcel({ ...EXCEL_PROFILES.a, ...b });
type Ctx = Excel.RequestContext;

/** The rejection of a promise, to look at its code. */
async function rejection(p: Promise<unknown>): Promise<{ name: string; code: string; message: string; debugInfo: { code: string; errorLocation?: string } }> {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  throw new Error("expected a rejection");
}

describe("commands are queued and run at sync", () => {
  it("nothing reaches the workbook before sync(); everything after, in order", async () => {
    const fake = strict();
    fake.addSheet("S");
    await fake.run(async (ctx: Ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1:B1");
      r.values = [["first", 1]];
      r.values = [["second", 2]];
      expect(fake.values("S")).toEqual([]);
      await ctx.sync();
      expect(fake.values("S")).toEqual([["second", 2]]);
    });
  });

  it("a proxy resolves when its command runs: a range of a sheet added in the same batch works", async () => {
    const fake = strict();
    await fake.run(async (ctx: Ctx) => {
      const sheet = ctx.workbook.worksheets.add("New");
      sheet.getRange("A1").values = [["x"]];
      sheet.load("name");
      await ctx.sync();
      expect(sheet.name).toBe("New");
    });
    expect(fake.values("New")).toEqual([["x"]]);
  });

  it("getItemOrNullObject looks when the sync runs, not when it is called", async () => {
    const fake = strict();
    await fake.run(async (ctx: Ctx) => {
      const sheet = ctx.workbook.worksheets.getItemOrNullObject("Later");
      fake.addSheet("Later");
      await ctx.sync();
      expect(sheet.isNullObject).toBe(false);
    });
  });

  it("the first failing command rejects the sync as OfficeExtension.Error; earlier ones stay applied, later ones are dropped", async () => {
    const fake = strict();
    fake.addSheet("S");
    const e = await rejection(
      fake.run(async (ctx: Ctx) => {
        const s = ctx.workbook.worksheets.getItem("S");
        s.getRange("A1").values = [["before"]];
        ctx.workbook.worksheets.getItem("Nope").getRange("A1").values = [["x"]];
        s.getRange("B1").values = [["after"]];
        await ctx.sync();
      }),
    );
    expect(e).toMatchObject({ name: "RichApi.Error", code: "ItemNotFound", debugInfo: { code: "ItemNotFound", errorLocation: "WorksheetCollection.getItem" } });
    expect(fake.values("S")).toEqual([["before"]]);
  });

  it("failAtCommand(n) counts commands across the coming syncs", async () => {
    const fake = strict();
    fake.addSheet("S");
    fake.failAtCommand(4, "GeneralException");
    const e = await rejection(
      fake.run(async (ctx: Ctx) => {
        const range = ctx.workbook.worksheets.getItem("S").getRange("A1:A2"); // commands 1, 2
        range.values = [[1], [2]]; // 3
        await ctx.sync();
        expect(fake.values("S")).toEqual([[1], [2]]);
        range.values = [[3], [4]]; // 4: fails
        range.values = [[5], [6]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("GeneralException");
    expect(fake.values("S")).toEqual([[1], [2]]);
  });

  it("failNextSync rejects the whole next sync, nothing of it applied", async () => {
    const fake = strict();
    fake.addSheet("S");
    fake.failNextSync = new Error("offline");
    await expect(
      fake.run(async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("A1").values = [["x"]];
        await ctx.sync();
      }),
    ).rejects.toThrow("offline");
    expect(fake.values("S")).toEqual([]);
  });

  it("Excel.run syncs what a batch leaves queued when it resolves, and nothing when it rejects", async () => {
    const fake = strict();
    fake.addSheet("S");
    await fake.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1").values = [["kept"]];
    });
    await expect(
      fake.run(async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("A2").values = [["lost"]];
        throw new Error("the batch gave up");
      }),
    ).rejects.toThrow("gave up");
    expect(fake.values("S")).toEqual([["kept"]]);
    expect(fake.stats.syncs).toBe(1);
  });
});

describe("loading", () => {
  it("a property read before its load was synced throws PropertyNotLoaded, per property", async () => {
    const fake = strict();
    fake.addSheet("S");
    await fake.run(async (ctx: Ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("S");
      sheet.load("name");
      expect(() => sheet.name).toThrow(/PropertyNotLoaded/);
      await ctx.sync();
      expect(sheet.name).toBe("S");
      expect(() => sheet.id).toThrow(/PropertyNotLoaded/);
    });
  });

  it("load('items/name') loads only the items' names; `items` only after the sync", async () => {
    const fake = strict();
    fake.addSheet("One");
    fake.addSheet("Two");
    await fake.run(async (ctx: Ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name");
      expect(() => sheets.items).toThrow(/PropertyNotLoaded/);
      await ctx.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["One", "Two"]);
      expect(() => sheets.items[0]!.id).toThrow(/PropertyNotLoaded/);
      sheets.load("items/name,id");
      await ctx.sync();
      expect(sheets.items.map((s) => s.id)).toEqual([fake.sheet("One")!.id, fake.sheet("Two")!.id]);
    });
  });

  it("isNullObject is known only after a sync", async () => {
    const fake = strict();
    await fake.run(async (ctx: Ctx) => {
      const sheet = ctx.workbook.worksheets.getItemOrNullObject("Missing");
      expect(() => sheet.isNullObject).toThrow(/PropertyNotLoaded/);
      await ctx.sync();
      expect(sheet.isNullObject).toBe(true);
    });
  });

  it("a load reads the workbook as it is at that point of the queue", async () => {
    const fake = strict();
    fake.addSheet("S");
    await fake.run(async (ctx: Ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1");
      r.values = [["old"]];
      const before = ctx.workbook.worksheets.getItem("S").getRange("A1").load("values");
      r.values = [["new"]];
      await ctx.sync();
      expect(before.values).toEqual([["old"]]);
    });
  });
});

async function write(fake: FakeExcel, values: unknown[][], format?: string, via: "values" | "formulas" = "values"): Promise<void> {
  if (!fake.sheet("S")) fake.addSheet("S");
  await fake.run(async (ctx: Ctx) => {
    const r = ctx.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, values.length, values[0]!.length);
    if (format) r.numberFormat = values.map((row) => row.map(() => format));
    r[via] = values;
    await ctx.sync();
  });
}

describe("cells", () => {
  it("Text (@) cells store what is written literally: no formula, number, date or boolean", async () => {
    const fake = strict();
    await write(fake, [["=1+1", "12", "TRUE", "Jan 5", "1-2", "-x"]], "@");
    expect(fake.values("S")).toEqual([["=1+1", "12", "TRUE", "Jan 5", "1-2", "-x"]]);
    expect(fake.sheet("S")!.cells.get("0,0")!.formula).toBeUndefined();
  });

  it.each([
    ["consumed", "3f-id"],
    ["kept", "'3f-id"],
  ] as const)("a leading ' in a Text cell is %s", async (quoteInTextCell, stored) => {
    const fake = strict({ quoteInTextCell });
    await write(fake, [["'3f-id"]], "@");
    expect(fake.values("S")).toEqual([[stored]]);
  });

  it("General cells convert like Excel: spaces, parentheses, currency, percent, exponent, dates, booleans", async () => {
    const fake = strict();
    const typed = [" 12", "(12)", "$12", "12%", "1e3", "TRUE", "5/1/2014", "01.05.2014", "2014-05-01", "1,5", "Jan 5", "1-2"];
    await write(fake, [typed]);
    const year = new Date().getFullYear();
    expect(fake.values("S")).toEqual([[12, -12, 12, 0.12, 1000, true, 41760, 41760, 41760, 1.5, dateSerial(year, 1, 5), dateSerial(year, 1, 2)]]);
    expect(fake.sheet("S")!.cells.get("0,3")!.numberFormat).toBe("0%");
  });

  it("in General cells a leading ' is consumed and keeps the rest literal; text that converts nothing stays", async () => {
    const fake = strict({ quoteInTextCell: "kept" });
    await write(fake, [["'=1+1", "'012", "abc", "2014-Q2"]]);
    expect(fake.values("S")).toEqual([["=1+1", "012", "abc", "2014-Q2"]]);
    expect(fake.sheet("S")!.cells.get("0,0")).toMatchObject({ quotePrefix: true });
  });

  it("=…, +… and -… through values become formulas (read back as their result, here \"\")", async () => {
    const fake = strict();
    await write(fake, [["=A2*2", "+x", "-item", "-12"]]);
    expect(fake.values("S")).toEqual([["", "", "", -12]]);
    expect(fake.formulas("S")).toEqual([["=A2*2", "=+x", "=-item", -12]]);
  });

  it("range.formulas writes and reads English formulas; longer than 8,192 characters fails", async () => {
    const fake = strict({ formulaThroughValues: "localized" });
    await write(fake, [["=ROUND(1.25,1)"]], undefined, "formulas");
    await fake.run(async (ctx: Ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1").load("formulas");
      await ctx.sync();
      expect(r.formulas).toEqual([["=ROUND(1.25,1)"]]);
    });
    const long = `=${"1+".repeat(4_096)}1`;
    expect((await rejection(write(fake, [[long]], undefined, "formulas"))).code).toBe("InvalidArgument");
    await write(fake, [[long.slice(0, 8_192)]], undefined, "formulas");
  });

  it("formulaThroughValues 'invariant': values parse formulas as English", async () => {
    const fake = strict({ formulaThroughValues: "invariant" });
    await write(fake, [["=ROUND(1.25,1)"]]);
    expect(fake.formulas("S")).toEqual([["=ROUND(1.25,1)"]]);
    expect((await rejection(write(fake, [["=ROUND(1.25;1)"]]))).code).toBe("InvalidArgument");
  });

  it("formulaThroughValues 'localized': values parse formulas in a ;-locale, English commas fail", async () => {
    const fake = strict({ formulaThroughValues: "localized" });
    expect((await rejection(write(fake, [["=ROUND(1.25,1)"]]))).code).toBe("InvalidArgument");
    await write(fake, [['=IF(A2="a,b";1;2)']]);
    expect(fake.formulas("S")).toEqual([['=IF(A2="a,b",1,2)']]);
  });

  it.each([
    ["kept", "a\r\nb\rc"],
    ["normalized", "a\nb\nc"],
  ] as const)("carriage returns in text are %s", async (carriageReturn, stored) => {
    const fake = strict({ carriageReturn });
    await write(fake, [["a\r\nb\rc"]], "@");
    expect(fake.values("S")).toEqual([[stored]]);
  });

  it("null in a 2D array leaves the cell as it is; \"\" empties it", async () => {
    const fake = strict();
    await write(fake, [["a", "b"]]);
    await write(fake, [[null, ""]]);
    expect(fake.values("S")).toEqual([["a"]]);
  });

  it("a 2D array that does not fit the range fails", async () => {
    const fake = strict();
    fake.addSheet("S");
    const e = await rejection(
      fake.run(async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("A1:B1").values = [["only one"]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidArgument");
  });
});

async function addTable(fake: FakeExcel, sheet: string, address: string, name?: string): Promise<void> {
  await fake.run(async (ctx: Ctx) => {
    const t = ctx.workbook.worksheets.getItem(sheet).tables.add(address, true);
    if (name) t.name = name;
    await ctx.sync();
  });
}

describe("tables", () => {
  it("names are unique in the whole workbook", async () => {
    const fake = strict();
    fake.addSheet("A");
    fake.addSheet("B");
    await addTable(fake, "A", "A1:B2", "MuniPlan_goals");
    expect((await rejection(addTable(fake, "B", "A1:B2", "muniplan_GOALS"))).code).toBe("ItemAlreadyExists");
  });

  it("cannot overlap", async () => {
    const fake = strict();
    fake.addSheet("A");
    await addTable(fake, "A", "A1:B3");
    expect((await rejection(addTable(fake, "A", "B3:C4"))).code).toBe("InvalidOperation");
    await addTable(fake, "A", "D1:E2");
    expect(fake.sheet("A")!.tables.map((t) => t.name)).toEqual(["Table1", "Table2"]);
  });

  it("headers become text; blank ones are named ColumnN, repeated ones get a number", async () => {
    const fake = strict();
    await write(fake, [["X", "X", "", 2014], [1, 2, 3, 4]]);
    await addTable(fake, "S", "A1:D2");
    expect(fake.values("S")[0]).toEqual(["X", "X2", "Column3", "2014"]);
  });

  it("workbook.tables.getItemOrNullObject(name).worksheet finds a table's sheet", async () => {
    const fake = strict();
    fake.addSheet("Other");
    fake.addSheet("Mine");
    await addTable(fake, "Mine", "A1:B2", "MuniPlan_risks");
    await fake.run(async (ctx: Ctx) => {
      const found = ctx.workbook.tables.getItemOrNullObject("MuniPlan_risks");
      const missing = ctx.workbook.tables.getItemOrNullObject("MuniPlan_swot");
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      const sheet = found.worksheet.load("id,name");
      await ctx.sync();
      expect([sheet.id, sheet.name]).toEqual([fake.sheet("Mine")!.id, "Mine"]);
    });
  });

  it("rows a filter hid stay hidden when the table becomes a range; clearFilters shows them", async () => {
    const fake = strict();
    await write(fake, [["H"], [1], [2], [3]]);
    await addTable(fake, "S", "A1:A4", "T");
    fake.filterRows("S", [2, 3]);
    await fake.run(async (ctx: Ctx) => {
      ctx.workbook.tables.getItem("T").convertToRange();
      await ctx.sync();
    });
    expect([...fake.sheet("S")!.hiddenRows.keys()]).toEqual([1, 2]);
    await addTable(fake, "S", "A1:A4", "T");
    fake.filterRows("S", [4]);
    await fake.run(async (ctx: Ctx) => {
      ctx.workbook.tables.getItem("T").clearFilters();
      await ctx.sync();
    });
    expect([...fake.sheet("S")!.hiddenRows.keys()]).toEqual([1, 2]);
  });
});

describe("hidden rows and outlines", () => {
  it("rows hidden by the user or a collapsed group survive clear and ungroup; rowHidden = false shows them", async () => {
    const fake = strict({ ungroupWithoutOutline: "fails" });
    await write(fake, [[1], [2], [3], [4], [5]]);
    fake.hideRows("S", 2);
    fake.groupRows("S", 4, 5, true);
    await fake.run(async (ctx: Ctx) => {
      const all = ctx.workbook.worksheets.getItem("S").getRange();
      all.ungroup("ByRows");
      all.clear("All");
      const hidden = ctx.workbook.worksheets.getItem("S").getRange("2:5").load("rowHidden");
      await ctx.sync();
      expect(hidden.rowHidden).toBeNull();
      expect(fake.sheet("S")!.groups).toEqual([]);
      expect([...fake.sheet("S")!.hiddenRows.keys()].sort()).toEqual([1, 3, 4]);
      all.rowHidden = false;
      hidden.load("rowHidden");
      await ctx.sync();
      expect(hidden.rowHidden).toBe(false);
    });
  });

  it("group adds an outline level per row; the outline's groups are per level", async () => {
    const fake = strict();
    fake.addSheet("S");
    await fake.run(async (ctx: Ctx) => {
      const s = ctx.workbook.worksheets.getItem("S");
      s.getRange("2:9").group("ByRows");
      s.getRange("3:4").group("ByRows");
      s.getRange("6:7").group("ByRows");
      await ctx.sync();
    });
    expect(fake.sheet("S")!.groups).toEqual(["2:9", "3:4", "6:7"]);
  });

  it.each([
    ["ok", undefined],
    ["fails", "InvalidOperation"],
  ] as const)("ungroup where there is no outline (left after one level was removed) %s", async (ungroupWithoutOutline, code) => {
    const fake = strict({ ungroupWithoutOutline });
    fake.addSheet("S");
    fake.groupRows("S", 2, 3);
    const ungroup = () =>
      fake.run(async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange().ungroup("ByRows");
        await ctx.sync();
      });
    await ungroup();
    expect(fake.sheet("S")!.groups).toEqual([]);
    if (code) expect((await rejection(ungroup())).code).toBe(code);
    else await ungroup();
  });
});

async function validate(fake: FakeExcel, address: string, rule: Excel.DataValidationRule, clearFirst = false): Promise<void> {
  await fake.run(async (ctx: Ctx) => {
    const range = ctx.workbook.worksheets.getItem("S").getRange(address);
    if (clearFirst) range.dataValidation.clear();
    range.dataValidation.rule = rule;
    await ctx.sync();
  });
}

describe("data validation", () => {
  it("a list source longer than 255 characters fails", async () => {
    const fake = strict();
    fake.addSheet("S");
    await validate(fake, "A1:A9", { list: { inCellDropDown: true, source: "a".repeat(255) } });
    expect((await rejection(validate(fake, "B1:B9", { list: { inCellDropDown: true, source: "a".repeat(256) } }))).code).toBe("InvalidArgument");
  });

  it("secondValidationRule 'replaces': a second rule over part of a range wins there", async () => {
    const fake = strict({ secondValidationRule: "replaces" });
    fake.addSheet("S");
    await validate(fake, "A1:A9", { wholeNumber: { formula1: 0, operator: "GreaterThan" } });
    await validate(fake, "A1:A3", { decimal: { formula1: 0, operator: "GreaterThan" } });
    expect(fake.sheet("S")!.validations.map((v) => [v.address, Object.keys(v.rule as object)[0]])).toEqual([
      ["A4:A9", "wholeNumber"],
      ["A1:A3", "decimal"],
    ]);
  });

  it("secondValidationRule 'fails': a second rule fails until dataValidation.clear()", async () => {
    const fake = strict({ secondValidationRule: "fails" });
    fake.addSheet("S");
    const rule = { wholeNumber: { formula1: 0, operator: "GreaterThan" } } as const;
    await validate(fake, "A1:A9", rule);
    expect((await rejection(validate(fake, "A2", rule))).code).toBe("InvalidOperation");
    await validate(fake, "A2", rule, true);
    expect(fake.sheet("S")!.validations.map((v) => v.address)).toEqual(["A1:A1", "A3:A9", "A2:A2"]);
  });

  const list = { list: { inCellDropDown: true, source: "н/д,n/a,a b" } } as const;
  it("a user typing outside a list is refused while the error alert is shown (by default); a listed entry or a blank goes in", async () => {
    const fake = strict();
    fake.addSheet("S");
    await validate(fake, "A1:A9", list);
    fake.type("S", "A1", "н/д");
    fake.type("S", "A2", "a b");
    fake.type("S", "A3", "");
    expect(() => fake.type("S", "A4", 12)).toThrow("S!A4: this value doesn't match the data validation restrictions");
    // Items are compared exactly: Excel splits the source at each comma and keeps the spaces.
    expect(() => fake.type("S", "A5", "N/A")).toThrow("doesn't match");
    expect(() => fake.type("S", "A6", "n/a ")).toThrow("doesn't match");
    // Outside the rule's range anything goes.
    fake.type("S", "B1", "anything");
    expect(fake.values("S")).toEqual([
      ["н/д", "anything"],
      ["a b", ""],
    ]);
    // A plain paste is not checked, and takes the rule off the cell it lands on.
    fake.paste("S", "A3", 12);
    expect(fake.values("S")[2]![0]).toBe(12);
    expect(fake.sheet("S")!.validations.map((v) => v.address)).toEqual(["A1:A2", "A4:A9"]);
  });

  it("with errorAlert.showAlert false (ExcelApi 1.8) a list only suggests: any entry goes in; clear() brings the alert back", async () => {
    const fake = strict();
    fake.addSheet("S");
    const open = (clearFirst: boolean, showAlert: boolean) =>
      fake.run(async (ctx: Ctx) => {
        const range = ctx.workbook.worksheets.getItem("S").getRange("A1:A9");
        if (clearFirst) range.dataValidation.clear();
        range.dataValidation.rule = list;
        range.dataValidation.errorAlert = { showAlert, style: "Stop", title: "", message: "" };
        await ctx.sync();
      });
    await open(false, false);
    fake.type("S", "A1", 12.5);
    fake.type("S", "A2", "дванадцять");
    expect(fake.values("S").slice(0, 2)).toEqual([[12.5], ["дванадцять"]]);
    // A rule set again after clear() has the default alert: shown.
    await validate(fake, "A1:A9", list, true);
    expect(() => fake.type("S", "A3", 7)).toThrow("doesn't match");
    await open(true, true);
    expect(() => fake.type("S", "A3", 7)).toThrow("doesn't match");
    // Below ExcelApi 1.8 the property does not exist.
    const old = strict({ excelApi: "1.7" });
    old.addSheet("S");
    const set = old.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1").dataValidation.errorAlert = { showAlert: false, style: "Stop", title: "", message: "" };
      await ctx.sync();
    });
    expect((await rejection(set)).code).toBe("ApiNotFound");
  });
});

/** What a document says, whatever its attributes' order and quotes. */
function infoset(xml: string): unknown {
  const element = (e: ReturnType<typeof parseXml>["root"]): unknown => ({
    name: e.name,
    attributes: [...e.attributes].sort(([a], [b]) => a.localeCompare(b)),
    children: e.children.map((c) => (typeof c === "string" ? c : element(c))),
  });
  return element(parseXml(xml).root);
}

describe("custom XML parts", () => {
  it.each([
    ["U+FFFE", "<a>\uFFFE</a>"],
    ["a C0 control", "<a>\u0001</a>"],
    ["an unbalanced tag", "<a><b></a>"],
    ["a bad entity", "<a>&nbsp;</a>"],
    ["a bare &", "<a>R&D</a>"],
    ["two roots", "<a/><b/>"],
  ])("refuses XML with %s", (_, xml) => {
    expect(xmlProblem(xml)).toBeDefined();
  });

  it("accepts tab, LF, CR, entities, CDATA and comments", () => {
    expect(xmlProblem('<?xml version="1.0"?><!-- c --><a x="1 &amp; 2">\t\n\r&lt;&#x41;<![CDATA[<raw>]]><b/></a>')).toBeUndefined();
  });

  it("a part that is not well-formed fails at sync; the commands before it stay applied", async () => {
    const fake = strict();
    const e = await rejection(
      fake.run(async (ctx: Ctx) => {
        ctx.workbook.customXmlParts.add('<ok xmlns="urn:x"/>');
        ctx.workbook.customXmlParts.add('<bad xmlns="urn:x">\uFFFE</bad>');
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidArgument");
    expect(fake.customXml.map((p) => p.xml)).toEqual(['<ok xmlns="urn:x"/>']);
  });

  it("getByNamespace finds parts by their root element's namespace", async () => {
    const fake = strict();
    await fake.run(async (ctx: Ctx) => {
      ctx.workbook.customXmlParts.add('<a xmlns="urn:one"><b xmlns="urn:two"/></a>');
      ctx.workbook.customXmlParts.add('<p:a xmlns:p="urn:two"/>');
      const two = ctx.workbook.customXmlParts.getByNamespace("urn:two");
      two.load("items/id");
      const only = two.getOnlyItemOrNullObject();
      await ctx.sync();
      expect(two.items).toHaveLength(1);
      expect(only.isNullObject).toBe(false);
    });
  });

  it.each(["exact", "reformatted"] as const)("getXml gives the part back %s, with the same content", async (customXmlRoundTrip) => {
    const fake = strict({ customXmlRoundTrip });
    const xml = '<?xml version="1.0" encoding="UTF-8"?><m xmlns="urn:x" part="1" of="2">{"a":"&lt;b&gt;"}</m>';
    const read = await fake.run(async (ctx: Ctx) => {
      ctx.workbook.customXmlParts.add(xml);
      const parts = ctx.workbook.customXmlParts.getByNamespace("urn:x");
      parts.load("items");
      await ctx.sync();
      const result = parts.items[0]!.getXml();
      await ctx.sync();
      return result.value;
    });
    expect(read === xml).toBe(customXmlRoundTrip === "exact");
    expect(infoset(read)).toEqual(infoset(xml));
    if (customXmlRoundTrip === "reformatted") expect(read).toBe(reformatXml(xml));
  });
});

describe("payloads are measured as the JSON Office.js sends and receives", () => {
  it("a number counts as a JSON number, a string with its quotes, in UTF-8 bytes", async () => {
    const sizes: number[] = [];
    for (const v of [1234567, "1234567", "їжак"]) {
      const fake = strict();
      await write(fake, [[v]]);
      sizes.push(fake.stats.maxRequestBytes);
    }
    expect(sizes[1]! - sizes[0]!).toBe(2);
    expect(sizes[2]! - sizes[1]!).toBe(jsonBytes("їжак") - jsonBytes("1234567"));
  });

  it("a request over 5 MB fails with RequestPayloadSizeLimitExceeded and applies nothing", async () => {
    const fake = strict();
    fake.addSheet("S");
    const e = await rejection(
      fake.run(async (ctx: Ctx) => {
        const s = ctx.workbook.worksheets.getItem("S");
        s.getRange("A1").values = [["small"]];
        s.getRange("A2:A3").values = [["x".repeat(2_700_000)], ["y".repeat(2_700_000)]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(fake.values("S")).toEqual([]);
    expect(fake.stats.maxRequestBytes).toBeGreaterThan(5 * 1024 * 1024);
  });

  it("a response over 5 MB fails with ResponsePayloadSizeLimitExceeded and undoes the request", async () => {
    const fake = strict();
    fake.addSheet("S");
    const big = "ї".repeat(30_000); // 60,000 bytes a cell in UTF-8
    await fake.run(async (ctx: Ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1:A50");
      r.values = Array.from({ length: 50 }, () => [big]);
      await ctx.sync();
      r.values = Array.from({ length: 50 }, () => [big]);
      await ctx.sync();
    });
    const e = await rejection(
      fake.run(async (ctx: Ctx) => {
        const s = ctx.workbook.worksheets.getItem("S");
        s.getRange("B1").values = [["written in the same request"]];
        s.getRange("A1:A90").load("values");
        s.getRange("A51:A90").values = Array.from({ length: 40 }, () => [big]);
        s.getRange("A1:A90").load("values");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ResponsePayloadSizeLimitExceeded");
    expect(fake.values("S").map((r) => r.length)).toHaveLength(50);
    expect(fake.values("S")[0]).toEqual([big]);
  });

  it("stats hold the largest and total response, as measured", async () => {
    const fake = strict();
    await write(fake, [["abc", 12]]);
    const before = fake.stats.totalResponseBytes;
    const values = await fake.run(async (ctx: Ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1:B1").load("values");
      await ctx.sync();
      return r.values;
    });
    expect(fake.stats.maxResponseBytes).toBe(jsonBytes([{ values }]));
    expect(fake.stats.totalResponseBytes - before).toBe(jsonBytes([{ values }]));
  });
});

describe("save and reopen", () => {
  it.each(["kept", "changed"] as const)("worksheet ids are %s; the file's content is kept, the runtime reset", async (worksheetIdsOnReopen) => {
    const fake = strict({ worksheetIdsOnReopen });
    await write(fake, [[1], [2]]);
    const id = fake.sheet("S")!.id;
    fake.hideRows("S", 2);
    fake.protect("S", "secret");
    await fake.run(async (ctx: Ctx) => {
      ctx.workbook.customXmlParts.add('<a xmlns="urn:x"/>');
      ctx.runtime.enableEvents = false;
      await ctx.sync();
    });
    fake.reopen();
    expect(fake.sheet("S")!.id === id).toBe(worksheetIdsOnReopen === "kept");
    expect(fake.enableEvents).toBe(true);
    expect(fake.customXml).toHaveLength(1);
    expect([...fake.sheet("S")!.hiddenRows.keys()]).toEqual([1]);
    expect(fake.sheet("S")!.protection).toMatchObject({ protected: true, password: "secret" });
  });
});

describe("the selection", () => {
  const selected = (fake: FakeExcel) =>
    fake.run(async (ctx: Ctx) => {
      const range = ctx.workbook.getSelectedRange().load("address,rowIndex,columnIndex");
      const sheet = ctx.workbook.worksheets.getActiveWorksheet().load("name");
      await ctx.sync();
      return { address: range.address, row: range.rowIndex, column: range.columnIndex, sheet: sheet.name };
    });

  it("getSelectedRange reads the selection when the sync runs, on the active sheet; A1 before any; several areas fail", async () => {
    const fake = strict();
    fake.addSheet("S");
    fake.addSheet("T");
    await expect(selected(fake)).resolves.toEqual({ address: "S!A1", row: 0, column: 0, sheet: "S" });
    await fake.userSelects("T!C4:D5");
    await expect(selected(fake)).resolves.toEqual({ address: "T!C4:D5", row: 3, column: 2, sheet: "T" });
    await fake.userSelects("T!A1,T!C3");
    expect((await rejection(selected(fake))).code).toBe("InvalidSelection");
  });

  it("onSelectionChanged handlers are registered by a sync, called after a user's selection (not while events are off), removed by a sync of the context that added them", async () => {
    const fake = strict();
    fake.addSheet("S");
    const calls: string[] = [];
    const handler = async () => void calls.push((await selected(fake)).address);
    const added = await fake.run(async (ctx: Ctx) => {
      const result = ctx.workbook.onSelectionChanged.add(handler);
      await fake.userSelects("S!B2");
      await ctx.sync();
      return result;
    });
    await fake.userSelects("S!C3");
    fake.enableEvents = false;
    await fake.userSelects("S!D4");
    fake.enableEvents = true;
    // remove() queues on the context that added the handler: another batch's sync does not run it.
    await fake.run(async (ctx: Ctx) => {
      added.remove();
      await ctx.sync();
    });
    await fake.userSelects("S!E5");
    await added.context.sync();
    await fake.userSelects("S!F6");
    expect(calls).toEqual(["S!C3", "S!E5"]);
    fake.reopen();
    expect(fake.selectionHandlers.size).toBe(0);
  });

  it("onSelectionChanged needs ExcelApi 1.2", async () => {
    const fake = strict({ excelApi: "1.1" });
    fake.addSheet("S");
    const add = fake.run(async (ctx: Ctx) => {
      ctx.workbook.onSelectionChanged.add(async () => undefined);
      await ctx.sync();
    });
    expect((await rejection(add)).code).toBe("ApiNotFound");
  });
});

describe("children of a null object", () => {
  const loadChildren = (fake: FakeExcel) =>
    fake.run(async (ctx: Ctx) => {
      const sheet = ctx.workbook.worksheets.getItemOrNullObject("Missing");
      sheet.tables.load("items/name");
      const used = sheet.getUsedRangeOrNullObject(true).load("rowCount");
      await ctx.sync();
      return { isNull: sheet.isNullObject, tables: sheet.tables.items.length, usedIsNull: used.isNullObject };
    });

  it("'ok': loaded in the same sync as the check, they read as empty or null", async () => {
    expect(await loadChildren(strict({ nullObjectChildren: "ok" }))).toEqual({ isNull: true, tables: 0, usedIsNull: true });
  });

  it("'fails': the sync rejects with InvalidObjectPath", async () => {
    expect((await rejection(loadChildren(strict({ nullObjectChildren: "fails" })))).code).toBe("InvalidObjectPath");
  });
});

describe("requirement sets", () => {
  it("a member above the host's ExcelApi fails at sync with ApiNotFound; isSetSupported answers for it", async () => {
    const group = (fake: FakeExcel) =>
      fake.run(async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("2:3").group("ByRows");
        await ctx.sync();
      });
    const old = strict({ excelApi: "1.9" });
    old.addSheet("S");
    expect([old.isSetSupported("ExcelApi", "1.9"), old.isSetSupported("ExcelApi", "1.10"), old.isSetSupported("WordApi", "1.1")]).toEqual([true, false, false]);
    expect((await rejection(group(old))).code).toBe("ApiNotFound");
    const current = strict({ excelApi: "1.17" });
    current.addSheet("S");
    expect(current.isSetSupported("ExcelApi", "1.10")).toBe(true);
    await group(current);
    expect(current.sheet("S")!.groups).toEqual(["2:3"]);
  });

  it("every member the host implements carries the API set @types/office-js gives it", () => {
    const dts = readFileSync("node_modules/@types/office-js/index.d.ts", "utf8");
    const excel = dts.slice(dts.indexOf("declare namespace Excel {"));
    const wrong: string[] = [];
    for (const [key, set] of Object.entries(API_SETS)) {
      const [type, member] = key.split(".") as [string, string];
      const start = new RegExp(`\\n    (?:class|interface) ${type}\\b[^\\n]*\\{`).exec(excel);
      const body = start ? excel.slice(start.index, excel.indexOf("\n    }", start.index)) : "";
      const at = new RegExp(`\\n        (?:readonly )?${member}(?:\\??:|\\()`).exec(body);
      const doc = at ? body.slice(body.lastIndexOf("/**", at.index), at.index) : "";
      const declared = /\[Api set: ExcelApi (\d+\.\d+)/.exec(doc)?.[1];
      if (declared !== set) wrong.push(`${key}: ${set} here, ${declared ?? "not found"} in @types/office-js`);
    }
    expect(wrong).toEqual([]);
  });
});

describe("protection", () => {
  it("a sheet the user protected with a password refuses writes and an unprotect without it", async () => {
    const fake = strict();
    fake.addSheet("S");
    fake.protect("S", "their-password");
    const tryWrite = () => write(fake, [["x"]]);
    expect((await rejection(tryWrite())).code).toBe("AccessDenied");
    const unprotect = (password?: string) =>
      fake.run(async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem("S").protection.unprotect(password);
        await ctx.sync();
      });
    expect((await rejection(unprotect())).code).toBe("InvalidArgument");
    await unprotect("their-password");
    await tryWrite();
    expect(fake.values("S")).toEqual([["x"]]);
  });

  it.each([
    ["allowed", undefined],
    ["refused", "AccessDenied"],
  ] as const)("API writes to unlocked cells of a protected sheet are %s; locked cells always refuse", async (unlockedCellsWhenProtected, code) => {
    const fake = strict({ unlockedCellsWhenProtected });
    fake.addSheet("S");
    fake.protect("S", undefined, ["B1:B9"]);
    const at = (address: string) =>
      fake.run(async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange(address).values = [["x"]];
        await ctx.sync();
      });
    expect((await rejection(at("A1"))).code).toBe("AccessDenied");
    if (code) expect((await rejection(at("B2"))).code).toBe(code);
    else await at("B2");
  });
});

describe("worksheets", () => {
  it("the last visible sheet cannot be hidden or deleted; others can", async () => {
    const fake = strict();
    fake.addSheet("A");
    fake.addSheet("B");
    await fake.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem("A").visibility = "Hidden";
      await ctx.sync();
    });
    const e = await rejection(
      fake.run(async (ctx: Ctx) => {
        ctx.workbook.worksheets.getItem("B").delete();
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidOperation");
    await fake.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem("A").delete();
      await ctx.sync();
    });
    expect(fake.sheets.map((s) => s.name)).toEqual(["B"]);
  });

  it("the used range is the box of used cells (values only, or formats too); null on an empty sheet", async () => {
    const fake = strict();
    fake.addSheet("S");
    fake.type("S", "C3", "x");
    await fake.run(async (ctx: Ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("E5").numberFormat = [["0.00"]];
      await ctx.sync();
    });
    const used = await fake.run(async (ctx: Ctx) => {
      const s = ctx.workbook.worksheets.getItem("S");
      const values = s.getUsedRangeOrNullObject(true).load("address");
      const all = s.getUsedRangeOrNullObject(false).load("address");
      const empty = ctx.workbook.worksheets.add("Empty").getUsedRangeOrNullObject(true);
      await ctx.sync();
      return [values.address, all.address, empty.isNullObject];
    });
    expect(used).toEqual(["S!C3", "S!C3:E5", true]);
    const whole = await fake.run(async (ctx: Ctx) => {
      const s = ctx.workbook.worksheets.getItem("S");
      const ranges = [s.getRange("B:C"), s.getRange("2:5"), s.getRange()].map((r) => r.load("address"));
      await ctx.sync();
      return ranges.map((r) => r.address);
    });
    expect(whole).toEqual(["S!B:C", "S!2:5", "S!1:1048576"]);
  });

  it("clear('All') keeps hidden columns, widths, frozen panes and charts", async () => {
    const fake = strict();
    await write(fake, [[1, 2]]);
    await fake.run(async (ctx: Ctx) => {
      const s = ctx.workbook.worksheets.getItem("S");
      s.getRange("B:B").columnHidden = true;
      s.getRange("A:A").format.columnWidth = 120;
      s.freezePanes.freezeRows(1);
      s.charts.add("Line", s.getRange("A1:B1"), "Rows");
      s.getRange().clear("All");
      await ctx.sync();
    });
    const s = fake.sheet("S")!;
    expect([s.cells.size, [...s.hiddenColumns], s.columnWidths.get(0), s.frozenRows, s.charts.length]).toEqual([0, [1], 120, 1, 1]);
  });
});

describe("profiles", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("profile a takes the first setting of every switch, b the second", () => {
    const switches = Object.keys(EXCEL_PROFILES.a).filter((k) => k !== "excelApi") as (keyof ExcelBehaviour)[];
    expect(switches).toHaveLength(9);
    for (const k of switches) expect(EXCEL_PROFILES.a[k]).not.toBe(EXCEL_PROFILES.b[k]);
    expect([EXCEL_PROFILES.a.quoteInTextCell, EXCEL_PROFILES.b.quoteInTextCell]).toEqual(["consumed", "kept"]);
    expect([EXCEL_PROFILES.a.excelApi, EXCEL_PROFILES.b.excelApi]).toEqual(["1.17", "1.9"]);
  });

  it("the host plays MUNIPLAN_EXCEL_PROFILE, and refuses a name it does not know", () => {
    vi.stubEnv("MUNIPLAN_EXCEL_PROFILE", "b");
    expect(currentProfile()).toEqual(EXCEL_PROFILES.b);
    expect(new FakeExcel().behaviour).toEqual(EXCEL_PROFILES.b);
    expect(new FakeExcel({ excelApi: "1.12" }).behaviour).toEqual({ ...EXCEL_PROFILES.b, excelApi: "1.12" });
    vi.stubEnv("MUNIPLAN_EXCEL_PROFILE", "c");
    expect(currentProfile()).toEqual({ ...EXCEL_PROFILES.b, excelApi: "1.17" });
    vi.stubEnv("MUNIPLAN_EXCEL_PROFILE", "d");
    expect(() => currentProfile()).toThrow(/"a", "b" or "c"/);
  });
});

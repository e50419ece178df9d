import { describe, expect, it } from "vitest";
import { PaneStore, SheetProblems, anyBusy } from "../../addin/src/state/store.ts";
import type { Problem } from "../../shared/layout/grid.ts";

describe("the pane's store", () => {
  it("shows one result at a time: starting an action drops the others' outcomes, not their busy flags", () => {
    const store = new PaneStore();
    store.start("save");
    store.finish("save", { ok: true, message: "Saved" });
    store.start("load");
    store.start("refresh");
    const { actions } = store.getSnapshot();
    expect(actions.save).toEqual({ busy: false });
    expect(actions.load).toEqual({ busy: true });
    expect(actions.refresh).toEqual({ busy: true });
    expect(anyBusy(store.getSnapshot())).toBe(true);
  });

  it("keeps the result on screen while going to a cell it names", () => {
    const store = new PaneStore();
    const error = new SheetProblems([{ ref: "Показники!O2" } as Problem]);
    store.start("indicators-editor");
    store.finish("indicators-editor", { ok: false, error });
    store.start("go-to-cell", true);
    expect(store.getSnapshot().actions["indicators-editor"]).toEqual({ busy: false, outcome: { ok: false, error } });
    store.finish("go-to-cell", { ok: true });
    expect(anyBusy(store.getSnapshot())).toBe(false);
  });

  it("keeps a running action's step as its progress: shown while it runs, kept when another starts, gone when it ends", () => {
    const store = new PaneStore();
    let told = 0;
    store.subscribe(() => told++);
    store.start("sync");
    const step = { step: 2, of: 5, cancellable: true, cancel: () => undefined };
    store.progress("sync", step);
    expect(told).toBe(2);
    expect(store.getSnapshot().actions.sync).toEqual({ busy: true, progress: step });
    store.start("history", true);
    store.start("refresh");
    expect(store.getSnapshot().actions.sync?.progress).toBe(step);
    store.finish("sync", { ok: true });
    expect(store.getSnapshot().actions.sync).toEqual({ busy: false, outcome: { ok: true } });
    // A step reported after its action ended (or of one never started) shows nothing.
    const before = store.getSnapshot();
    store.progress("sync", { step: 3, of: 5, cancellable: false });
    store.progress("never", { step: 1, of: 1, cancellable: false });
    expect(store.getSnapshot()).toBe(before);
  });

  it("tells its subscribers of each new snapshot, and of nothing when a change returns the same one", () => {
    const store = new PaneStore();
    let told = 0;
    const stop = store.subscribe(() => told++);
    const before = store.getSnapshot();
    store.update((s) => s);
    expect(told).toBe(0);
    store.update((s) => ({ ...s, loaded: true }));
    expect(told).toBe(1);
    expect(before.loaded).toBe(false);
    expect(store.getSnapshot().loaded).toBe(true);
    stop();
    store.update((s) => ({ ...s, problems: [] }));
    expect(told).toBe(1);
  });
});

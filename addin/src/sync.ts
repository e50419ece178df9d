import { type ApiClient, createClient, Unreachable } from "../../shared/api/client.ts";
import type { MeResponse } from "../../shared/api/access.ts";
import type { CatalogueEntry } from "../../shared/api/catalogue.ts";
import type { Problem } from "../../shared/layout/grid.ts";
import type { PlanDocument } from "../../shared/model/plan.ts";
import {
  type Choice,
  type Conflict,
  type OutgoingSummary,
  type SyncState,
  applyPushResults,
  flattenVersions,
  initialSyncState,
  mergePull,
  nextPush,
  outgoingSummary,
  prepareOutgoing,
  releaseRefused,
  resolveConflict,
  versionKey,
} from "../../shared/sync/engine.ts";
import { type CatalogueNotice, type CatalogueUpdate, alignWithCatalogue } from "../../shared/sync/catalogue.ts";
import type { SyncLink } from "../excel/state.ts";
import { type TokenStore, panePartition } from "./credentials.ts";
import type { KeptRules } from "./features/quality/cache.ts";
import { PaneError } from "./errors.ts";
import { type PlanSession, sheetsShownBy } from "./session.ts";
import { type ActionControl, uncontrolled } from "./state/progress.ts";
import { SheetProblems } from "./state/store.ts";
import type { Strings } from "./strings.ts";

/** Where a workbook with no plan keeps its connection (addin/excel/reports-state.ts's connectionStore). */
export interface PendingStore {
  load(): Promise<{ server: string; clientId: string } | undefined>;
  save(connection: { server: string; clientId: string }): Promise<void>;
}

export interface SyncOutcome {
  problems: Problem[];
  sent: number;
  received: number;
  conflicts: Conflict[];
  refused: SyncState["refused"];
  /** The server could not be reached: what was prepared stays queued in the workbook. */
  offline: boolean;
  queued: number;
  catalogue: CatalogueCheck;
}

/** What the catalogues of the community's associations did to the plan in a sync (sent with it). */
export interface CatalogueCheck {
  updated: CatalogueUpdate[];
  notices: CatalogueNotice[];
  /** Why the catalogues could not be read this time (linked indicators were left as they were). */
  unchecked?: string;
}

/** The API at `server` as `token`; `signal` cancels its requests under way (a cancelled pane action). */
export type MakeClient = (server: string, token: string, signal?: AbortSignal) => ApiClient;

const browserClient: MakeClient = (baseUrl, token, signal) =>
  createClient({ baseUrl, token, fetch: (input, init) => globalThis.fetch(input, { ...init, signal }) });

/**
 * Syncing one workbook with the shared store. The order never changes: read the sheets (and close that
 * Excel batch), put what will be sent into the workbook's queue, talk to the server, then write the
 * sheets — so no network call happens inside Excel.run, and a lost answer leaves the queue to be sent
 * again with the same mutation ids (the server then replays its first answer). A cancel is the same as
 * a lost answer: it stops the sync before its next step or aborts its request under way, never an
 * Excel batch, and the queue in the workbook stays as it was saved.
 */
export class SyncController {
  constructor(
    private readonly session: PlanSession,
    private readonly tokens: TokenStore,
    private readonly makeClient: MakeClient = browserClient,
    private readonly newId: () => string = () => crypto.randomUUID(),
    /** Where the catalogues last received are kept for Refresh (features/quality/cache.ts); none outside a browser. */
    private readonly rulesStorage: Pick<Storage, "getItem" | "setItem" | "removeItem"> | undefined = globalThis.localStorage,
  ) {}

  /** A connection made in a workbook that has no plan yet: kept until a plan is linked into it. */
  private pending?: { server: string; clientId: string };

  /**
   * The token's reach as last asked (connect, or `me` after reopening): a sync needs the community's
   * associations and roles, which change rarely, so it does not ask again each time.
   */
  private known?: MeResponse;

  /** Where `pending` is kept in the workbook, so it survives closing it (see `keepPendingIn`). */
  private pendingStore?: PendingStore;

  /**
   * Keeps a connection made in a workbook with no plan (an analyst's, usually) in `store`, and takes
   * the one the workbook kept. The token stays in the TokenStore, outside the workbook.
   */
  async keepPendingIn(store: PendingStore): Promise<void> {
    this.pendingStore = store;
    this.pending ??= await store.load();
  }

  get link(): SyncLink | undefined {
    return this.session.state?.sync;
  }

  private state() {
    const state = this.session.state;
    if (!state) throw new PaneError((t) => ({ title: t.feedback.noPlan, next: t.feedback.noPlanNext }));
    return state;
  }

  /** The server and clientId this workbook connects with: its plan's link, or a pending connection. */
  connection(): { server: string; clientId: string } | undefined {
    const state = this.session.state;
    if (state?.sync?.server && state.clientId) return { server: state.sync.server, clientId: state.clientId };
    return this.pending;
  }

  /** The API as the connected token, for the pane's other sections (catalogue, comparison); `signal` cancels its requests. */
  client(signal?: AbortSignal): ApiClient {
    const c = this.connection();
    const token = c ? this.tokens.get(c.server, c.clientId) : null;
    if (!c || !token) throw new PaneError((t) => ({ title: t.feedback.notConnected, next: t.feedback.notConnectedNext }));
    return this.makeClient(c.server, token, signal);
  }

  /** Checks the token with the server and remembers the connection for this workbook. */
  async connect(server: string, token: string): Promise<MeResponse> {
    const url = new URL(server).origin;
    const me = await this.makeClient(url, token).me();
    this.known = me;
    const state = this.session.state;
    // A workbook keeps its clientId across connections, so its token is found under one key.
    const clientId = state?.clientId ?? this.pending?.clientId ?? `workbook-${this.newId()}`;
    this.tokens.set(url, clientId, token);
    if (state) await this.session.saveState({ ...state, clientId, sync: { ...state.sync, server: url } });
    else {
      this.pending = { server: url, clientId };
      await this.pendingStore?.save(this.pending);
    }
    return me;
  }

  /** Who the remembered token is (for the pane after reopening the workbook). */
  async me(signal?: AbortSignal): Promise<MeResponse> {
    this.known = await this.client(signal).me();
    return this.known;
  }

  /**
   * Links the workbook's plan to the community's plan on the server: sends this plan if the community
   * has none (the plan takes the server's community id and whatever plan id the server gives it), or
   * brings the server's plan into this workbook's sheets. Loading the plan may be cancelled while it
   * downloads (nothing is written yet); sending it may not (the server may create the plan whether or
   * not its answer arrives), nor writing the sheets.
   */
  async linkTo(community: { id: string; name: string; planId: string | null }, control: ActionControl = uncontrolled()): Promise<"sent" | "received"> {
    const { signal, steps } = control;
    const client = this.client(signal);
    const { server, clientId } = this.connection()!;
    steps.plan(2);
    if (community.planId) {
      steps.next((t) => t.feedback.steps.ask, { ifCancelled: (t) => t.feedback.ifCancelled.nothingWritten });
      const snapshot = await client.getPlan(community.planId);
      steps.next((t) => t.feedback.steps.write, { cancellable: false });
      const engine = initialSyncState(snapshot.document.plan.id, snapshot.document, flattenVersions(snapshot.versions), snapshot.cursor);
      const language = this.session.state?.language ?? snapshot.document.plan.language;
      await this.session.write(snapshot.document, language, {}, { clientId, sync: { server, engine } }, sheetsShownBy(steps));
      return "received";
    }
    const state = this.state();
    const document: PlanDocument = {
      ...state.doc,
      community: { ...state.doc.community, id: community.id, name: community.name },
      plan: { ...state.doc.plan, communityId: community.id },
    };
    steps.next((t) => t.feedback.steps.ask, { cancellable: false });
    const snapshot = await client.createPlan({ clientId, document });
    steps.next((t) => t.feedback.steps.write, { cancellable: false });
    const engine = initialSyncState(snapshot.document.plan.id, snapshot.document, flattenVersions(snapshot.versions), snapshot.cursor);
    await this.session.write(snapshot.document, state.language, {}, { clientId, sync: { server, engine } }, sheetsShownBy(steps));
    return "sent";
  }

  /** What a send would put on the wire now (queued and new), per kind, without changing anything. */
  async preview(control: ActionControl = uncontrolled()): Promise<{ problems: Problem[]; summary: OutgoingSummary; count: number }> {
    const engine = this.engine();
    control.steps.plan(1);
    control.steps.next((t) => t.feedback.steps.read, { ifCancelled: (t) => t.feedback.ifCancelled.nothingSent });
    const read = await this.session.readSheets();
    // The read is the only step: a cancel during it must not be answered with the preview.
    control.signal.throwIfAborted();
    if (read.problems.length) return { problems: read.problems, summary: outgoingSummary([]), count: 0 };
    const { state } = prepareOutgoing(engine, read.doc, this.newId);
    return { problems: [], summary: outgoingSummary(state.outbox), count: state.outbox.length };
  }

  /**
   * Sends local changes (queued first), brings the others' changes into the sheets, step by step:
   * read the sheets, check the catalogues, keep the queue in the workbook, send it in parts, receive
   * pages of changes, write the sheets. Cancelled (`control.signal`) before the queue is kept, it leaves
   * everything as it was; after, the queue in the workbook goes with the next sync. The two writes to
   * the workbook are not cancellable: Excel runs a batch once sent.
   */
  async syncNow(control: ActionControl = uncontrolled()): Promise<SyncOutcome> {
    const { signal, steps } = control;
    let engine = this.engine();
    const state = this.state();
    // Read, catalogues, queue, the first page of changes, write; the parts to send once the queue is known.
    steps.plan(5);
    const nothingSent = { ifCancelled: (t: Strings) => t.feedback.ifCancelled.nothingSent };
    steps.next((t) => t.feedback.steps.read, nothingSent);
    const read = await this.session.readSheets();
    const outcome: SyncOutcome = {
      problems: read.problems,
      sent: 0,
      received: 0,
      conflicts: [],
      refused: [],
      offline: false,
      queued: 0,
      catalogue: { updated: [], notices: [] },
    };
    // A cancel during the read ends here too when the sheets' problems would end the sync without a next step.
    signal.throwIfAborted();
    if (read.problems.length) return outcome;

    // 1. Linked indicators follow the catalogues: ordinary local edits, queued and sent with the others.
    steps.next((t) => t.feedback.steps.catalogues, nothingSent);
    const aligned = await this.alignWithCatalogues(read.doc, signal);
    outcome.catalogue = aligned.check;
    let doc = aligned.doc;
    // Queue in the workbook before anything leaves it; new rows get their ids in the sheets now.
    const prepared = prepareOutgoing(engine, doc, this.newId);
    engine = prepared.state;
    const parts = pushParts(engine.outbox);
    steps.plan(parts);
    const link = () => ({ ...state.sync!, engine });
    // The sheets are rewritten only to give new rows their ids or show the catalogues' changes, so that they
    // always say what the queue holds; otherwise the state alone is saved.
    steps.next((t) => t.feedback.steps.queue, { cancellable: false });
    if (doc !== read.doc || read.changes.some((c) => c.op === "create")) await this.session.write(doc, state.language, {}, { sync: link() });
    else await this.session.saveState({ ...this.state(), doc, sync: link() });
    const written = doc;

    // 2. Talk to the server (outside any Excel batch). A cancel from here on leaves the queue kept above.
    const client = this.client(signal);
    const sending = { ifCancelled: (t: Strings) => t.feedback.ifCancelled.sending(outcome.sent) };
    try {
      for (let part = 1; engine.outbox.length; part++) {
        const sent = nextPush(engine.outbox);
        steps.next((t) => t.feedback.steps.send(part, Math.max(part, parts)), sending);
        const answer = await client.push(engine.planId, { clientId: state.clientId!, mutations: sent });
        engine = applyPushResults(engine, sent, answer.results);
        // Not saved after each answer: until the final save the queue in the workbook still holds these
        // mutations, and sending them again is harmless (the server replays its answers).
        outcome.sent += answer.results.filter((r) => r.status === "applied").length;
        // Answers that do not empty the outbox (conflict, forbidden) leave it; stop on no progress.
        if (engine.outbox.some((m) => sent.includes(m))) break;
      }
      for (let page = 1, more = true; more; page++) {
        if (page > 1) steps.plan(1);
        steps.next((t) => t.feedback.steps.receive(page), { ifCancelled: (t) => t.feedback.ifCancelled.receiving });
        const answer = await client.pull(engine.planId, engine.cursor);
        // Our own writes come back in the feed at versions we already hold: they are not "received".
        const before = engine.versions;
        outcome.received += answer.changes.filter((r) => (before[versionKey(r.kind, r.id)] ?? 0) < r.version).length;
        const merged = mergePull(engine, doc, answer.changes, answer.cursor);
        engine = merged.state;
        doc = merged.current;
        more = answer.hasMore;
      }
    } catch (error) {
      // A cancelled request is no lost connection: nothing more is done, nothing more is written.
      if (signal.aborted || !(error instanceof Unreachable)) throw error;
      outcome.offline = true;
    }

    // 3. Write what came down, and what happened.
    steps.next((t) => t.feedback.steps.write, { cancellable: false });
    outcome.conflicts = engine.conflicts;
    outcome.refused = engine.refused;
    outcome.queued = engine.outbox.length;
    const last = { at: new Date().toISOString(), sent: outcome.sent, received: outcome.received, conflicts: engine.conflicts.length, offline: outcome.offline };
    const sync = { ...link(), last };
    if (doc !== written) await this.session.write(doc, state.language, {}, { sync }, sheetsShownBy(steps));
    else await this.session.saveState({ ...this.state(), doc, sync });
    return outcome;
  }

  /**
   * The catalogue entries of the associations the plan's community is a member of, and whether this token
   * may edit the plan. Network calls: never inside Excel.run.
   */
  async catalogues(signal?: AbortSignal): Promise<{ entries: CatalogueEntry[]; mayEdit: boolean }> {
    const client = this.client(signal);
    const me = this.known ?? (await this.me(signal));
    const community = me.communities.find((c) => c.id === this.state().doc.community.id);
    const lists = await Promise.all((community?.memberOf ?? []).map((id) => client.catalogue(id)));
    const entries = lists.flatMap((l) => l.entries);
    // Kept for Refresh, which checks the association's quality rules offline and without a request.
    (await this.rulesCache())?.put(this.connection()!.server, this.state().doc.plan.id, entries);
    return { entries, mayEdit: community?.roles.some((r) => r === "editor" || r === "admin") ?? false };
  }

  /** The catalogue entries `catalogues` last received for this plan, and when; read without a request. */
  async keptRules(): Promise<KeptRules | undefined> {
    const server = this.connection()?.server;
    const planId = this.session.state?.doc.plan.id;
    return server && planId ? (await this.rulesCache())?.get(server, planId) : undefined;
  }

  /** The cache and its schemas are downloaded with the first catalogue or Refresh that needs them. */
  private async rulesCache() {
    if (!this.rulesStorage) return undefined;
    const { rulesCache } = await import("./features/quality/cache.ts");
    return rulesCache(this.rulesStorage, panePartition());
  }

  /** The plan in line with the catalogues. Catalogues that cannot be read leave it as it is: the sync goes on. */
  private async alignWithCatalogues(doc: PlanDocument, signal: AbortSignal): Promise<{ doc: PlanDocument; check: CatalogueCheck }> {
    let found: { entries: CatalogueEntry[]; mayEdit: boolean };
    try {
      found = await this.catalogues(signal);
    } catch (error) {
      if (signal.aborted) throw error;
      return { doc, check: { updated: [], notices: [], unchecked: error instanceof Error ? error.message : String(error) } };
    }
    const aligned = alignWithCatalogue(doc, found.entries, doc.plan.language);
    // A monitor's token would only have these edits refused; an editor's sync makes them, and this one pulls them.
    if (!found.mayEdit) return { doc, check: { updated: [], notices: aligned.notices } };
    return { doc: aligned.doc, check: { updated: aligned.updated, notices: aligned.notices } };
  }

  /**
   * An editor reviewing refused changes (a monitor's, kept in this workbook) puts them back to be sent
   * with the next sync, under the token connected now.
   */
  async releaseRefused(): Promise<void> {
    const state = this.state();
    const engine = this.engine();
    const released = releaseRefused(engine, engine.refused.map((r) => r.mutation.mutationId));
    await this.session.saveState({ ...state, sync: { ...state.sync!, engine: released } });
  }

  /** Closes a conflict with the user's choice; the next sync sends what "mine" needs. */
  async resolve(key: string, choice: Choice): Promise<void> {
    const state = this.state();
    const read = await this.session.readSheets();
    // Resolving rewrites the sheets: what they hold now must be read first, or a typed cell would be lost.
    if (read.problems.length) throw new SheetProblems(read.problems);
    const resolved = resolveConflict(this.engine(), read.doc, key, choice, this.newId);
    await this.session.write(resolved.current, state.language, {}, { sync: { ...state.sync!, engine: resolved.state } });
  }

  private engine(): SyncState {
    const engine = this.state().sync?.engine;
    if (!engine) throw new PaneError((t) => ({ title: t.feedback.notLinked, next: t.feedback.notLinkedNext }));
    return engine;
  }
}

/** How many requests the queue goes out in (nextPush's parts), for the steps a sync shows. */
function pushParts(outbox: readonly SyncState["outbox"][number][]): number {
  let parts = 0;
  for (let rest = outbox; rest.length; parts++) rest = rest.slice(nextPush(rest).length);
  return parts;
}

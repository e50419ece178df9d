/**
 * Where the pane keeps a token: outside the workbook (a token must not travel with a shared .xlsx), in
 * the browser storage of the pane, partitioned per Office document context where Office offers a
 * partition key. Keyed by server and workbook, so each workbook remembers its own connection.
 */
export interface TokenStore {
  get(server: string, clientId: string): string | null;
  set(server: string, clientId: string, token: string): void;
  remove(server: string, clientId: string): void;
}

export function storageTokenStore(storage: Pick<Storage, "getItem" | "setItem" | "removeItem">, partition = ""): TokenStore {
  const key = (server: string, clientId: string) => `${partition}muniplan:token:${new URL(server).origin}:${clientId}`;
  return {
    get: (server, clientId) => storage.getItem(key(server, clientId)),
    set: (server, clientId, token) => storage.setItem(key(server, clientId), token),
    remove: (server, clientId) => storage.removeItem(key(server, clientId)),
  };
}

/**
 * The prefix of every key the pane keeps in localStorage: Office's partition key where Office gives one
 * (so each partitioned pane keeps its own), nothing elsewhere.
 */
export function panePartition(): string {
  const partition = typeof Office !== "undefined" ? (Office.context?.partitionKey ?? "") : "";
  return partition ? `${partition}:` : "";
}

/** The pane's token store: localStorage, under Office's partition key when there is one. */
export function browserTokenStore(): TokenStore {
  return storageTokenStore(localStorage, panePartition());
}

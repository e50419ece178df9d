import type { Strings } from "./strings.ts";

/**
 * What the pane shows for a failed action: a title in the user's language, the next step to take, and
 * the technical text (code, status, message) kept for "details" only, never in the title.
 * First version: the full mapping of server and Office errors follows.
 */
export interface ErrorDescription {
  title: string;
  next?: string;
  details?: string;
}

export function describeError(error: unknown, t: Strings): ErrorDescription {
  void t;
  return { title: "Something went wrong", details: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

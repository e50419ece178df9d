/** Deterministic UUIDs for adopted plans, so two adoptions of the same text are equal. */
export function sequentialIds(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, "0")}`;
}

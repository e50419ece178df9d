import { useMemo, useState } from "react";
import { type FindingKind, type KindGroup, groupFindings } from "../../../../shared/check/groups.ts";
import type { LocatedFinding } from "../../../../shared/check/plan-check.ts";
import type { Language } from "../../../../shared/model/plan.ts";
import { usePaneServices } from "../../state/pane.tsx";
import { useAction } from "../../state/useAction.ts";

/** A group shows its items at once only when it has this many or fewer; larger ones start collapsed. */
export const FEW = 5;

export interface CheckView {
  run(): void;
  busy: boolean;
  /** Undefined until the check has run. */
  groups?: KindGroup<LocatedFinding>[];
  count(kind: FindingKind): number;
  /** Selects the finding's cell in the workbook. */
  select(finding: LocatedFinding): void;
}

/** The plan check: runs it over the session's plan, groups what it found, and goes to a finding's cell. */
export function useCheck(language: Language): CheckView {
  const { session } = usePaneServices();
  const [findings, setFindings] = useState<LocatedFinding[]>();
  const check = useAction("check");
  // Going to a cell keeps the check's outcome on screen: the list is what the user works through.
  const goTo = useAction("go-to-cell", { keepOthers: true });
  const groups = useMemo(() => findings && groupFindings(findings, (f) => f.sheetKind), [findings]);
  return {
    run: () => void check.run(async () => setFindings(await session.check(language))),
    busy: check.busy,
    groups,
    count: (kind) => groups?.find((g) => g.kind === kind)?.count ?? 0,
    select: (finding) => void goTo.run(() => session.select(finding)),
  };
}

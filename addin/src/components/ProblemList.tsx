import { Link, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { Problem } from "../../../shared/layout/grid.ts";
import type { Language } from "../../../shared/model/plan.ts";

/** Problems named by cell; clicking one selects that cell in the workbook. */
export function ProblemList(props: {
  title: string;
  hint?: string;
  problems: Problem[];
  language: Language;
  onSelect: (p: Problem) => void;
  intent?: "error" | "warning";
  testId: string;
}) {
  if (props.problems.length === 0) return null;
  return (
    <MessageBar intent={props.intent ?? "error"} layout="multiline" data-testid={props.testId}>
      <MessageBarBody>
        <MessageBarTitle>{props.title}</MessageBarTitle>
        {props.hint && <div>{props.hint}</div>}
        <ul style={{ margin: "4px 0 0", paddingLeft: 18 }}>
          {props.problems.map((p, i) => (
            <li key={`${p.ref}-${i}`}>
              <Link as="button" onClick={() => props.onSelect(p)}>
                {p.ref}
              </Link>
              : {p.text[props.language]}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

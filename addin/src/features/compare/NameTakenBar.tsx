import { Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useState } from "react";
import { sheetNameProblem } from "../../../../shared/layout/cells.ts";
import type { Strings } from "../../strings.ts";
import type { Reports } from "./useReports.ts";

/** A report's sheet name is taken by a sheet that is not MuniPlan's: another name, and the same data written there. */
export function NameTakenBar(props: { taken: NonNullable<Reports["taken"]>; busy: boolean; onCancel: () => void; t: Strings }) {
  const { t } = props;
  const c = t.compare;
  const [name, setName] = useState(`${props.taken.name} (MuniPlan)`);
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="compare-name-taken">
      <MessageBarBody>
        <MessageBarTitle>{t.nameTakenTitle}</MessageBarTitle>
        {c.nameTaken(props.taken.name)}
        <Field label={c.sheetName} validationMessage={sheetNameProblem(name)}>
          <Input value={name} onChange={(_, d) => setName(d.value)} aria-label={c.sheetName} />
        </Field>
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" onClick={() => props.taken.retry(name.trim())} disabled={props.busy || sheetNameProblem(name) !== undefined}>
          {c.useName}
        </Button>
        <Button onClick={props.onCancel}>{t.cancel}</Button>
      </MessageBarActions>
    </MessageBar>
  );
}

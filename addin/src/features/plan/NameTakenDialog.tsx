import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input } from "@fluentui/react-components";
import { useState } from "react";
import type { SheetKind } from "../../../../shared/layout/grid.ts";
import type { Strings } from "../../strings.ts";

/** Sheet names taken by sheets that are not MuniPlan's: the user picks others (or cancels); nothing was written. */
export function NameTakenDialog(props: {
  taken: { kind: SheetKind; name: string }[];
  t: Strings;
  onUse: (names: Partial<Record<SheetKind, string>>) => void;
  onCancel: () => void;
}) {
  const { t } = props;
  const [names, setNames] = useState<Partial<Record<SheetKind, string>>>({});
  const chosen = (kind: SheetKind, name: string) => names[kind] ?? `${name} (MuniPlan)`;
  return (
    <Dialog open modalType="alert">
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t.nameTakenTitle}</DialogTitle>
          <DialogContent>
            <p>{t.nameTakenBody}</p>
            {props.taken.map(({ kind, name }) => (
              <Field key={kind} label={name}>
                <Input value={chosen(kind, name)} onChange={(_, d) => setNames((n) => ({ ...n, [kind]: d.value }))} aria-label={name} />
              </Field>
            ))}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => props.onUse(Object.fromEntries(props.taken.map(({ kind, name }) => [kind, chosen(kind, name)])))}>
              {t.useNames}
            </Button>
            <Button onClick={props.onCancel}>{t.cancel}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

import { Toaster } from "@fluentui/react-components";
import { PANE_TOASTER } from "./toaster.ts";

/** The pane's one Toaster, where the undo of a delete is offered (Pane mounts it with the first item section). */
export function PaneToaster() {
  return <Toaster toasterId={PANE_TOASTER} position="bottom" />;
}

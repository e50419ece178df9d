import { Button, Toast, ToastFooter, ToastTitle, useToastController } from "@fluentui/react-components";
import type { Strings } from "../../strings.ts";
import { PANE_TOASTER } from "../pane/toaster.ts";

/**
 * Offers to undo the delete just made, in a toast with *Undo* and *Close*. The toast stays until one of
 * them (or the next delete) closes it: an action on a timer would be gone before some could reach it.
 * One at a time: a new delete replaces the offer for the one before.
 */
export function useUndoDelete(t: Strings): (label: string, undo: () => Promise<boolean>) => void {
  const { dispatchToast, dismissToast, dismissAllToasts } = useToastController(PANE_TOASTER);
  return (label, undo) => {
    dismissAllToasts();
    const toastId = crypto.randomUUID();
    const onUndo = async () => {
      // Restoring twice changes nothing (what is back is not added again), so a second click is harmless.
      if (!(await undo())) return;
      dismissToast(toastId);
      dispatchToast(
        <Toast data-testid="undo-done">
          <ToastTitle>{t.undo.restored(label)}</ToastTitle>
        </Toast>,
        { intent: "success" },
      );
    };
    dispatchToast(
      <Toast data-testid="undo-toast">
        <ToastTitle>{t.undo.deleted(label)}</ToastTitle>
        <ToastFooter>
          <Button size="small" appearance="primary" onClick={onUndo} data-testid="undo">
            {t.undo.action}
          </Button>
          <Button size="small" onClick={() => dismissToast(toastId)}>
            {t.undo.close}
          </Button>
        </ToastFooter>
      </Toast>,
      { toastId, timeout: -1, intent: "info" },
    );
  };
}

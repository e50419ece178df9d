/** The pane's one Toaster (mounted by Pane): the undo of a delete is offered there, whichever section is open. */
export const PANE_TOASTER = "muniplan-pane";

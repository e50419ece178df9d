import type { Download } from "../../../../shared/api/client.ts";

/**
 * Hands a file the API served to the browser's download, under the name the server gave it. Saving from
 * the pane works in Excel on the web and for Windows; Excel for Mac saves no file from an add-in
 * (OfficeDev/office-js#2700, by design), which the pane's hints say.
 */
export function saveFile({ blob, filename }: Download): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the bytes once the click is handled; the URL is kept a while for a slow save dialog.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

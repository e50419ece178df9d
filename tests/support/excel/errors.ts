/**
 * Errors as Office.js rejects a sync with them: an OfficeExtension.Error has name "RichApi.Error", an
 * Excel error code (Excel.ErrorCodes) and debugInfo naming the failing member. The message starts
 * with the code so that a test's `toThrow(/AccessDenied/)` reads as the code it means.
 */
export type ExcelErrorCode =
  | "AccessDenied"
  | "ApiNotFound"
  | "GeneralException"
  | "InvalidArgument"
  | "InvalidObjectPath"
  | "InvalidOperation"
  | "InvalidSelection"
  | "ItemAlreadyExists"
  | "ItemNotFound"
  | "PropertyNotLoaded"
  | "RangeExceedsLimit"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded";

export class ExcelError extends Error {
  override readonly name = "RichApi.Error";
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: ExcelErrorCode | string,
    text: string,
    errorLocation?: string,
  ) {
    super(`${code}: ${text}`);
    this.debugInfo = { code, message: this.message, errorLocation };
  }
}

export const excelError = (code: ExcelErrorCode, text: string, errorLocation?: string) => new ExcelError(code, text, errorLocation);

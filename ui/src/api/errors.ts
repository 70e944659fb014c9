// Every failure of a command reaches the screens as one AppError: the core's
// `{code, message}` when it sent one, code "unknown" for anything else (a
// missing command, a permission refused by Tauri, a bug). The message is a
// sentence meant for the person, so screens show it as it is.

export const UNKNOWN = "unknown";

const FALLBACK_MESSAGE = "Something went wrong and Praxis could not say what. Please try again.";

export class AppError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "AppError";
    this.code = code;
  }
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/** Turns whatever a rejected `invoke` gave into an AppError. */
export function toAppError(reason: unknown): AppError {
  if (reason instanceof AppError) return reason;
  if (typeof reason === "object" && reason !== null && !(reason instanceof Error)) {
    const { code, message } = reason as { code?: unknown; message?: unknown };
    if (nonEmptyString(code)) {
      return new AppError(code, nonEmptyString(message) ? message : FALLBACK_MESSAGE);
    }
    return new AppError(UNKNOWN, nonEmptyString(message) ? message : FALLBACK_MESSAGE);
  }
  if (reason instanceof Error && nonEmptyString(reason.message)) {
    return new AppError(UNKNOWN, reason.message);
  }
  if (nonEmptyString(reason)) return new AppError(UNKNOWN, reason);
  return new AppError(UNKNOWN, FALLBACK_MESSAGE);
}

// Runs one call to the core for a screen's store: `busy` while it runs, the
// error kept as an AppError for the screen to show, `undefined` on failure.
import type { AppError } from "../api/errors";
import { toAppError } from "../api/errors";

export type Attempting = { error: AppError | null; busy: boolean };

export async function attempt<T>(owner: Attempting, action: () => Promise<T>): Promise<T | undefined> {
  owner.busy = true;
  owner.error = null;
  try {
    return await action();
  } catch (reason) {
    owner.error = toAppError(reason);
    return undefined;
  } finally {
    owner.busy = false;
  }
}

// Whether the window may show the journal: the state the core reports, and
// the actions that change it (unlock, confirm the recovery key, the app
// lock). Screens read `state` and call these; they never call the api.
import * as api from "../api/access";
import type { AppError } from "../api/errors";
import { toAppError } from "../api/errors";
import type { AccessState, AccessStatus } from "../api/types";

export class Access {
  state: AccessState | null = $state(null);
  recoveryKey: string | null = $state(null);
  protectedBy: AccessStatus["protected_by"] = $state(null);
  appLock: { idle_minutes: number } | null = $state(null);
  error: AppError | null = $state(null);
  busy = $state(false);

  get loaded(): boolean {
    return this.state !== null;
  }

  #apply(status: AccessStatus) {
    this.state = status.state;
    this.recoveryKey = status.recovery_key;
    this.protectedBy = status.protected_by;
    // While locked the core does not say; keep what was known.
    if (status.state === "open") this.appLock = status.app_lock;
  }

  async load(): Promise<void> {
    try {
      this.#apply(await api.accessStatus());
    } catch (reason) {
      this.error = toAppError(reason);
      this.state = "unavailable";
    }
  }

  async #attempt(action: () => Promise<AccessStatus>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      this.#apply(await action());
      return true;
    } catch (reason) {
      this.error = toAppError(reason);
      return false;
    } finally {
      this.busy = false;
    }
  }

  unlockWithPassphrase(passphrase: string) {
    return this.#attempt(() => api.unlockWithPassphrase(passphrase));
  }

  unlockWithRecoveryKey(recoveryKey: string) {
    return this.#attempt(() => api.unlockWithRecoveryKey(recoveryKey));
  }

  unlockApp(passphrase: string) {
    return this.#attempt(() => api.unlockApp(passphrase));
  }

  setAppLock(enabled: boolean, passphrase: string | null, idleMinutes: number) {
    return this.#attempt(() => api.setAppLock(enabled, passphrase, idleMinutes));
  }

  async confirmRecoveryKey(): Promise<void> {
    try {
      await api.confirmRecoveryKey();
      this.recoveryKey = null;
    } catch (reason) {
      this.error = toAppError(reason);
    }
  }

  /** Engages the app lock; does nothing when none is set up. */
  async lock(): Promise<boolean> {
    if (!this.appLock) return false;
    try {
      await api.lockApp();
      this.state = "app_locked";
      this.error = null;
      return true;
    } catch (reason) {
      this.error = toAppError(reason);
      return false;
    }
  }

  dismissError() {
    this.error = null;
  }
}

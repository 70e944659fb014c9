// Whether the window may show the journal: the state the core reports, and
// the actions that change it (unlock, confirm the recovery key, the app
// lock). Screens read `state` and call these; they never call the api.
import * as api from "../api/access";
import type { AppError } from "../api/errors";
import { toAppError } from "../api/errors";
import { attempt } from "./attempt";
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
    const status = await attempt(this, action);
    if (status) this.#apply(status);
    return status !== undefined;
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
    if ((await attempt(this, () => api.confirmRecoveryKey())) !== undefined) this.recoveryKey = null;
  }

  /** Engages the app lock; does nothing when none is set up. */
  async lock(): Promise<boolean> {
    if (!this.appLock) return false;
    const locked = (await attempt(this, () => api.lockApp())) !== undefined;
    if (locked) this.state = "app_locked";
    return locked;
  }

  dismissError() {
    this.error = null;
  }
}

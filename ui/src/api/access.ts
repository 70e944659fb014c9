// Unlocking the journal, the recovery key notice and the app lock. The only
// file that knows these commands' names (src-tauri/src/commands/access.rs).
import { call } from "./ipc";
import type { AccessStatus } from "./types";

export const accessStatus = () => call<AccessStatus>("access_status", {});

/** Opens the journal with its passphrase (for a new journal: the one chosen). */
export const unlockWithPassphrase = (passphrase: string) =>
  call<AccessStatus>("unlock_with_passphrase", { passphrase });

export const unlockWithRecoveryKey = (recoveryKey: string) =>
  call<AccessStatus>("unlock_with_recovery_key", { recoveryKey });

/** The person kept the recovery key: it is not shown again. */
export const confirmRecoveryKey = () => call<null>("confirm_recovery_key", {});

export const lockApp = () => call<null>("lock_app", {});

export const unlockApp = (passphrase: string) => call<AccessStatus>("unlock_app", { passphrase });

/** Turns the app lock on (a passphrase is needed the first time), changes its minutes, or turns it off. */
export const setAppLock = (enabled: boolean, passphrase: string | null, idleMinutes: number) =>
  call<AccessStatus>("set_app_lock", { enabled, passphrase, idleMinutes });

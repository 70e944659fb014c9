// Unlocking the journal, the recovery key notice and the app lock. The only
// file that knows these commands' names (src-tauri/src/commands/access.rs).
import { call } from "./ipc";


export const accessStatus = () => call("access_status");

/** Opens the journal with its passphrase (for a new journal: the one chosen). */
export const unlockWithPassphrase = (passphrase: string) =>
  call("unlock_with_passphrase", passphrase);

export const unlockWithRecoveryKey = (recoveryKey: string) =>
  call("unlock_with_recovery_key", recoveryKey);

/** The person kept the recovery key: it is not shown again. */
export const confirmRecoveryKey = () => call("confirm_recovery_key");

export const lockApp = () => call("lock_app");

export const unlockApp = (passphrase: string) => call("unlock_app", passphrase);

/** Turns the app lock on (a passphrase is needed the first time), changes its minutes, or turns it off. */
export const setAppLock = (enabled: boolean, passphrase: string | null, idleMinutes: number) =>
  call("set_app_lock", enabled, passphrase, idleMinutes);

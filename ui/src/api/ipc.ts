// The single door to the core. Only files in src/api/ import this, and only
// this file imports `invoke`: a command's name and arguments live in exactly
// one place, and every rejection comes out as an AppError.
import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import { toAppError } from "./errors";

export async function call<T>(command: string, args: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toAppError(reason);
  }
}

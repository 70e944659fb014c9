// The single door to the core. Only files in src/api/ import this, and only
// this file (and the generated bindings.ts) reach `invoke`. A command's name,
// arguments and result are typed by bindings.ts, which is generated from the
// Rust commands: a renamed command, argument or field fails `npm run check`.
// Every rejection comes out as an AppError.
import { commands } from "./bindings";
import { toAppError } from "./errors";

export type Commands = typeof commands;
export type CommandName = keyof Commands;
/** What a command answers, as the Rust command declares it. */
export type Answer<K extends CommandName> = Awaited<ReturnType<Commands[K]>>;

export async function call<K extends CommandName>(command: K, ...args: Parameters<Commands[K]>): Promise<Answer<K>> {
  const run = commands[command] as (...args: Parameters<Commands[K]>) => Promise<Answer<K>>;
  try {
    return await run(...args);
  } catch (reason) {
    throw toAppError(reason);
  }
}

import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import type { Services } from "../services.js";
import { describeStartupError } from "./common.js";

/**
 * Where a command's output goes: the terminal for a local run, the control socket when a
 * running server executes it for the CLI. `out` is the result (stdout), `err` the remarks.
 */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  /** Live progress on a terminal; absent when nobody watches (a pipe, the control socket). */
  progress?(text: string): void;
}

/** What every command works with: the one service graph and the database under it. */
export interface CommandContext {
  services: Services;
  database: Database;
}

/** A command ends early with one line for the person and an exit code (2 unless given). */
export class CommandFailure extends Error {
  override name = "CommandFailure";
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** A command: parsed arguments in, output through io, an exit code out. */
export type Command<A> = (ctx: CommandContext, args: A, io: CommandIo) => Promise<number>;

/** One line and an exit code for anything a command throws; never a stack trace. */
export function failureOf(err: unknown): { message: string; exitCode: number } {
  if (err instanceof CommandFailure) return { message: err.message, exitCode: err.exitCode };
  if (err instanceof AppError) return { message: err.message, exitCode: 2 };
  return { message: describeStartupError(err), exitCode: 2 };
}

/** io for a local run: straight to this process's stdout and stderr. */
export const terminalIo: CommandIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  progress: process.stderr.isTTY ? (text) => process.stderr.write(text) : undefined,
};

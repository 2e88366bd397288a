import { readFileSync } from "node:fs";
import { checkNewPassword } from "@gatehouse/shared/password-strength";
import type { CliOverrides } from "../config/config.js";
import { type Command, CommandFailure } from "./command.js";
import { configOrExit, fail } from "./common.js";
import { runCommand } from "./dispatch.js";

export interface ResetPasswordOptions extends CliOverrides {
  passwordStdin?: boolean;
  passwordFile?: string;
  signOutEverywhere?: boolean;
}

export interface ResetPasswordArgs {
  who: string;
  /** Absent: print a one-time link after which the user chooses a password. */
  password?: string;
  signOutEverywhere: boolean;
}

/**
 * `gatehouse reset-password <user>`: gets someone back in. Clears the account's sign-in
 * lockouts, then either sets the password read from stdin or a file, or prints a one-time
 * link (stdout, alone, so it can be piped) that signs them in and offers a new password.
 * Other sessions end only with --sign-out-everywhere.
 */
export const resetPasswordCommand: Command<ResetPasswordArgs> = async ({ services }, args, io) => {
  if (!args.who.trim())
    throw new CommandFailure(
      "give the user's username or email, e.g. `gatehouse reset-password ada`.",
    );
  const out = await services.passwordResets.resetForCli(args.who, {
    password: args.password,
    signOutEverywhere: args.signOutEverywhere,
  });
  const ended = args.signOutEverywhere ? `; ${out.sessionsEnded} session(s) ended` : "";
  if (!out.link) {
    io.out(`Password set for ${out.user.username}; sign-in lockouts cleared${ended}.\n`);
    return 0;
  }
  const minutes = Math.round(services.config.magicLinkTtlMs / 60_000);
  io.err(
    `Reset link for ${out.user.username}: works once, expires ${out.link.expiresAt.toISOString()} (in ${minutes} min); it signs them in and offers a new password. Sign-in lockouts cleared${ended}.\n`,
  );
  if (!out.user.isActive)
    io.err(
      `Note: ${out.user.username} is not active; the link works once the account is activated.\n`,
    );
  io.out(`${out.link.url}\n`);
  return 0;
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The first line only: a trailing newline from `echo` or an editor is not part of it. */
const firstLine = (text: string) => text.split(/\r?\n/)[0] ?? "";

export async function runResetPassword(who: string, o: ResetPasswordOptions): Promise<void> {
  const { config } = configOrExit({ envFile: o.envFile });
  if (!who.trim()) fail("give the user's username or email, e.g. `gatehouse reset-password ada`.");
  if (o.passwordStdin && o.passwordFile) fail("use --password-stdin or --password-file, not both.");
  let password: string | undefined;
  if (o.passwordStdin) password = firstLine(await readStdin());
  if (o.passwordFile) {
    try {
      password = firstLine(readFileSync(o.passwordFile, "utf8"));
    } catch (err) {
      fail(`cannot read ${o.passwordFile}: ${(err as Error).message}`);
    }
  }
  // The full rule (a superuser's 12 characters) is applied by the server, which knows who it is.
  if (password !== undefined) {
    const problem = checkNewPassword(password, { userInputs: [who] });
    if (problem) fail(problem);
  }
  await runCommand(config, "reset-password", resetPasswordCommand, {
    who,
    password,
    signOutEverywhere: o.signOutEverywhere === true,
  });
}

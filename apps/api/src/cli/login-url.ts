import type { CliOverrides } from "../config/config.js";
import { type Command, CommandFailure } from "./command.js";
import { configOrExit, fail } from "./common.js";
import { runCommand } from "./dispatch.js";

export interface LoginUrlArgs {
  who: string;
}

/**
 * `gatehouse login-url <email|username>`: prints a fresh single-use sign-in link, for a
 * server nobody can reach the console of yet. The link alone goes to stdout (scriptable);
 * who it is for and when it expires go to stderr.
 */
export const loginUrlCommand: Command<LoginUrlArgs> = async ({ services }, { who }, io) => {
  if (!who.trim())
    throw new CommandFailure(
      "give the user's email or username, e.g. `gatehouse login-url ada@example.com`.",
    );
  const out = await services.magicLinkRequests.issueForCli(who);
  const minutes = Math.round(services.config.magicLinkTtlMs / 60_000);
  io.err(
    `Sign-in link for ${out.user.username} <${out.user.email}>: works once, expires ${out.link.expiresAt.toISOString()} (in ${minutes} min).\n`,
  );
  io.out(`${out.link.url}\n`);
  return 0;
};

export async function runLoginUrl(who: string, cli: CliOverrides): Promise<void> {
  const { config } = configOrExit(cli);
  if (!who.trim())
    fail("give the user's email or username, e.g. `gatehouse login-url ada@example.com`.");
  await runCommand(config, "login-url", loginUrlCommand, { who });
}

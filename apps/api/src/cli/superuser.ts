import { checkUsername, normalizeUsername } from "@gatehouse/shared";
import { checkNewPassword } from "@gatehouse/shared/password-strength";
import type { CliOverrides } from "../config/config.js";
import { applyCliSuperuser } from "../features/users/superuser-cli.js";
import { type Command, CommandFailure } from "./command.js";
import { configOrExit, fail } from "./common.js";
import { runCommand } from "./dispatch.js";

export interface SuperuserOptions extends CliOverrides {
  username?: string;
  passwordStdin?: boolean;
  updatePassword?: boolean;
  promote?: boolean;
  keepSignInMethods?: boolean;
}

/**
 * Reads keystrokes from a raw-mode terminal. Keeps what arrives early (typed ahead or pasted)
 * for the next prompt, and echoes only when asked, so passwords never appear on screen.
 */
class TerminalReader {
  private pending = "";
  private waiter: (() => void) | null = null;
  private closed = false;

  constructor() {
    process.stdin.setRawMode(true);
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk: string) => {
      this.pending += chunk;
      this.waiter?.();
    });
    process.stdin.on("end", () => {
      this.closed = true;
      this.waiter?.();
    });
    process.stdin.resume();
  }

  async ask(question: string, echo: boolean): Promise<string> {
    process.stdout.write(question);
    let value = "";
    for (;;) {
      while (this.pending.length > 0) {
        const ch = this.pending[0] as string;
        this.pending = this.pending.slice(1);
        if (ch === "\r" || ch === "\n") {
          // A CR LF pair is one Enter.
          if (ch === "\r" && this.pending[0] === "\n") this.pending = this.pending.slice(1);
          process.stdout.write("\n");
          return value;
        }
        if (ch === "\u0003" || ch === "\u0004") {
          process.stdout.write("\n");
          this.close();
          fail("cancelled; nothing was changed.", 130);
        }
        if (ch === "\u007f" || ch === "\b") {
          if (value.length > 0 && echo) process.stdout.write("\b \b");
          value = value.slice(0, -1);
          continue;
        }
        if (ch < " ") continue;
        value += ch;
        if (echo) process.stdout.write(ch);
      }
      if (this.closed) fail("the terminal closed before the answer was complete.");
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
      this.waiter = null;
    }
  }

  close(): void {
    process.stdin.setRawMode(false);
    process.stdin.pause();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function credentials(o: SuperuserOptions): Promise<{ username: string; password: string }> {
  if (o.passwordStdin) {
    if (!o.username) fail("--password-stdin needs --username as well.");
    // The first line is the password; a trailing newline from `echo` or a file is not part of it.
    const password = (await readStdin()).split(/\r?\n/)[0] ?? "";
    return { username: o.username, password };
  }
  if (!process.stdin.isTTY) {
    fail(
      "no terminal to ask on: pass --username and --password-stdin (password on standard input).",
    );
  }
  const term = new TerminalReader();
  try {
    let username = o.username;
    while (!username) {
      const answer = normalizeUsername(await term.ask("Username: ", true));
      const problem = checkUsername(answer);
      if (problem) process.stdout.write(`${problem}\n`);
      else username = answer;
    }
    for (;;) {
      const password = await term.ask("Password: ", false);
      const problem = checkNewPassword(password, { superuser: true, userInputs: [username] });
      if (problem) {
        process.stdout.write(`${problem}\n`);
        continue;
      }
      const again = await term.ask("Password (again): ", false);
      if (again === password) return { username, password };
      process.stdout.write("Passwords do not match; try again.\n");
    }
  } finally {
    term.close();
  }
}

export interface SuperuserArgs {
  username: string;
  password: string;
  updatePassword?: boolean;
  promote?: boolean;
  keepSignInMethods?: boolean;
}

/**
 * `gatehouse superuser`: creates an active superuser straight in the database (it needs local
 * access, so there is no HTTP endpoint to attack), resets a superuser's password with
 * --update-password, or promotes an existing account only with --promote (see
 * features/users/superuser-cli.ts). Runs in the CLI, or in a running server that the CLI
 * reached over its private control socket.
 */
export const superuserCommand: Command<SuperuserArgs> = async ({ services }, args, io) => {
  const nameProblem = checkUsername(args.username);
  if (nameProblem) throw new CommandFailure(nameProblem);
  const pwProblem = checkNewPassword(args.password, {
    superuser: true,
    userInputs: [args.username],
  });
  if (pwProblem) throw new CommandFailure(pwProblem);
  const lines = await applyCliSuperuser(services, args);
  io.out(`${lines.join("\n")}\n`);
  return 0;
};

/** Parses flags, asks for what is missing, then runs the command here or in the server. */
export async function runSuperuser(o: SuperuserOptions): Promise<void> {
  const { config } = configOrExit({ envFile: o.envFile });
  const { username, password } = await credentials(o);
  // Fail fast, before reaching a database or a server.
  const problem =
    checkUsername(username) ??
    checkNewPassword(password, { superuser: true, userInputs: [username] });
  if (problem) fail(problem);
  await runCommand(config, "superuser", superuserCommand, {
    username,
    password,
    updatePassword: o.updatePassword === true,
    promote: o.promote === true,
    keepSignInMethods: o.keepSignInMethods === true,
  });
}

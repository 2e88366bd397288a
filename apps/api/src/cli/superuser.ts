import { checkUsername, ErrorCode, normalizeUsername } from "@gatehouse/shared";
import { checkNewPassword } from "@gatehouse/shared/password-strength";
import { systemClock } from "../clock.js";
import type { CliOverrides } from "../config/config.js";
import { openDatabase } from "../db/database.js";
import { AppError } from "../errors.js";
import { AuditAction, AuditService } from "../features/audit/audit.service.js";
import { PasswordService } from "../features/passwords/password.service.js";
import { RateLimitService } from "../features/rate-limits/rate-limit.service.js";
import { SignInThrottle } from "../features/rate-limits/sign-in-throttle.js";
import { SessionService } from "../features/sessions/session.service.js";
import { UserService } from "../features/users/user.service.js";
import { createLogger } from "../logger.js";
import { configOrExit, describeStartupError, fail } from "./common.js";

export interface SuperuserOptions extends CliOverrides {
  username?: string;
  passwordStdin?: boolean;
  updatePassword?: boolean;
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

/**
 * `gatehouse superuser`: creates an active superuser straight in the database (it needs local
 * access, so there is no HTTP endpoint to attack), or with --update-password resets one.
 */
export async function runSuperuser(o: SuperuserOptions): Promise<void> {
  const { config } = configOrExit({ envFile: o.envFile });
  const { username, password } = await credentials(o);
  const nameProblem = checkUsername(username);
  if (nameProblem) fail(nameProblem);
  const pwProblem = checkNewPassword(password, { superuser: true, userInputs: [username] });
  if (pwProblem) fail(pwProblem);

  // Quiet logger: this command's output is its one line of result.
  const logger = createLogger("warn", false);
  let db: Awaited<ReturnType<typeof openDatabase>>;
  try {
    db = await openDatabase(config, logger);
  } catch (err) {
    fail(describeStartupError(err));
  }
  const passwords = new PasswordService();
  const audit = new AuditService(db.dataSource);
  const sessions = new SessionService(db.dataSource, systemClock, config.sessionTtlMs);
  const users = new UserService(db.dataSource, systemClock, passwords, sessions, audit);
  let message: string;
  try {
    const existing = await users.findByUsername(username);
    if (existing && !o.updatePassword) {
      throw new AppError(
        ErrorCode.CONFLICT,
        `user "${existing.username}" already exists; run again with --update-password to set a new password.`,
      );
    }
    if (existing) {
      await users.repo.update(
        { id: existing.id },
        { passwordHash: await passwords.hash(password), isActive: true, isSuperuser: true },
      );
      // Old sessions may belong to whoever knew the old password.
      await sessions.revokeAllForUser(existing.id);
      await new SignInThrottle(new RateLimitService(db.dataSource, systemClock)).unlock(
        existing.id,
      );
      await audit.record({
        action: AuditAction.SUPERUSER_CLI_PASSWORD,
        targetId: existing.id,
        detail: existing.username,
      });
      message = "Password updated successfully.";
    } else {
      await users.create(
        { username, password, isActive: true, isSuperuser: true },
        { userId: null },
        AuditAction.SUPERUSER_CLI_CREATED,
      );
      message = "Superuser created successfully.";
    }
  } catch (err) {
    await db.close().catch(() => {});
    if (err instanceof AppError) fail(err.message);
    fail(describeStartupError(err));
  }
  await db.close();
  process.stdout.write(`${message}\n`);
}

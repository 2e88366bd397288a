import { backupCommand } from "./backup.js";
import { type Command, CommandFailure } from "./command.js";
import { loginUrlCommand } from "./login-url.js";
import { migrateCommand } from "./migrate.js";
import { resetPasswordCommand } from "./reset-password.js";
import { rotateKeyCommand } from "./rotate-key.js";
import { rotateOidcKeysCommand } from "./rotate-oidc-keys.js";
import { superuserCommand } from "./superuser.js";

export interface RegisteredCommand<A> {
  run: Command<A>;
  /** Checks arguments that arrived over the control socket (the CLI built them, but still). */
  parse(args: unknown): A;
}

function fields(args: unknown): Record<string, unknown> {
  if (args === null || typeof args !== "object" || Array.isArray(args))
    throw new CommandFailure("the command's arguments are malformed.");
  return args as Record<string, unknown>;
}

function text(value: unknown, name: string): string {
  if (typeof value !== "string") throw new CommandFailure(`the argument ${name} is malformed.`);
  return value;
}

const optionalText = (value: unknown, name: string) =>
  value === undefined ? undefined : text(value, name);

// The command modules import cli/dispatch.ts, never this file, and dispatch.ts is handed the
// command by its caller rather than looking it up here: no import cycle.
const commands: Record<string, RegisteredCommand<never>> = {
  superuser: {
    run: superuserCommand,
    parse: (args: unknown) => {
      const a = fields(args);
      return {
        username: text(a.username, "username"),
        password: text(a.password, "password"),
        updatePassword: a.updatePassword === true,
        promote: a.promote === true,
        keepSignInMethods: a.keepSignInMethods === true,
      };
    },
  },
  "login-url": {
    run: loginUrlCommand,
    parse: (args: unknown) => ({ who: text(fields(args).who, "who") }),
  },
  "rotate-key": {
    run: rotateKeyCommand,
    parse: (args: unknown) => {
      const a = fields(args);
      return {
        dryRun: a.dryRun === true,
        expectPrimary: optionalText(a.expectPrimary, "expectPrimary"),
      };
    },
  },
  "reset-password": {
    run: resetPasswordCommand,
    parse: (args: unknown) => {
      const a = fields(args);
      return {
        who: text(a.who, "who"),
        password: optionalText(a.password, "password"),
        signOutEverywhere: a.signOutEverywhere === true,
      };
    },
  },
  migrate: { run: migrateCommand, parse: () => ({}) },
  "rotate-oidc-keys": { run: rotateOidcKeysCommand, parse: () => ({}) },
  backup: {
    run: backupCommand,
    parse: (args: unknown) => ({ withKey: fields(args).withKey !== false }),
  },
} as unknown as Record<string, RegisteredCommand<never>>;

/** Every command a running server runs for the CLI; anything else is refused. */
export function controlCommand(name: string): RegisteredCommand<never> | undefined {
  return Object.hasOwn(commands, name) ? commands[name] : undefined;
}

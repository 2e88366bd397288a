#!/usr/bin/env node
import "reflect-metadata";
import { Command, Option } from "commander";
import { VERSION } from "./version.js";

// Each command's module is loaded only when that command runs: `run` starts the embedded
// database before it loads the app, which the other commands would load first.
const backup = () => import("./cli/backup.js");

const program = new Command()
  .name("gatehouse")
  .description("Gatehouse: sign-in and user administration for self-hosted apps.")
  .version(VERSION)
  .showHelpAfterError();

const envFile = () =>
  new Option("--env-file <file>", "read settings from a dotenv file (the environment wins)");

program
  .command("run")
  .description("start the server (GraphQL API, console, health checks)")
  .addOption(envFile())
  .option("--anonymous-mode", "auto-login: every request acts as the default superuser")
  .option("--host <host>", "address to listen on (GATEHOUSE_HOST)")
  .option("--port <port>", "port to listen on (GATEHOUSE_PORT)")
  .action(async (o) =>
    (await import("./cli/run.js")).runServer({
      envFile: o.envFile,
      anonymousMode: o.anonymousMode,
      host: o.host,
      port: o.port,
    }),
  );

program
  .command("migrate")
  .description("apply pending database migrations and exit (the server also does this at start-up)")
  .addOption(envFile())
  .action(async (o) => (await import("./cli/migrate.js")).runMigrate({ envFile: o.envFile }));

program
  .command("superuser")
  .description(
    "create a superuser (or reset one's password); on the embedded database through the running server when there is one",
  )
  .addOption(envFile())
  .option("--username <name>", "the superuser's username (asked on a terminal when omitted)")
  .option("--password-stdin", "read the password from the first line of standard input")
  .option("--update-password", "set a new password for an existing superuser")
  .option(
    "--promote",
    "make an existing account that is not a superuser one (clears its email, Google link and pending links)",
  )
  .option(
    "--keep-sign-in-methods",
    "with --promote: keep the account's email, Google link and links",
  )
  .action(async (o) =>
    (await import("./cli/superuser.js")).runSuperuser({
      envFile: o.envFile,
      username: o.username,
      passwordStdin: o.passwordStdin,
      updatePassword: o.updatePassword,
      promote: o.promote,
      keepSignInMethods: o.keepSignInMethods,
    }),
  );

program
  .command("login-url")
  .description("print a fresh single-use sign-in link for a user (by email or username)")
  .argument("<email-or-username>", "whose link to print")
  .addOption(envFile())
  .action(async (who: string, o) =>
    (await import("./cli/login-url.js")).runLoginUrl(who, { envFile: o.envFile }),
  );

program
  .command("reset-password")
  .description(
    "get a user back in: clear their sign-in lockouts, then print a one-time link that offers a new password, or set one from stdin or a file",
  )
  .argument("<username-or-email>", "whose password to reset")
  .addOption(envFile())
  .option("--password-stdin", "read the new password from the first line of standard input")
  .option("--password-file <file>", "read the new password from the first line of a file")
  .option("--sign-out-everywhere", "also end all of the user's sessions")
  .action(async (who: string, o) =>
    (await import("./cli/reset-password.js")).runResetPassword(who, {
      envFile: o.envFile,
      passwordStdin: o.passwordStdin,
      passwordFile: o.passwordFile,
      signOutEverywhere: o.signOutEverywhere,
    }),
  );

program
  .command("rotate-oidc-keys")
  .description(
    "new OpenID Connect signing keys; the old ones stay in the JWKS for GATEHOUSE_OIDC_KEY_GRACE",
  )
  .addOption(envFile())
  .action(async (o) =>
    (await import("./cli/rotate-oidc-keys.js")).runRotateOidcKeys({ envFile: o.envFile }),
  );

program
  .command("generate-key")
  .description("print a new secret key for GATEHOUSE_SECRET_KEY (32 random bytes, URL-safe base64)")
  .action(async () => (await import("./cli/generate-key.js")).runGenerateKey());

program
  .command("rotate-key")
  .description(
    "re-encrypt every stored secret under GATEHOUSE_SECRET_KEY, reading old ones with GATEHOUSE_SECRET_KEY_FALLBACKS",
  )
  .addOption(envFile())
  .option("--dry-run", "count what would be re-encrypted without writing anything")
  .action(async (o) =>
    (await import("./cli/rotate-key.js")).runRotateKey({ envFile: o.envFile, dryRun: o.dryRun }),
  );

program
  .command("backup")
  .description(
    "write the embedded database (and the generated secret key) to a file, while the server runs or not",
  )
  .argument("<file>", "where to write the backup (created 0600; replaced when it exists)")
  .addOption(envFile())
  .option("--without-key", "leave the generated secret key (secret.key) out of the backup")
  .action(async (file: string, o) =>
    (await backup()).runBackup(file, { envFile: o.envFile, withoutKey: o.withoutKey }),
  );

program
  .command("restore")
  .description("replace the embedded database with a backup (the server must be stopped)")
  .argument("<file>", "a file written by `gatehouse backup`")
  .addOption(envFile())
  .option("--force", "replace the database that is already in the data dir")
  .action(async (file: string, o) =>
    (await backup()).runRestore(file, { envFile: o.envFile, force: o.force }),
  );

await program.parseAsync(process.argv);

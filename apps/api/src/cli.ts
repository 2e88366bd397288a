#!/usr/bin/env node
import "reflect-metadata";
import { Command, Option } from "commander";
import { runBackup, runRestore } from "./cli/backup.js";
import { runGenerateKey } from "./cli/generate-key.js";
import { runLoginUrl } from "./cli/login-url.js";
import { runMigrate } from "./cli/migrate.js";
import { runRotateKey } from "./cli/rotate-key.js";
import { runServer } from "./cli/run.js";
import { runSuperuser } from "./cli/superuser.js";
import { VERSION } from "./version.js";

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
  .action((o) =>
    runServer({ envFile: o.envFile, anonymousMode: o.anonymousMode, host: o.host, port: o.port }),
  );

program
  .command("migrate")
  .description("apply pending database migrations and exit (the server also does this at start-up)")
  .addOption(envFile())
  .action((o) => runMigrate({ envFile: o.envFile }));

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
  .action((o) =>
    runSuperuser({
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
  .action((who: string, o) => runLoginUrl(who, { envFile: o.envFile }));

program
  .command("generate-key")
  .description("print a new secret key for GATEHOUSE_SECRET_KEY (32 random bytes, URL-safe base64)")
  .action(() => runGenerateKey());

program
  .command("rotate-key")
  .description(
    "re-encrypt every stored secret under GATEHOUSE_SECRET_KEY, reading old ones with GATEHOUSE_SECRET_KEY_FALLBACKS",
  )
  .addOption(envFile())
  .option("--dry-run", "count what would be re-encrypted without writing anything")
  .action((o) => runRotateKey({ envFile: o.envFile, dryRun: o.dryRun }));

program
  .command("backup")
  .description(
    "write the embedded database (and the generated secret key) to a file, while the server runs or not",
  )
  .argument("<file>", "where to write the backup (created 0600; replaced when it exists)")
  .addOption(envFile())
  .option("--without-key", "leave the generated secret key (secret.key) out of the backup")
  .action((file: string, o) => runBackup(file, { envFile: o.envFile, withoutKey: o.withoutKey }));

program
  .command("restore")
  .description("replace the embedded database with a backup (the server must be stopped)")
  .argument("<file>", "a file written by `gatehouse backup`")
  .addOption(envFile())
  .option("--force", "replace the database that is already in the data dir")
  .action((file: string, o) => runRestore(file, { envFile: o.envFile, force: o.force }));

await program.parseAsync(process.argv);

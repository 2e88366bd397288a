import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, type CliRun, runCli, TSX } from "../helpers/cli.js";
import { createScratchDatabase, usingPostgres } from "../helpers/database.js";
import { startTestServer } from "../helpers/test-server.js";
import { SIGN_IN, signIn } from "./accounts-helpers.js";

const ROOT = resolve(import.meta.dirname, "../../../..");

type Run = CliRun;

function runCliWithInput(args: string[], env: Record<string, string>, input: string): Promise<Run> {
  return runCli(args, env, { input });
}

/**
 * Runs `gatehouse superuser` in a pseudo-terminal (util-linux `script`) and answers each
 * prompt only once it appears, as a person would.
 */
function runInTerminal(env: Record<string, string>, answers: [string, string][]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn("script", ["-qec", `${TSX} ${CLI} superuser`, "/dev/null"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", TERM: "dumb", ...env },
    });
    let stdout = "";
    let answered = 0;
    const queue = [...answers];
    child.stdout.on("data", (d) => {
      stdout += d;
      const next = queue[0];
      // Count prompts seen so far; answer when the next unanswered one has been printed.
      if (next && stdout.trimEnd().endsWith(next[0].trimEnd()) && stdout.length > answered) {
        queue.shift();
        answered = stdout.length;
        child.stdin.write(next[1]);
      }
    });
    // A prompt that never comes must fail the test, not leave the child waiting for input.
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", fail);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr: "" });
    });
  });
}

describe("gatehouse superuser", () => {
  let env: Record<string, string>;
  let serverOpts: { databaseUrl?: string; dataDir?: string };
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    if (usingPostgres) {
      const scratch = await createScratchDatabase();
      env = { DATABASE_URL: scratch.url };
      serverOpts = { databaseUrl: scratch.url };
      cleanup = scratch.drop;
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-cli-"));
      env = { GATEHOUSE_DATA_DIR: dataDir };
      serverOpts = { dataDir };
      cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    }
  });
  afterAll(() => cleanup?.());

  it("creates a superuser from --password-stdin who can then sign in over GraphQL", async () => {
    const made = await runCliWithInput(
      ["superuser", "--username", "clio", "--password-stdin"],
      env,
      "clio-password-1\n",
    );
    expect(made.stderr).not.toContain("clio-password-1");
    expect(made.stdout.trim()).toBe("Superuser created successfully.");
    expect(made.code).toBe(0);

    const again = await runCliWithInput(
      ["superuser", "--username", "CLIO", "--password-stdin"],
      env,
      "other-password-2\n",
    );
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("--update-password");

    const prompt = await runCliWithInput(["superuser"], env, "");
    expect(prompt.code).not.toBe(0);
    expect(prompt.stderr).toContain("--password-stdin");

    // Auto-login off and no GATEHOUSE_SUPERUSER: start-up succeeds because clio exists.
    const server = await startTestServer({ GATEHOUSE_AUTO_LOGIN: "false" }, serverOpts);
    try {
      const s = await signIn(server, "clio", "clio-password-1");
      const me = await server.gql<{ me: { isSuperuser: boolean; isActive: boolean } }>(
        "{ me { isSuperuser isActive } }",
        {},
        { token: s.token },
      );
      expect(me.data?.me).toEqual({ isSuperuser: true, isActive: true });
    } finally {
      await server.close();
    }
  }, 180_000);

  it("--update-password replaces the password of an existing user", async () => {
    const r = await runCliWithInput(
      ["superuser", "--username", "clio", "--password-stdin", "--update-password"],
      env,
      "clio-password-NEW\n",
    );
    expect(r.code).toBe(0);
    const server = await startTestServer({ GATEHOUSE_AUTO_LOGIN: "false" }, serverOpts);
    try {
      const old = await server.gql(SIGN_IN, { u: "clio", p: "clio-password-1" });
      expect(old.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      await signIn(server, "clio", "clio-password-NEW");
    } finally {
      await server.close();
    }
  }, 180_000);

  it("--update-password also clears the account's sign-in locks", async () => {
    let server = await startTestServer({ GATEHOUSE_AUTO_LOGIN: "false" }, serverOpts);
    try {
      let last = await server.gql(SIGN_IN, { u: "clio", p: "wrong" });
      for (let i = 0; i < 10 && last.errors?.[0]?.extensions?.code !== "RATE_LIMITED"; i++) {
        last = await server.gql(SIGN_IN, { u: "clio", p: "wrong" });
      }
      expect(last.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    } finally {
      await server.close();
    }
    const r = await runCliWithInput(
      ["superuser", "--username", "clio", "--password-stdin", "--update-password"],
      env,
      "clio-password-UNLOCKED\n",
    );
    expect(r.code).toBe(0);
    server = await startTestServer({ GATEHOUSE_AUTO_LOGIN: "false" }, serverOpts);
    try {
      await signIn(server, "clio", "clio-password-UNLOCKED");
    } finally {
      await server.close();
    }
  }, 180_000);

  it("prompts on a terminal, hides the password, asks for it twice", async () => {
    const r = await runInTerminal(env, [
      ["Username:", "tess\r"],
      ["Password:", "tess-password-1\r"],
      ["Password (again):", "tess-password-X\r"],
      ["Password:", "tess-password-1\r"],
      ["Password (again):", "tess-password-1\r"],
    ]);
    expect(r.stdout).toContain("Username: tess");
    expect(r.stdout).not.toContain("tess-password");
    expect(r.stdout).toContain("Passwords do not match; try again.");
    expect(r.stdout).toContain("Superuser created successfully.");
    expect(r.code).toBe(0);
    const server = await startTestServer({ GATEHOUSE_AUTO_LOGIN: "false" }, serverOpts);
    try {
      await signIn(server, "tess", "tess-password-1");
    } finally {
      await server.close();
    }
  }, 180_000);
});

/**
 * Issue 12, item 4: a stranger's account (made by asking a magic link) sits on the name the
 * operator wants. The CLI must not hand it superuser rights, with its email, by accident.
 */
describe("gatehouse superuser on a name someone else signed up with", () => {
  let env: Record<string, string>;
  let serverOpts: { databaseUrl?: string; dataDir?: string };
  let cleanup: () => Promise<void>;
  const TEAM = {
    GATEHOUSE_AUTO_LOGIN: "false",
    GATEHOUSE_SUPERUSER: "boss",
    GATEHOUSE_SUPERUSER_PASSWORD: "boss-password-1",
    GATEHOUSE_NEW_USER_IS_ACTIVE: "true",
  };
  const REQUEST = `mutation($e: String!) { requestMagicLink(email: $e) { accepted } }`;
  const LINK = `mutation($id: ID!) { emailLoginUrl(userId: $id) { url } }`;
  const REDEEM = `mutation($t: String!) { redeemLink(token: $t) { token } }`;
  const FIND = `query($s: String) { users(search: $s) { edges { node { id username email } } } }`;
  const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;

  beforeAll(async () => {
    if (usingPostgres) {
      const scratch = await createScratchDatabase();
      env = { DATABASE_URL: scratch.url };
      serverOpts = { databaseUrl: scratch.url };
      cleanup = scratch.drop;
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-cli-squat-"));
      env = { GATEHOUSE_DATA_DIR: dataDir };
      serverOpts = { dataDir };
      cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    }
  });
  afterAll(() => cleanup?.());

  it("refuses without --promote and says whose account it is; --promote clears the stranger's ways in", async () => {
    // The stranger asks a link for deploy@attacker.example, uses it, and gets another one.
    let squatterSession: string;
    let pendingLink: string;
    let helperId: string;
    const server = await startTestServer(TEAM, serverOpts);
    try {
      const boss = (await signIn(server, "boss", "boss-password-1")).token;
      for (const e of ["deploy@attacker.example", "helper@corp.example"])
        await server.gql(REQUEST, { e });
      await server.app.services.background.idle();
      const found = await server.gql<{
        users: { edges: { node: { id: string; username: string } }[] };
      }>(FIND, { s: "@" }, { token: boss });
      const id = (name: string) => found.data!.users.edges.find((e) => e.node.username === name)!;
      const deployId = id("deploy").node.id;
      helperId = id("helper").node.id;
      const link = async (userId: string) =>
        tokenOf(
          (
            await server.gql<{ emailLoginUrl: { url: string } }>(
              LINK,
              { id: userId },
              { token: boss },
            )
          ).data!.emailLoginUrl.url,
        );
      const used = await server.gql<{ redeemLink: { token: string } }>(REDEEM, {
        t: await link(deployId),
      });
      squatterSession = used.data!.redeemLink.token;
      pendingLink = await link(deployId);
    } finally {
      await server.close();
    }

    // What the issue describes: the operator follows the old hint, --update-password.
    const hinted = await runCliWithInput(
      ["superuser", "--username", "deploy", "--password-stdin", "--update-password"],
      env,
      "deploy-password-1\n",
    );
    expect(hinted.code).not.toBe(0);
    expect(hinted.stderr).toContain("is not a superuser");
    expect(hinted.stderr).toContain("deploy@attacker.example (verified)");
    expect(hinted.stderr).toContain("Google:    not linked");
    expect(hinted.stderr).toContain("created by a sign-in link request");
    expect(hinted.stderr).toContain("--promote");
    expect(hinted.stderr).not.toContain("deploy-password-1");

    const promoted = await runCliWithInput(
      ["superuser", "--username", "deploy", "--password-stdin", "--promote"],
      env,
      "deploy-password-1\n",
    );
    expect(promoted.stderr).toBe("");
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain("deploy@attacker.example");
    expect(promoted.stdout).toContain('"deploy" is now a superuser');
    expect(promoted.stdout).toMatch(/1 pending sign-in link\(s\); ended 1 session\(s\)/);

    const kept = await runCliWithInput(
      [
        ...["superuser", "--username", "helper", "--password-stdin"],
        ...["--promote", "--keep-sign-in-methods"],
      ],
      env,
      "helper-password-1\n",
    );
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain("kept its email");

    const after = await startTestServer(TEAM, serverOpts);
    try {
      const s = await signIn(after, "deploy", "deploy-password-1");
      const me = await after.gql<{
        me: { isSuperuser: boolean; email: string | null; googleLinked: boolean };
      }>("{ me { isSuperuser email googleLinked } }", {}, { token: s.token });
      expect(me.data?.me).toEqual({ isSuperuser: true, email: null, googleLinked: false });
      // The stranger's session and pending link are dead.
      const old = await after.gql<{ me: null }>("{ me { id } }", {}, { token: squatterSession });
      expect(old.data?.me ?? null).toBeNull();
      const link = await after.gql(REDEEM, { t: pendingLink });
      expect(link.errors?.[0]?.extensions?.code).toBe("INVALID_LINK");
      const boss = (await signIn(after, "boss", "boss-password-1")).token;
      const audit = await after.gql<{ auditLog: { edges: { node: { detail: string } }[] } }>(
        `{ auditLog(action: "superuser.promoted_by_cli") { edges { node { detail } } } }`,
        {},
        { token: boss },
      );
      const details = audit.data!.auditLog.edges.map((e) => e.node.detail);
      expect(details).toHaveLength(2);
      expect(details.join("\n")).toContain("removed its email deploy@attacker.example");
      const helper = await after.gql<{ user: { email: string; isSuperuser: boolean } }>(
        `query($id: ID!) { user(id: $id) { email isSuperuser } }`,
        { id: helperId },
        { token: boss },
      );
      expect(helper.data?.user).toEqual({ email: "helper@corp.example", isSuperuser: true });
    } finally {
      await after.close();
    }
  }, 300_000);
});

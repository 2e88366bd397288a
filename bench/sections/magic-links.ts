import { startFakeResend } from "../../apps/api/test/helpers/fake-resend.js";
import { graphqlBody, JSON_HEADERS } from "../lib/load.js";
import { spawnServer } from "../lib/server.js";
import { fmt, type Row } from "../lib/table.js";

const REQUEST = "mutation($e: String!) { requestMagicLink(email: $e) { accepted } }";
const REDEEM = "mutation($t: String!) { redeemLink(token: $t) { token } }";

/**
 * Item 4: full magic-link round trips — request, the mail arriving at a loopback Resend,
 * redeem — for 1,000 links, 8 at a time, each from its own (proxied) client address.
 */
export async function benchMagicLinks(): Promise<Row[]> {
  const total = Number(process.env.BENCH_MAGIC_LINKS ?? "1000");
  const resend = await startFakeResend();
  const env: Record<string, string> = {
    GATEHOUSE_AUTO_LOGIN: "false",
    GATEHOUSE_SUPERUSER: "bench",
    GATEHOUSE_SUPERUSER_PASSWORD: "Gh-bench-9f3kq-Lm7x",
    GATEHOUSE_NEW_USER_IS_ACTIVE: "true",
    GATEHOUSE_TRUST_PROXY: "true",
    RESEND_API_KEY: resend.apiKey,
    RESEND_FROM: "Bench <bench@example.com>",
    RESEND_BASE_URL: resend.url,
  };
  if (process.env.DATABASE_URL) {
    const { createScratchDatabase } = await import("../../apps/api/test/helpers/database.js");
    env.DATABASE_URL = (await createScratchDatabase()).url;
  }
  const server = await spawnServer(env);
  const post = async (query: string, variables: Record<string, unknown>, ip: string) => {
    const r = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { ...JSON_HEADERS, "x-forwarded-for": ip },
      body: graphqlBody(query, variables),
    });
    return (await r.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  };
  try {
    const latencies: number[] = [];
    let next = 0;
    const worker = async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const email = `bench-${i}@example.com`;
        const ip = `10.77.${(i >> 8) & 255}.${i & 255}`;
        const t0 = performance.now();
        const req = await post(REQUEST, { e: email }, ip);
        if (req.errors) throw new Error(`request failed: ${JSON.stringify(req.errors)}`);
        const mail = await waitForMailTo(resend, email);
        const token = new URL(resend.linkIn(mail)).searchParams.get("token")!;
        const red = await post(REDEEM, { t: token }, ip);
        if (red.errors) throw new Error(`redeem failed: ${JSON.stringify(red.errors)}`);
        latencies.push(performance.now() - t0);
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 8 }, worker));
    const seconds = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    const p = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
    return [
      {
        section: "magic links",
        metric: `${total} request → mail → redeem round trips, 8 concurrent`,
        value: `${fmt(total / seconds, 1)} /s, p50 ${fmt(p(0.5), 0)} ms, p95 ${fmt(p(0.95), 0)} ms`,
      },
    ];
  } finally {
    await server.stop();
    await resend.close();
  }
}

async function waitForMailTo(resend: Awaited<ReturnType<typeof startFakeResend>>, email: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const mail = resend.messages.find((m) => m.to.includes(email));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no mail to ${email} within 30 s`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

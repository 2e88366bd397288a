import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A message as Resend's POST /emails received it. */
export interface CapturedMail {
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  authorization: string | null;
  idempotencyKey: string | null;
}

/** What the fake does with the next request: answer with a status, or never answer. */
export type FakeResendBehaviour = { status: number; body?: unknown } | { hang: true };

export interface FakeResend {
  /** Pass as RESEND_BASE_URL. */
  url: string;
  apiKey: string;
  /** Accepted messages only (2xx answers). */
  messages: CapturedMail[];
  /** Every POST /emails, including the ones answered with an error. */
  requests: number;
  /** Queue behaviours for the next requests; afterwards it accepts again. */
  enqueue(...behaviours: FakeResendBehaviour[]): void;
  /** Delay every answer (to prove mail is sent after the GraphQL response). */
  delayMs: number;
  waitForMessages(count: number, timeoutMs?: number): Promise<CapturedMail[]>;
  /** The sign-in link inside a captured message's text part. */
  linkIn(mail: CapturedMail): string;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** A loopback stand-in for Resend's API, reached through the real SDK via its base URL. */
export async function startFakeResend(apiKey = "re_test_key"): Promise<FakeResend> {
  const queue: FakeResendBehaviour[] = [];
  const hanging = new Set<ServerResponse>();
  let nextId = 1;
  const fake: FakeResend = {
    url: "",
    apiKey,
    messages: [],
    requests: 0,
    delayMs: 0,
    enqueue: (...b) => queue.push(...b),
    async waitForMessages(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (fake.messages.length < count) {
        if (Date.now() > until)
          throw new Error(`expected ${count} mails, got ${fake.messages.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return fake.messages;
    },
    linkIn(mail) {
      const m = /https?:\/\/\S+\/auth\/magic\?token=[A-Za-z0-9_-]+/.exec(mail.text);
      if (!m) throw new Error("no sign-in link in the mail");
      return m[0];
    },
    close: async () => {},
  };

  const server: Server = createServer(async (req, res) => {
    if (req.method !== "POST" || req.url !== "/emails")
      return send(res, 404, { statusCode: 404, name: "not_found", message: "Not found" });
    fake.requests++;
    const body = await readJson(req);
    if (fake.delayMs > 0) await new Promise((r) => setTimeout(r, fake.delayMs));
    // The client gave up meanwhile (a timeout): like Resend, nothing was accepted.
    if (res.destroyed || req.socket.destroyed) return;
    if (req.headers.authorization !== `Bearer ${apiKey}`)
      return send(res, 401, { statusCode: 401, name: "missing_api_key", message: "Bad key" });
    const behaviour = queue.shift();
    if (behaviour && "hang" in behaviour) {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    if (behaviour && behaviour.status >= 300) {
      return send(
        res,
        behaviour.status,
        behaviour.body ?? {
          statusCode: behaviour.status,
          name: "fake_error",
          message: "Fake failure",
        },
      );
    }
    for (const field of ["from", "to", "subject"]) {
      if (!body[field])
        return send(res, 422, {
          statusCode: 422,
          name: "validation_error",
          message: `Missing \`${field}\` field.`,
        });
    }
    fake.messages.push({
      from: String(body.from),
      to: Array.isArray(body.to) ? body.to.map(String) : [String(body.to)],
      subject: String(body.subject),
      html: String(body.html ?? ""),
      text: String(body.text ?? ""),
      authorization: req.headers.authorization ?? null,
      idempotencyKey: (req.headers["idempotency-key"] as string | undefined) ?? null,
    });
    send(res, 200, { id: `fake-${nextId++}` });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return fake;
}

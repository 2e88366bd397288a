import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the protected app saw: the path and every request header (identity ones included). */
export interface Echo {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface UpstreamApp {
  url: string;
  /** Requests that reached the app, in order. */
  seen: Echo[];
  close(): Promise<void>;
}

const WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC11B85";

/** One unmasked text frame (server to client), payload under 64 KiB. */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text, "utf8");
  const head =
    payload.length < 126
      ? Buffer.from([0x81, payload.length])
      : Buffer.from([0x81, 126, payload.length >> 8, payload.length & 255]);
  return Buffer.concat([head, payload]);
}

/**
 * The app behind the proxy: answers every request with a JSON echo of what it received, and
 * on a WebSocket upgrade sends that echo as its first message. Small on purpose: the tests
 * are about what reaches it.
 */
export async function startUpstreamApp(opts: { record?: boolean } = {}): Promise<UpstreamApp> {
  const seen: Echo[] = [];
  const server: Server = createServer((req, res) => {
    const echo = { method: req.method ?? "", path: req.url ?? "", headers: req.headers };
    // Benchmarks send millions of requests: they do not keep them.
    if (opts.record !== false) seen.push(echo);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(echo));
  });
  server.on("upgrade", (req, socket) => {
    const key = req.headers["sec-websocket-key"];
    if (typeof key !== "string" || req.headers.upgrade?.toLowerCase() !== "websocket") {
      socket.end("HTTP/1.1 400 Bad Request\r\n\r\n");
      return;
    }
    const echo = { method: req.method ?? "", path: req.url ?? "", headers: req.headers };
    seen.push(echo);
    const accept = createHash("sha1")
      .update(key + WS_GUID)
      .digest("base64");
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket.write(textFrame(JSON.stringify(echo)));
    // A close frame, then the TCP end.
    socket.end(Buffer.from([0x88, 0]));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export type WsResult =
  | { upgraded: true; firstMessage: string }
  | { upgraded: false; status: number; headers: IncomingHttpHeaders };

/**
 * Opens a WebSocket (RFC 6455 handshake by hand: Node 20 has no client) and returns the
 * first text message, or the HTTP answer when the upgrade was refused.
 */
export function openWebSocket(
  url: string,
  headers: Record<string, string> = {},
): Promise<WsResult> {
  const u = new URL(url);
  const key = randomBytes(16).toString("base64");
  return new Promise((resolve, reject) => {
    const req = request({
      host: u.hostname,
      port: u.port,
      path: u.pathname + u.search,
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-key": key,
        "sec-websocket-version": "13",
        "sec-fetch-mode": "websocket",
        ...headers,
      },
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () =>
        resolve({ upgraded: false, status: res.statusCode ?? 0, headers: res.headers }),
      );
    });
    req.on("upgrade", (res, socket, head) => {
      const expected = createHash("sha1")
        .update(key + WS_GUID)
        .digest("base64");
      if (res.headers["sec-websocket-accept"] !== expected) {
        socket.destroy();
        return reject(new Error("bad Sec-WebSocket-Accept"));
      }
      let buf = head;
      const tryFrame = () => {
        if (buf.length < 2) return;
        let len = (buf[1] ?? 0) & 127;
        let off = 2;
        if (len === 126) {
          if (buf.length < 4) return;
          len = buf.readUInt16BE(2);
          off = 4;
        }
        if (buf.length < off + len) return;
        socket.destroy();
        resolve({ upgraded: true, firstMessage: buf.subarray(off, off + len).toString("utf8") });
      };
      socket.on("data", (d: Buffer) => {
        buf = Buffer.concat([buf, d]);
        tryFrame();
      });
      socket.on("error", reject);
      tryFrame();
    });
    req.on("error", reject);
    req.end();
  });
}

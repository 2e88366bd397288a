import type { Socket } from "node:net";
import { join } from "node:path";

/**
 * The control channel: a unix socket in the data dir (0600, in a 0700 dir), so only the OS user
 * that runs the server can use it. The CLI sends one request line; the server answers with
 * lines until `exit`. All lines are JSON.
 */
const SOCKET_FILE = "gatehouse.sock";
/** sun_path holds 108 bytes with its terminating NUL. */
const MAX_SOCKET_PATH = 107;
/** Requests are small (a command name and flags); anything bigger is not ours. */
export const MAX_REQUEST_BYTES = 64 * 1024;

export const PROTOCOL = "gatehouse-control/1";

export interface ControlRequest {
  command: string;
  args: unknown;
}

export type ControlReply =
  | { hello: typeof PROTOCOL; pid: number }
  | { out: string }
  | { err: string }
  /** A piece of binary output (a backup), base64. */
  | { data: string }
  | { exit: number };

/** The socket's path, or null when the data dir's path is too long for one. */
export function socketPathFor(dataDir: string): string | null {
  const path = join(dataDir, SOCKET_FILE);
  return Buffer.byteLength(path) <= MAX_SOCKET_PATH ? path : null;
}

/** Calls `onLine` for each newline-terminated line; refuses lines longer than `limit`. */
export function readLines(
  socket: Socket,
  limit: number,
  onLine: (line: string) => void,
  onTooLong: () => void,
): void {
  let buffer = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    buffer += chunk;
    let nl = buffer.indexOf("\n");
    while (nl >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      onLine(line);
      nl = buffer.indexOf("\n");
    }
    if (buffer.length > limit) onTooLong();
  });
}

export function send(socket: Socket, message: ControlReply | ControlRequest): void {
  if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
}

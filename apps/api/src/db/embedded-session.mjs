// Serves PGlite's one session on a unix socket, to one client at a time: the pool of the
// process that started it. Plain JavaScript, as it runs on the embedded database's thread.
//
// Why not @electric-sql/pglite-socket's server: PGlite is ONE PostgreSQL session, and that
// server hands it to each new connection as it was left (a reconnecting pool found its own
// named statements still prepared, "already exists", and every signed-in request failed until
// restart), and lets a second client (psql) share it, interleaving its statements, settings
// and transactions with ours. Here:
//   - the session is reset (ROLLBACK, DISCARD ALL) whenever a client's connection ends and
//     again before a new one begins, so no client ever sees another's state;
//   - only the owner (its startup packet carries the owner's application_name, which only the
//     starting process knows) is served; anyone else gets a FATAL error and nothing else, and
//     never touches the session;
//   - a new owner connection replaces an older one (a pool opens one only after dropping the
//     last), so a reconnect is never refused.
import { createServer } from "node:net";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
const MAX_STARTUP_BYTES = 10_000;
const STARTUP_TIMEOUT_MS = 10_000;

/** One frontend message: type byte, then a length that counts itself. */
function message(type, body = Buffer.alloc(0)) {
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
const query = (sql) => message("Q", Buffer.from(`${sql}\0`, "utf8"));
const SYNC = message("S");

/** A FATAL ErrorResponse, as PostgreSQL sends one before it hangs up. */
function fatal(code, text) {
  const field = (t, v) => Buffer.from(`${t}${v}\0`, "utf8");
  const body = Buffer.concat([
    field("S", "FATAL"),
    field("V", "FATAL"),
    field("C", code),
    field("M", text),
    Buffer.from([0]),
  ]);
  const head = Buffer.alloc(5);
  head.write("E", 0, "latin1");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/** The backend messages in `bytes`, as [type, body] pairs. */
function* backendMessages(bytes) {
  let at = 0;
  while (at + 5 <= bytes.length) {
    const len = bytes.readInt32BE(at + 1);
    yield [String.fromCharCode(bytes[at]), bytes.subarray(at + 5, at + 1 + len)];
    at += 1 + len;
  }
}

function startupParameters(packet) {
  const parts = packet.subarray(8).toString("utf8").split("\0");
  const params = {};
  for (let i = 0; i + 1 < parts.length && parts[i] !== ""; i += 2) params[parts[i]] = parts[i + 1];
  return params;
}

/**
 * Serves `db` on `socketPath`. `ownerName` is the application_name that marks the owner's
 * connections; `warn(text)` hears about refused clients and failed resets.
 * Returns `whenIdle(fn)` (run fn with the session to itself, outside any transaction: for
 * work such as a backup) and `stop()`.
 */
export async function serveSession({ db, socketPath, ownerName, warn }) {
  // Everything that touches PGlite runs through this chain, one thing at a time.
  let chain = Promise.resolve();
  const exclusive = (fn) => {
    const run = chain.then(fn);
    chain = run.catch(() => {});
    return run;
  };
  const idleTasks = [];
  const conns = new Set();
  /** The connection that owns the session now, if any. */
  let current = null;
  let stopping = false;

  /** Runs wire bytes through PGlite; returns what it answered. Call inside `exclusive`. */
  async function execute(bytes, onData) {
    const out = [];
    await db.execProtocolRawStream(new Uint8Array(bytes), {
      onRawData: (data) => (onData ? onData(data) : out.push(Buffer.from(data))),
    });
    return Buffer.concat(out);
  }

  /** Back to a fresh session: ends any extended-protocol exchange, transaction and state. */
  async function reset() {
    // Sync and ROLLBACK may answer with an error (an aborted COPY, say) and still do their job.
    await execute(SYNC);
    await execute(query("ROLLBACK"));
    for (const [type, body] of backendMessages(await execute(query("DISCARD ALL")))) {
      if (type === "E") throw new Error(`session reset failed: ${body.toString("utf8")}`);
    }
    if (db.isInTransaction()) throw new Error("session reset failed: still in a transaction");
  }

  /** Work queued by whenIdle runs the moment no transaction is open. Call inside `exclusive`. */
  async function runIdleTasks() {
    while (idleTasks.length > 0 && !db.isInTransaction()) {
      const task = idleTasks.shift();
      try {
        task.resolve(await task.fn());
      } catch (err) {
        task.reject(err);
      }
    }
  }

  /** Ends a connection; if it held the session, resets the session for whoever comes next. */
  function release(conn, reason) {
    if (conn.closed) return;
    conn.closed = true;
    clearTimeout(conn.startupTimer);
    conns.delete(conn);
    if (reason && !conn.socket.destroyed) {
      // end() sends the error first; a client that never reads it is cut off anyway.
      conn.socket.end(reason);
      setTimeout(() => conn.socket.destroy(), 2_000).unref();
    } else conn.socket.destroy();
    if (current !== conn) return;
    current = null;
    exclusive(async () => {
      try {
        await reset();
      } catch (err) {
        // The next owner's connection resets again and is refused if that fails too.
        warn(err.message);
      }
      await runIdleTasks();
    });
  }

  /** Gives the session to an owner connection: reset, then PGlite answers its startup. */
  async function admit(conn, packet) {
    if (current) release(current, fatal("57P01", "replaced by a newer connection of the owner"));
    current = conn;
    await exclusive(async () => {
      if (conn.closed) return;
      try {
        await reset();
      } catch (err) {
        warn(err.message);
        current = null;
        release(conn, fatal("58000", `the embedded database could not be reset: ${err.message}`));
        return;
      }
      await execute(packet, (data) => write(conn, data));
    });
  }

  function write(conn, data) {
    // A copy: PGlite may reuse the memory behind `data` before the socket has sent it.
    if (!conn.closed && conn.socket.writable) conn.socket.write(Buffer.from(data));
  }

  /**
   * Complete messages waiting in the buffer, or null. Terminate ('X') ends the connection, and
   * so does a length no message can have.
   */
  function takeMessages(conn) {
    let end = 0;
    while (end + 5 <= conn.buffer.length) {
      const len = 1 + conn.buffer.readInt32BE(end + 1);
      if (len < 5) {
        conn.terminating = true;
        break;
      }
      if (end + len > conn.buffer.length) break;
      if (conn.buffer[end] === 0x58) {
        conn.terminating = true;
        break;
      }
      end += len;
    }
    const taken = conn.buffer.subarray(0, end);
    conn.buffer = conn.buffer.subarray(end);
    return taken.length > 0 ? taken : null;
  }

  async function pump(conn) {
    if (conn.pumping) return;
    conn.pumping = true;
    try {
      for (let batch = takeMessages(conn); batch; batch = takeMessages(conn)) {
        await exclusive(async () => {
          if (conn.closed) return;
          await execute(batch, (data) => write(conn, data));
          await runIdleTasks();
        });
      }
      if (conn.terminating) release(conn);
    } catch (err) {
      warn(`the embedded database failed a statement: ${err.message}`);
      release(conn, fatal("XX000", "the embedded database failed; reconnect"));
    } finally {
      conn.pumping = false;
    }
  }

  /** Before startup: SSL and GSS requests get "no", a cancel request is dropped. */
  function onStartupBytes(conn) {
    while (conn.buffer.length >= 8) {
      const len = conn.buffer.readInt32BE(0);
      const code = conn.buffer.readInt32BE(4);
      if (len < 8 || len > MAX_STARTUP_BYTES) return release(conn);
      if (conn.buffer.length < len) return;
      const packet = conn.buffer.subarray(0, len);
      conn.buffer = conn.buffer.subarray(len);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        conn.socket.write("N");
        continue;
      }
      // PGlite runs one statement at a time on this thread; there is nothing to signal.
      if (code === CANCEL_REQUEST) return release(conn);
      if (code !== PROTOCOL_3)
        return release(conn, fatal("0A000", "unsupported frontend protocol"));
      clearTimeout(conn.startupTimer);
      conn.started = true;
      if (startupParameters(packet).application_name !== ownerName) {
        warn("refused an outside client on the embedded database's socket");
        return release(
          conn,
          fatal(
            "53300",
            "this embedded database serves only the Gatehouse process that started it " +
              "(PGlite is a single session); stop Gatehouse to use its data directory, " +
              "or run Gatehouse on PostgreSQL (DATABASE_URL)",
          ),
        );
      }
      admit(conn, packet).then(
        () => pump(conn),
        (err) => {
          warn(`the embedded database refused a connection: ${err.message}`);
          release(conn, fatal("XX000", "the embedded database failed; reconnect"));
        },
      );
      return;
    }
  }

  const server = createServer((socket) => {
    if (stopping) return socket.destroy();
    const conn = { socket, buffer: Buffer.alloc(0), started: false, closed: false };
    conns.add(conn);
    conn.startupTimer = setTimeout(() => release(conn), STARTUP_TIMEOUT_MS);
    socket.on("data", (data) => {
      if (conn.closed) return;
      conn.buffer = conn.buffer.length ? Buffer.concat([conn.buffer, data]) : data;
      if (!conn.started) onStartupBytes(conn);
      else if (current === conn) pump(conn);
    });
    socket.on("error", () => release(conn));
    socket.on("close", () => release(conn));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, resolve);
  });

  return {
    whenIdle(fn) {
      return new Promise((resolve, reject) => {
        idleTasks.push({ fn, resolve, reject });
        exclusive(runIdleTasks);
      });
    },
    async stop() {
      stopping = true;
      const closed = new Promise((resolve) => server.close(resolve));
      for (const conn of [...conns]) {
        release(
          conn,
          conn === current ? fatal("57P01", "the embedded database is shutting down") : undefined,
        );
      }
      // Whatever was running finishes (and the last reset with it) before PGlite closes.
      await exclusive(async () => {});
      await closed;
    },
  };
}

import {
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type Registry as PromRegistry,
  Registry,
} from "prom-client";
import type { DataSource } from "typeorm";
import type { Mailer } from "../mail/mail.types.js";

/** Sign-in methods as they appear in the `method` label. */
export type SignInMethodLabel = "password" | "magic_link" | "google";

/** The subset of pg's Pool the gauges read. */
interface PoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  on(event: "error", listener: (err: Error) => void): unknown;
}

/** Operation names come from clients: after this many distinct ones, the rest count as "other". */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * One registry per app (built in the composition root), so several apps in one process
 * (tests, benchmarks) never share or clash over counters; nothing uses prom-client's global.
 */
export class Metrics {
  readonly registry: PromRegistry = new Registry();
  private readonly operations = new Set<string>();
  private readonly graphqlRequests = new Counter({
    name: "gatehouse_graphql_requests_total",
    help: "GraphQL requests by operation name and outcome (ok, or the first error's code).",
    labelNames: ["operation", "outcome"] as const,
    registers: [this.registry],
  });
  private readonly graphqlDuration = new Histogram({
    name: "gatehouse_graphql_request_duration_seconds",
    help: "GraphQL request latency by operation name.",
    labelNames: ["operation"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: "gatehouse_http_request_duration_seconds",
    help: "HTTP request latency by route (graphql, healthz, console, ...) and status code.",
    labelNames: ["route", "status"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly signIns = new Counter({
    name: "gatehouse_sign_ins_total",
    help: "Sign-in attempts by method (password, magic_link, google) and result (ok, or an error code).",
    labelNames: ["method", "result"] as const,
    registers: [this.registry],
  });
  private readonly rateLimits = new Counter({
    name: "gatehouse_rate_limit_refusals_total",
    help: "Requests refused by a rate limit, by bucket.",
    labelNames: ["bucket"] as const,
    registers: [this.registry],
  });
  private readonly mail = new Counter({
    name: "gatehouse_mail_deliveries_total",
    help: "Sign-in mails handed to the provider, by final status (sent, failed).",
    labelNames: ["status"] as const,
    registers: [this.registry],
  });
  private readonly forwardAuthDenials = new Counter({
    name: "gatehouse_forward_auth_denials_total",
    help: "Signed-in requests /auth/verify refused (403), by app name (or unregistered) and reason.",
    labelNames: ["app", "reason"] as const,
    registers: [this.registry],
  });
  private readonly poolErrors = new Counter({
    name: "gatehouse_db_pool_errors_total",
    help: "Errors the database pool reported on idle connections (connection lost, server restart).",
    registers: [this.registry],
  });

  constructor(dataSource: DataSource | null, opts: { processMetrics: boolean }) {
    if (opts.processMetrics) collectDefaultMetrics({ register: this.registry });
    const pool = () =>
      (dataSource?.driver as unknown as { master?: PoolLike } | undefined)?.master ?? null;
    pool()?.on("error", () => this.poolErrors.inc());
    const gauge = (name: string, help: string, read: (p: PoolLike) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const p = pool();
          this.set(p ? read(p) : 0);
        },
      });
    gauge("gatehouse_db_pool_connections", "Connections the pool holds.", (p) => p.totalCount);
    gauge("gatehouse_db_pool_idle", "Idle connections in the pool.", (p) => p.idleCount);
    gauge("gatehouse_db_pool_waiting", "Queries waiting for a connection.", (p) => p.waitingCount);
  }

  /**
   * /auth/verify's in-memory cache (forward-auth/verify-cache.ts): whether it is trusted (its
   * change listener is up) and its look-ups by result, read when scraped.
   */
  watchVerifyCache(
    read: () => { live: boolean; stats: { hits: number; misses: number; bypassed: number } },
  ): void {
    new Gauge({
      name: "gatehouse_forward_auth_cache_live",
      help: "1 while /auth/verify may answer from memory (its change listener is up); 0 while every check reads the database.",
      registers: [this.registry],
      collect() {
        this.set(read().live ? 1 : 0);
      },
    });
    new Counter({
      name: "gatehouse_forward_auth_cache_lookups_total",
      help: "/auth/verify cache look-ups by result: hit, miss, or bypass (listener down, the database answered).",
      labelNames: ["result"] as const,
      registers: [this.registry],
      collect() {
        const { stats } = read();
        this.reset();
        this.inc({ result: "hit" }, stats.hits);
        this.inc({ result: "miss" }, stats.misses);
        this.inc({ result: "bypass" }, stats.bypassed);
      },
    });
  }

  /** Caps label cardinality: any client can invent operation names. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return "anonymous";
    if (!OPERATION_NAME.test(name)) return "other";
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_NAMES) return "other";
    this.operations.add(name);
    return name;
  }

  graphqlRequest(operation: string, outcome: string, seconds: number): void {
    this.graphqlRequests.inc({ operation, outcome });
    this.graphqlDuration.observe({ operation }, seconds);
  }

  httpRequest(route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ route, status: String(status) }, seconds);
  }

  signIn(method: SignInMethodLabel, result: string): void {
    this.signIns.inc({ method, result });
  }

  /** App names come from registered apps (a bounded set), never from request headers. */
  forwardAuthDenied(app: string, reason: string): void {
    this.forwardAuthDenials.inc({ app, reason });
  }

  rateLimited(bucket: string): void {
    this.rateLimits.inc({ bucket });
  }

  /** Counts each message's final outcome (after the mailer's own retries). */
  countDeliveries(mailer: Mailer): Mailer {
    return {
      send: async (message, signal) => {
        const result = await mailer.send(message, signal);
        this.mail.inc({ status: result.ok ? "sent" : "failed" });
        return result;
      },
    };
  }

  /** Prometheus text exposition format. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

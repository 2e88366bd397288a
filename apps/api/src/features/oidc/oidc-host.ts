import type { IncomingMessage } from "node:http";
import type Provider from "oidc-provider";
import type { KoaContextWithOIDC } from "oidc-provider";
import type { Logger } from "../../logger.js";
import { AggregatedAudit, OidcAuditAction } from "./oidc-audit.js";
import type { ProviderDeps } from "./provider.js";
import type { SigningKeys } from "./signing-keys.js";

/** How often an instance asks whether another one rotated the signing keys. */
const KEY_CHECK_MS = 5_000;

export interface OidcHostDeps extends ProviderDeps {
  keys: SigningKeys;
  logger: Logger;
  events: AggregatedAudit;
  /** Ends the Gatehouse session of the browser that confirmed an app's logout. */
  signOut(req: IncomingMessage): Promise<void>;
}

/**
 * The oidc-provider instance, built on first use (the public URL is final only once the
 * server listens) and rebuilt when the signing keys change, here or on another instance.
 */
export class OidcHost {
  private current: { provider: Provider; version: string; checkedAt: number } | null = null;
  private building: Promise<Provider> | null = null;

  constructor(private readonly deps: OidcHostDeps) {}

  async provider(): Promise<Provider> {
    const now = Date.now();
    if (this.current && now - this.current.checkedAt < KEY_CHECK_MS) return this.current.provider;
    if (!this.building) {
      this.building = this.refresh().finally(() => {
        this.building = null;
      });
    }
    return this.building;
  }

  /** After a rotation on this instance: rebuild on the next request. */
  invalidate(): void {
    this.current = null;
  }

  private async refresh(): Promise<Provider> {
    if (this.current) {
      const version = await this.deps.keys.version();
      if (version === this.current.version) {
        this.current.checkedAt = Date.now();
        return this.current.provider;
      }
    }
    const set = await this.deps.keys.load();
    // Loaded on first use: the library is large and prints a runtime notice when imported.
    const { buildProvider } = await import("./provider.js");
    const provider = buildProvider(this.deps, set);
    this.watch(provider);
    this.current = { provider, version: set.version, checkedAt: Date.now() };
    return provider;
  }

  private watch(provider: Provider): void {
    const { events, logger } = this.deps;
    provider.on("grant.success", (ctx: KoaContextWithOIDC) => {
      const grantType = String(ctx.oidc.params?.grant_type ?? "?");
      events.count(OidcAuditAction.TOKENS_ISSUED, ctx.oidc.client?.clientId, grantType);
    });
    const refused = (ctx: KoaContextWithOIDC, err: Error & { error?: string }) => {
      events.count(OidcAuditAction.REFUSED, ctx.oidc?.client?.clientId, err.error ?? err.message);
    };
    provider.on("grant.error", refused);
    provider.on("authorization.error", refused);
    provider.on("introspection.error", refused);
    provider.on("revocation.error", refused);
    provider.on("userinfo.error", refused);
    provider.on("device_authorization.error", refused);
    provider.on("end_session.error", refused);
    provider.on("server_error", (_ctx: KoaContextWithOIDC, err: Error) =>
      logger.error({ err }, "oidc provider error"),
    );
    // Awaited by a middleware (provider.ts) before the answer leaves: the app must never see
    // the logout done while the Gatehouse session still works.
    provider.on("end_session.success", (ctx: KoaContextWithOIDC) => {
      ctx.state.gatehouseSignOut = this.deps
        .signOut(ctx.req)
        .catch((err) => logger.warn({ err }, "oidc sign-out failed"));
    });
  }
}

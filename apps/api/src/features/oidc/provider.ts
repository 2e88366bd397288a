import { createHmac } from "node:crypto";
import type { IncomingMessage } from "node:http";
import Provider, {
  type Configuration,
  interactionPolicy,
  type JWKS,
  type KoaContextWithOIDC,
} from "oidc-provider";
import type { DataSource } from "typeorm";
import type { Clock } from "../../clock.js";
import type { Config } from "../../config/config.js";
import type { Viewer } from "../../http/request.js";
import type { KeyRing } from "../secrets/key-ring.js";
import { OIDC_CLAIMS, OIDC_SCOPES, type OidcAccounts } from "./accounts.js";
import { databaseAdapter } from "./oidc-adapter.js";
import type { OidcClientService } from "./oidc-client.service.js";
import { secretMatches } from "./oidc-client.service.js";
import { renderErrorPage, renderLogoutPage } from "./pages.js";
import { basePath, INTERACTION_PATH, OIDC_PREFIX, redirectOrigin } from "./paths.js";
import type { SigningKeySet } from "./signing-keys.js";

export interface ProviderDeps {
  config: Config;
  ds: DataSource;
  clock: Clock;
  ring: KeyRing;
  clients: OidcClientService;
  accounts: OidcAccounts;
  /** The Gatehouse session behind a browser request (never the auto-login identity). */
  viewerOf(req: IncomingMessage): Promise<Viewer | null>;
}

/** oidc-provider's names for the CLIENT_CORS_PATHS (paths.ts). */
const CORS_ROUTES = new Set(["token", "userinfo", "revocation"]);

/** Cookie signing keys shared by every instance: derived from the secret key ring. */
function cookieKeys(ring: KeyRing): string[] {
  return ring.keys.map((k) =>
    createHmac("sha256", k.fernetKey).update("gatehouse oidc cookies v1").digest("base64url"),
  );
}

/**
 * Re-prompts the login when the browser's Gatehouse session is gone or belongs to someone
 * else than the provider's own session: signing out of Gatehouse signs out of every app's
 * next authorization, and SSO follows the Gatehouse session.
 */
function gatehouseSessionCheck(deps: ProviderDeps) {
  const base = interactionPolicy.base();
  const login = base.get("login")!;
  // A user the client's app does not admit goes through the interaction even with a session
  // and a grant, which refuses it (access_denied to the client): no code is ever issued.
  login.checks.add(
    new interactionPolicy.Check(
      "gatehouse_app_rule",
      "the app's access rule does not admit this user",
      async (ctx: KoaContextWithOIDC) => {
        const accountId = ctx.oidc.session?.accountId;
        if (!accountId) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
        const decision = await deps.accounts.decide(accountId, ctx.oidc.client);
        return decision.outcome === "allow"
          ? interactionPolicy.Check.NO_NEED_TO_PROMPT
          : interactionPolicy.Check.REQUEST_PROMPT;
      },
    ),
  );
  login.checks.add(
    new interactionPolicy.Check(
      "gatehouse_session",
      "the Gatehouse session ended or changed",
      async (ctx: KoaContextWithOIDC) => {
        const viewer = await deps.viewerOf(ctx.req);
        return viewer?.userId !== ctx.oidc.session?.accountId
          ? interactionPolicy.Check.REQUEST_PROMPT
          : interactionPolicy.Check.NO_NEED_TO_PROMPT;
      },
    ),
  );
  return base;
}

export function buildProvider(deps: ProviderDeps, keys: SigningKeySet): Provider {
  const { config } = deps;
  const prefix = basePath(config);
  const secure = config.publicUrl.startsWith("https:");
  const ttl = config.oidc;
  const configuration: Configuration = {
    adapter: databaseAdapter(deps.ds, deps.clock, deps.clients),
    findAccount: deps.accounts.findAccount,
    jwks: { keys: keys.jwks } as JWKS,
    cookies: {
      keys: cookieKeys(deps.ring),
      names: {
        session: "gatehouse_oidc_session",
        interaction: "gatehouse_oidc_interaction",
        resume: "gatehouse_oidc_resume",
      },
      long: { signed: true, secure, httpOnly: true, sameSite: "lax" },
      short: { signed: true, secure, httpOnly: true, sameSite: "lax" },
    },
    claims: OIDC_CLAIMS,
    scopes: OIDC_SCOPES,
    // Apps such as Grafana read groups and names from the ID token, not only from userinfo.
    conformIdTokenClaims: false,
    extraClientMetadata: {
      properties: ["first_party", "access_token_format", "app_id"],
      validator: () => undefined,
    },
    // A browser app on another origin may call the token, userinfo and revocation endpoints
    // from an origin of its own redirect URIs; nothing else (issue 15).
    clientBasedCORS: (ctx, origin, client) =>
      CORS_ROUTES.has(String(ctx.oidc.route)) &&
      client.redirectUris?.some((uri) => redirectOrigin(uri) === origin) === true,
    pkce: { required: (_ctx, client) => client.tokenEndpointAuthMethod === "none" },
    interactions: {
      url: (_ctx, interaction) => `${prefix}${INTERACTION_PATH}/${interaction.uid}`,
      policy: gatehouseSessionCheck(deps),
    },
    routes: {
      authorization: `${OIDC_PREFIX}/auth`,
      code_verification: `${OIDC_PREFIX}/device`,
      device_authorization: `${OIDC_PREFIX}/device/auth`,
      end_session: `${OIDC_PREFIX}/session/end`,
      introspection: `${OIDC_PREFIX}/token/introspection`,
      jwks: `${OIDC_PREFIX}/jwks`,
      pushed_authorization_request: `${OIDC_PREFIX}/request`,
      registration: `${OIDC_PREFIX}/reg`,
      revocation: `${OIDC_PREFIX}/token/revocation`,
      token: `${OIDC_PREFIX}/token`,
      userinfo: `${OIDC_PREFIX}/me`,
      backchannel_authentication: `${OIDC_PREFIX}/backchannel`,
      challenge: `${OIDC_PREFIX}/challenge`,
      credential: `${OIDC_PREFIX}/credential`,
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      deviceFlow: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = renderLogoutPage(form, ctx.oidc.client?.clientName);
        },
      },
      resourceIndicators: {
        enabled: true,
        // JWT (RFC 9068) access tokens for clients that asked for them, audience = client id.
        defaultResource: (_ctx, client) =>
          client?.metadata().access_token_format === "jwt" ? config.publicUrl : undefined,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, _resource, client) => ({
          scope: OIDC_SCOPES.join(" "),
          audience: client.clientId,
          accessTokenFormat: "jwt",
          // Short (GATEHOUSE_OIDC_JWT_ACCESS_TOKEN_TTL): revoking one cannot reach a resource
          // server that verifies it offline; the refresh token is what stops working.
          accessTokenTTL: Math.floor(ttl.jwtAccessTokenTtlMs / 1000),
          jwt: { sign: { alg: "RS256" } },
        }),
      },
    },
    issueRefreshToken: async (_ctx, client, code) =>
      client.grantTypeAllowed("refresh_token") && code.scopes.has("offline_access"),
    rotateRefreshToken: true,
    ttl: {
      // A JWT access token carries its resource server's (shorter) lifetime.
      AccessToken: (_ctx, token) =>
        token.resourceServer?.accessTokenTTL ?? Math.floor(ttl.accessTokenTtlMs / 1000),
      ClientCredentials: Math.floor(ttl.accessTokenTtlMs / 1000),
      AuthorizationCode: 60,
      IdToken: 3600,
      DeviceCode: 600,
      Interaction: 3600,
      Session: 14 * 86_400,
      Grant: Math.floor(ttl.refreshTokenTtlMs / 1000),
      RefreshToken: Math.floor(ttl.refreshTokenTtlMs / 1000),
    },
    loadExistingGrant: async (ctx) => {
      const grantId =
        ctx.oidc.result?.consent?.grantId ??
        ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      // A grant given in a Gatehouse session that has since ended asks for consent again.
      if (!grantId || !(await deps.accounts.grantIsLive(grantId))) return undefined;
      return ctx.oidc.provider.Grant.find(grantId);
    },
    renderError: async (ctx, out) => {
      ctx.type = "html";
      ctx.body = renderErrorPage(out);
    },
  };
  const provider = new Provider(`${config.publicUrl}`, configuration);
  // Gatehouse sets the forwarded headers itself from GATEHOUSE_PUBLIC_URL (routes.ts).
  provider.proxy = true;
  // An unknown path under /oidc/ answers in OAuth's error format, like every other error;
  // an app's logout waits for the Gatehouse sign-out (oidc-host.ts).
  provider.use(async (ctx, next) => {
    await next();
    await (ctx.state.gatehouseSignOut as Promise<void> | undefined);
    if (ctx.status === 404 && ctx.body === undefined) {
      ctx.status = 404;
      ctx.body = { error: "invalid_request", error_description: "unrecognized route" };
    }
  });
  // Client secrets are stored hashed: compare the presented one with the hashes.
  provider.Client.prototype.compareClientSecret = async function compare(
    this: { clientSecret?: string },
    actual: string,
  ) {
    return secretMatches(this.clientSecret, actual);
  };
  return provider;
}

import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import type { InteractionResults } from "oidc-provider";
import { BodyError, readBody } from "../../http/body.js";
import { denialText } from "./accounts.js";
import { OidcAuditAction } from "./oidc-audit.js";
import { renderConsentPage } from "./pages.js";
import { basePath, INTERACTION_PATH } from "./paths.js";
import type { OidcRouteServices } from "./route-context.js";

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(html);
}

const EXPIRED = `<!doctype html><meta charset="utf-8"><title>Sign-in expired</title>
<p>This sign-in request has expired or was started in another browser. Go back to the app and sign in again.</p>`;

/**
 * GET /oidc/interaction/<uid>: finishes the login with the browser's Gatehouse session
 * (single sign-on), or sends the person to the console's sign-in page, which comes back
 * here. Then consent: automatic for first-party clients, a confirmation page otherwise
 * (POST /oidc/interaction/<uid>/consent).
 */
export async function handleInteraction(
  provider: Provider,
  services: OidcRouteServices,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const { oidc, config } = services;
  const [uid, action] = url.pathname.slice(INTERACTION_PATH.length + 1).split("/");
  const isConsentPost = action === "consent" && req.method === "POST";
  if ((action !== undefined && !isConsentPost) || (!isConsentPost && req.method !== "GET")) {
    return sendHtml(res, 404, EXPIRED);
  }
  let details: Awaited<ReturnType<Provider["interactionDetails"]>>;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    return sendHtml(res, 400, EXPIRED);
  }
  if (details.uid !== uid) return sendHtml(res, 400, EXPIRED);

  const finish = (result: InteractionResults) =>
    provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  const viewer = await oidc.viewerOf(req);
  const here = `${basePath(config)}${INTERACTION_PATH}/${uid}`;
  const clientId = String(details.params.client_id);
  const client = await provider.Client.find(clientId);
  if (!client) return sendHtml(res, 400, EXPIRED);
  // The app's access rule, asked before the login or the consent is accepted: the client
  // gets the standard access_denied and never a code.
  const refusedByApp = async (userId: string): Promise<boolean> => {
    const decision = await oidc.accounts.decide(userId, client);
    if (decision.outcome === "allow") return false;
    await finish({ error: "access_denied", error_description: denialText(decision) });
    return true;
  };

  if (details.prompt.name === "login") {
    if (!viewer) {
      res.writeHead(303, {
        location: `${basePath(config)}/login?oidc=${encodeURIComponent(uid!)}`,
      });
      return void res.end();
    }
    if (await refusedByApp(viewer.userId)) return;
    return finish({ login: { accountId: viewer.userId } });
  }
  if (details.prompt.name !== "consent") return sendHtml(res, 400, EXPIRED);
  if (!viewer || viewer.userId !== details.session?.accountId || !viewer.sessionId) {
    return finish({
      error: "login_required",
      error_description: "The Gatehouse session ended or changed; sign in again.",
    });
  }
  if (await refusedByApp(viewer.userId)) return;
  const firstParty = client.metadata().first_party === true;
  const missing = details.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };

  if (!firstParty && !isConsentPost) {
    const user = viewer.user ?? null;
    return sendHtml(
      res,
      200,
      renderConsentPage({
        action: `${here}/consent`,
        clientName: client.clientName ?? clientId,
        username: user?.username ?? viewer.username,
        scopes: missing.missingOIDCScope ?? [],
      }),
    );
  }
  if (isConsentPost) {
    let decision = "";
    try {
      decision = new URLSearchParams(await readBody(req, 4096)).get("decision") ?? "";
    } catch (err) {
      if (err instanceof BodyError) return sendHtml(res, err.status, EXPIRED);
      throw err;
    }
    if (decision !== "allow") {
      await oidc.audit.record({
        action: OidcAuditAction.CONSENT_DENIED,
        actorId: viewer.userId,
        ip: oidc.infoIp(req),
        detail: `client ${clientId}`,
      });
      return finish({ error: "access_denied", error_description: "The user denied access." });
    }
  }

  const grant = details.grantId
    ? ((await provider.Grant.find(details.grantId)) ??
      new provider.Grant({ accountId: viewer.userId, clientId }))
    : new provider.Grant({ accountId: viewer.userId, clientId });
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(" "));
  }
  const grantId = await grant.save();
  await oidc.accounts.linkGrant(grantId, viewer.sessionId);
  if (!firstParty) {
    await oidc.audit.record({
      action: OidcAuditAction.CONSENT_GRANTED,
      actorId: viewer.userId,
      ip: oidc.infoIp(req),
      detail: `client ${clientId} scopes ${(missing.missingOIDCScope ?? []).join(" ")}`,
    });
  }
  return finish({ consent: { grantId } });
}

import { createHash } from "node:crypto";
import { checkEmail, normalizeEmail } from "@gatehouse/shared";
import { OAuth2Client } from "google-auth-library";
import type { GoogleConfig } from "../../config/config.js";
import { AppError } from "../../errors.js";
import { type GoogleFailure, googleRefused } from "./google.errors.js";

export interface GoogleIdentity {
  subject: string;
  email: string;
  name: string | null;
  /** The `hd` claim: the Google Workspace domain that manages this account, if any. */
  hostedDomain: string | null;
  /** SHA-256 (hex) naming this very token: its `jti`, else its decoded claims. */
  replayKey: string;
  /** When the token stops being accepted (its `exp`). */
  expiresAt: Date;
}

/**
 * Google puts a unique `jti` in every ID token; without one, the decoded claims name the token
 * (two encodings of the same claims are the same token, so re-encoding cannot dodge replay).
 */
function replayKeyOf(payload: Record<string, unknown>): string {
  const id =
    typeof payload.jti === "string" && payload.jti !== ""
      ? `jti:${String(payload.aud)}:${payload.jti}`
      : `claims:${JSON.stringify(payload)}`;
  return createHash("sha256").update(id).digest("hex");
}

/**
 * google-auth-library's messages embed the token itself (e.g. "Invalid token signature: <jwt>"),
 * so they are classified here and thrown away, never logged or returned.
 */
function classify(err: unknown): GoogleFailure {
  const msg = String((err as Error)?.message ?? "");
  if (msg.startsWith("Wrong recipient")) return "WRONG_AUDIENCE";
  if (msg.startsWith("Token used too late")) return "EXPIRED";
  if (msg.startsWith("Token used too early")) return "NOT_YET_VALID";
  if (msg.startsWith("Invalid issuer")) return "WRONG_ISSUER";
  if (msg.startsWith("Invalid token signature") || msg.startsWith("No pem found"))
    return "BAD_SIGNATURE";
  if (msg.startsWith("Failed to retrieve verification certificates")) return "CERTS_UNAVAILABLE";
  return "MALFORMED_TOKEN";
}

/**
 * Verifies Google ID tokens with the official library: signature against Google's
 * certificates (fetched from config.certsUrl and cached per their max-age), audience =
 * our client id, issuer, expiry; then requires a verified email.
 */
export class GoogleVerifier {
  readonly client: OAuth2Client;

  constructor(private readonly config: GoogleConfig) {
    this.client = new OAuth2Client({
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      endpoints: {
        oauth2FederatedSignonPemCertsUrl: config.certsUrl,
        oauth2TokenUrl: config.tokenUrl,
        oauth2AuthBaseUrl: config.authUrl,
      },
    });
  }

  async verify(idToken: string, expectedNonce?: string): Promise<GoogleIdentity> {
    if (!idToken) throw googleRefused("MISSING_TOKEN");
    if (idToken.length > 8192) throw googleRefused("MALFORMED_TOKEN");
    let payload: Record<string, unknown> | undefined;
    try {
      const ticket = await this.client.verifyIdToken({ idToken, audience: this.config.clientId });
      payload = ticket.getPayload() as Record<string, unknown> | undefined;
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw googleRefused(classify(err));
    }
    if (!payload || typeof payload.sub !== "string") throw googleRefused("MALFORMED_TOKEN");
    if (expectedNonce !== undefined && payload.nonce !== expectedNonce)
      throw googleRefused("NONCE_MISMATCH");
    // Held to our own email rules too: a token's claims must never store what our own forms refuse.
    if (typeof payload.email !== "string" || checkEmail(payload.email) !== null)
      throw googleRefused("NO_EMAIL");
    // Google sends a boolean; some older tokens carried the string "true".
    if (payload.email_verified !== true && payload.email_verified !== "true")
      throw googleRefused("EMAIL_NOT_VERIFIED");
    return {
      subject: payload.sub,
      email: normalizeEmail(payload.email),
      name: typeof payload.name === "string" ? payload.name : null,
      hostedDomain: typeof payload.hd === "string" ? payload.hd.toLowerCase() : null,
      replayKey: replayKeyOf(payload),
      // The library has checked exp is a number in the future.
      expiresAt: new Date(Number(payload.exp) * 1000),
    };
  }
}

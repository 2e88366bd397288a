import type { OidcClientFieldsFragment } from "../../../gql/graphql";
import { formatDate } from "../../../lib/format";
import { Alert } from "../../../ui/States";
import { CopyField } from "./CopyField";

/** A secret the server returned this once, and why (a new client, a rotation, a change). */
export interface ShownSecret {
  client: OidcClientFieldsFragment;
  secret: string | null;
  reason: "created" | "rotated" | "updated";
}

/**
 * What to paste into the app: issuer, discovery URL, client id and (once) the secret. Only
 * page state holds the secret, so a reload or leaving the page loses it for good.
 */
export function ConnectBox({
  shown,
  issuer,
  discoveryUrl,
  onDone,
}: {
  shown: ShownSecret;
  issuer: string | null;
  discoveryUrl: string | null;
  onDone(): void;
}) {
  const { client, secret, reason } = shown;
  return (
    <section className="card connect-box" aria-labelledby="connect-title" data-testid="connect-box">
      <h2 id="connect-title">
        {reason === "rotated" ? `New secret for ${client.name}` : `Connect ${client.name}`}
      </h2>
      {secret ? (
        <Alert kind="warning">
          <strong>Copy the client secret now.</strong> It is shown this once: Gatehouse keeps only a
          hash of it, so after you leave or reload this page nobody can see it again (rotate the
          secret to get a new one). Treat it like a password.
        </Alert>
      ) : null}
      {reason === "rotated" && client.previousSecretExpiresAt ? (
        <Alert kind="info" live={false}>
          The old secret keeps working until{" "}
          <strong data-testid="overlap-until">{formatDate(client.previousSecretExpiresAt)}</strong>,
          so you can update the app without downtime. After that only the new one works.
        </Alert>
      ) : null}
      <p>Paste these into the app's OpenID Connect (OAuth) settings:</p>
      {issuer ? <CopyField id="connect-issuer" label="Issuer URL" value={issuer} /> : null}
      {discoveryUrl ? (
        <CopyField id="connect-discovery" label="Discovery URL" value={discoveryUrl} />
      ) : null}
      <CopyField
        id="connect-client-id"
        label="Client ID"
        value={client.clientId}
        testId="connect-client-id"
      />
      {secret ? (
        <CopyField
          id="connect-secret"
          label="Client secret"
          value={secret}
          testId="client-secret"
        />
      ) : null}
      <dl className="facts">
        <dt>Client authentication</dt>
        <dd>
          {client.isPublic ? (
            <>
              none (public client): use PKCE with <code>S256</code>
            </>
          ) : (
            <code>client_secret_basic</code>
          )}
        </dd>
        <dt>Scopes</dt>
        <dd>
          <code>openid profile email groups</code>
        </dd>
      </dl>
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={onDone}>
          {secret ? "I have copied the secret" : "Done"}
        </button>
      </div>
    </section>
  );
}

import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { useFreshSignIn } from "../../../components/Reauth";
import { OidcProviderQuery } from "../../../graphql/OidcProvider";
import { RotateOidcSigningKeysMutation } from "../../../graphql/RotateOidcSigningKeys";
import { useAction } from "../../../hooks/useAction";
import { formatDate, spellDuration } from "../../../lib/format";
import { ConfirmDialog } from "../../../ui/Dialog";
import { Alert, Empty, ErrorBox, Loading } from "../../../ui/States";

/** The OpenID Connect token signing keys the JWKS publishes, and their rotation. */
export function SigningKeysCard() {
  const { data, error, refetch } = useQuery(OidcProviderQuery, {
    fetchPolicy: "cache-and-network",
  });
  const [confirming, setConfirming] = useState(false);
  const [rotated, setRotated] = useState<string[] | null>(null);
  const [rotate] = useMutation(RotateOidcSigningKeysMutation, {
    refetchQueries: [OidcProviderQuery],
    awaitRefetchQueries: true,
  });
  const withFreshSignIn = useFreshSignIn();
  const action = useAction();
  const info = data?.oidcProvider;
  const grace = info ? spellDuration(info.keyGraceSeconds) : "the grace period";

  return (
    <section className="card" aria-labelledby="signing-keys-title">
      <h2 id="signing-keys-title">Token signing keys</h2>
      <p>
        Gatehouse signs the ID tokens (and JWT access tokens) it gives apps with these keys; apps
        check them against the public keys at <code>/oidc/jwks</code>.
      </p>
      {error && !data ? <ErrorBox error={error} onRetry={() => void refetch()} /> : null}
      {!info && !error ? <Loading label="Loading signing keys…" /> : null}
      {info && info.signingKeys.length === 0 ? (
        <Empty>No keys yet: they are made at the first OpenID Connect request.</Empty>
      ) : null}
      {info && info.signingKeys.length > 0 ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus so keyboard users can scroll it.
        <section className="table-wrap" aria-label="Signing keys table" tabIndex={0}>
          <table className="table" aria-label="Signing keys">
            <thead>
              <tr>
                <th scope="col">Key id (kid)</th>
                <th scope="col">Algorithm</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {info.signingKeys.map((k) => (
                <tr
                  key={k.kid}
                  data-testid="signing-key-row"
                  data-kid={k.kid}
                  data-retiring={k.retiredAt ? "true" : "false"}
                >
                  <td>
                    <code>{k.kid}</code>
                  </td>
                  <td>{k.algorithm}</td>
                  <td className="nowrap">{formatDate(k.createdAt)}</td>
                  <td>
                    {k.retiredAt ? (
                      <>
                        <span className="badge badge-warning">retiring</span> published until{" "}
                        {formatDate(k.publishedUntil)}
                      </>
                    ) : (
                      <span className="badge badge-success">signing</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {rotated ? (
        <Alert kind="success">
          <span data-testid="signing-rotation-result">
            New keys {rotated.join(", ")} sign from now on.
          </span>
        </Alert>
      ) : null}
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
      <button
        type="button"
        className="btn"
        onClick={() => setConfirming(true)}
        disabled={action.busy}
      >
        {action.busy ? "Rotating…" : "Rotate signing keys"}
      </button>
      <ConfirmDialog
        open={confirming}
        title="Rotate the token signing keys?"
        confirmLabel="Rotate signing keys"
        onConfirm={() => {
          setConfirming(false);
          void action.run(async () => {
            const r = await withFreshSignIn(() => rotate());
            setRotated(r.data?.rotateOidcSigningKeys ?? []);
          });
        }}
        onCancel={() => setConfirming(false)}
      >
        <p>
          New keys (RS256 and ES256) sign every token from now on. The current keys retire but stay
          published in the JWKS for {grace} (<code>GATEHOUSE_OIDC_KEY_GRACE</code>), so tokens
          signed before keep verifying; after that they are removed. Every instance switches within
          seconds, and apps fetch the new public keys when they see an unknown key id.
        </p>
        <p>Rotate when a key may have leaked, or on a regular schedule.</p>
      </ConfirmDialog>
    </section>
  );
}

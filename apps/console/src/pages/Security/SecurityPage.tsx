import { useQuery } from "@apollo/client/react";
import { SecretKeyStatusQuery } from "../../graphql/SecretKeyStatus";
import { Alert, ErrorBox, Loading } from "../../ui/States";
import { TableScroll } from "../../ui/TableScroll";
import { RotateCard } from "./components/RotateCard";
import { SigningKeysCard } from "./components/SigningKeysCard";

/** /security: which keys protect the stored secrets, and rotation; the token signing keys. */
export default function SecurityPage() {
  const { data, error, refetch } = useQuery(SecretKeyStatusQuery);
  if (error && !data) return <ErrorBox error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading label="Loading key status…" />;
  const s = data.secretKeyStatus;
  // Only ciphertexts under a configured fallback can be rotated; those under a key this
  // server lacks cannot be read, so rotating does nothing for them.
  const pending = s.keys
    .filter((k) => !k.isPrimary && k.configured)
    .reduce((n, k) => n + k.ciphertexts, 0);
  const stored = s.keys.reduce((n, k) => n + k.ciphertexts, 0);
  return (
    <section aria-labelledby="security-title">
      <h1 id="security-title">Security</h1>
      {s.generated ? (
        <Alert kind="warning" live={false}>
          <strong>This server generated its own secret key.</strong>
          <p>
            No <code>GATEHOUSE_SECRET_KEY</code> is configured, so the key was created and saved in
            the data folder
            {s.generatedKeyFile ? (
              <>
                {" "}
                at <code data-testid="generated-key-file">{s.generatedKeyFile}</code>
              </>
            ) : null}
            . That works for one instance, but several instances sharing a database must all use the
            same key, and losing the data folder loses the key.
          </p>
          <p>
            To pin it, copy the file's content into <code>GATEHOUSE_SECRET_KEY</code> (or point{" "}
            <code>GATEHOUSE_SECRET_KEY_FILE</code> at a copy kept with your other secrets) and
            restart; the fingerprint below stays the same, so nothing needs re-encrypting.
          </p>
        </Alert>
      ) : null}
      {s.undecryptable > 0 ? (
        <Alert kind="error" live={false}>
          <strong>{s.undecryptable} stored secrets cannot be decrypted</strong> with any configured
          key. Add the key they were written with to <code>GATEHOUSE_SECRET_KEY_FALLBACKS</code>.
        </Alert>
      ) : null}
      <div className="card">
        <dl className="facts">
          <dt>Primary key</dt>
          <dd>
            <code data-testid="primary-fingerprint">{s.primaryFingerprint}</code>{" "}
            <span className="badge">{s.generated ? "generated" : "configured"}</span>
          </dd>
          <dt>Undecryptable</dt>
          <dd data-testid="undecryptable">{s.undecryptable}</dd>
        </dl>
        <TableScroll label="Keys table">
          <table className="table" aria-label="Keys">
            <thead>
              <tr>
                <th scope="col">Key fingerprint</th>
                <th scope="col">Role</th>
                <th scope="col">Ciphertexts</th>
              </tr>
            </thead>
            <tbody>
              {s.keys.map((k) => (
                <tr key={k.fingerprint} data-testid="key-row" data-primary={k.isPrimary}>
                  <td>
                    <code>{k.fingerprint}</code>
                  </td>
                  <td>
                    {k.isPrimary ? "Primary" : k.configured ? "Fallback" : null}
                    {k.configured ? null : (
                      <span className="badge badge-danger">Not configured: cannot decrypt</span>
                    )}
                  </td>
                  <td data-testid="key-ciphertexts">{k.ciphertexts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </div>
      <RotateCard pending={pending} stored={stored} undecryptable={s.undecryptable} />
      <section className="card" aria-labelledby="procedure-title">
        <h2 id="procedure-title">Changing the key</h2>
        <ol className="steps">
          <li>
            Create a new key: <code>pnpm gatehouse generate-key</code>.
          </li>
          <li>
            Put the new key in <code>GATEHOUSE_SECRET_KEY</code> and move the old one to{" "}
            <code>GATEHOUSE_SECRET_KEY_FALLBACKS</code> (comma-separated) on every instance.
          </li>
          <li>Restart the instances. Old secrets stay readable through the fallback key.</li>
          <li>
            Press <strong>Rotate</strong> here (or run <code>pnpm gatehouse rotate-key</code>).
          </li>
          <li>
            When no ciphertexts remain under the old key, remove it from the fallbacks and restart.
          </li>
        </ol>
      </section>
      <SigningKeysCard />
    </section>
  );
}

import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { useFreshSignIn } from "../../../components/Reauth";
import { RotateSecretKeyMutation } from "../../../graphql/RotateSecretKey";
import { SecretKeyStatusQuery } from "../../../graphql/SecretKeyStatus";
import { useAction } from "../../../hooks/useAction";
import { ConfirmDialog } from "../../../ui/Dialog";
import { Alert } from "../../../ui/States";

/** Rotate: re-encrypt everything under the primary key, after an explicit confirmation. */
export function RotateCard({ pending }: { pending: number }) {
  const [confirming, setConfirming] = useState(false);
  const [rotate, { data }] = useMutation(RotateSecretKeyMutation, {
    refetchQueries: [SecretKeyStatusQuery],
    awaitRefetchQueries: true,
  });
  const withFreshSignIn = useFreshSignIn();
  const action = useAction();
  const result = data?.rotateSecretKey;

  return (
    <section className="card" aria-labelledby="rotate-title">
      <h2 id="rotate-title">Rotate</h2>
      <p>
        Re-encrypts every stored secret under the primary key, reading older ones with the fallback
        keys.{" "}
        {pending > 0
          ? `${pending} ciphertext${pending === 1 ? " is" : "s are"} still under an older key.`
          : "Everything is already under the primary key."}
      </p>
      {result ? (
        <Alert kind={result.failed > 0 ? "warning" : "success"}>
          <span data-testid="rotation-result">
            Rotated {result.rotated}, already current {result.alreadyCurrent}, failed{" "}
            {result.failed}
            {result.skipped
              ? `, skipped ${result.skipped} that changed meanwhile (rotate again)`
              : ""}
            . Primary key: <code>{result.primaryFingerprint}</code>.
          </span>
        </Alert>
      ) : null}
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => setConfirming(true)}
        disabled={action.busy}
      >
        {action.busy ? "Rotating…" : "Rotate"}
      </button>
      <ConfirmDialog
        open={confirming}
        title="Rotate the secret key?"
        confirmLabel="Rotate now"
        onConfirm={() => {
          setConfirming(false);
          void action.run(() => withFreshSignIn(() => rotate()));
        }}
        onCancel={() => setConfirming(false)}
      >
        <p>
          Every ciphertext will be re-encrypted under the primary key. Afterwards the fallback keys
          are no longer needed to read anything and can be removed from the configuration.
        </p>
      </ConfirmDialog>
    </section>
  );
}

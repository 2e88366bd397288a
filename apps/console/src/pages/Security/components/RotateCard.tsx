import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { useFreshSignIn } from "../../../components/Reauth";
import { RotateSecretKeyMutation } from "../../../graphql/RotateSecretKey";
import { SecretKeyStatusQuery } from "../../../graphql/SecretKeyStatus";
import { useAction } from "../../../hooks/useAction";
import { ConfirmDialog } from "../../../ui/Dialog";
import { Alert } from "../../../ui/States";

/**
 * Rotate: re-encrypt what is under a fallback key, after an explicit confirmation. With
 * nothing under a fallback there is nothing to do, so the button is off and says why.
 */
export function RotateCard({
  pending,
  stored,
  undecryptable,
}: {
  /** Ciphertexts under a configured fallback key: what rotation would re-encrypt. */
  pending: number;
  /** All stored ciphertexts, whatever their key. */
  stored: number;
  undecryptable: number;
}) {
  const [confirming, setConfirming] = useState(false);
  const [rotate, { data }] = useMutation(RotateSecretKeyMutation, {
    refetchQueries: [SecretKeyStatusQuery],
    awaitRefetchQueries: true,
  });
  const withFreshSignIn = useFreshSignIn();
  const action = useAction();
  const result = data?.rotateSecretKey;
  const nothingToDo = pending === 0;

  return (
    <section className="card" aria-labelledby="rotate-title">
      <h2 id="rotate-title">Rotate</h2>
      <p data-testid="rotate-status">
        {!nothingToDo
          ? `${pending} stored secret${pending === 1 ? " is" : "s are"} still encrypted with a fallback key. Rotating re-encrypts ${pending === 1 ? "it" : "them"} with the primary key.`
          : stored === 0
            ? "Nothing to rotate: no secrets are stored yet."
            : `Nothing to rotate: every readable stored secret is already encrypted with the primary key.`}
        {undecryptable > 0
          ? ` ${undecryptable} cannot be read with any configured key; rotating cannot change that.`
          : ""}
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
        disabled={action.busy || nothingToDo}
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
          {pending} stored secret{pending === 1 ? "" : "s"} will be re-encrypted with the primary
          key. Afterwards the fallback keys are no longer needed to read anything and can be removed
          from the configuration.
        </p>
      </ConfirmDialog>
    </section>
  );
}

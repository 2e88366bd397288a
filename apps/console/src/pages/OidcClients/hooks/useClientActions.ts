import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { useFreshSignIn } from "../../../components/Reauth";
import type { OidcClientFieldsFragment } from "../../../gql/graphql";
import { DeleteOidcClientMutation } from "../../../graphql/DeleteOidcClient";
import { RotateOidcClientSecretMutation } from "../../../graphql/RotateOidcClientSecret";
import { type Action, useAction } from "../../../hooks/useAction";
import type { ShownSecret } from "../components/ConnectBox";

type Client = OidcClientFieldsFragment;

export interface ClientActions {
  rotating: Client | null;
  deleting: Client | null;
  rotation: Action;
  deletion: Action;
  askRotate(c: Client): void;
  askDelete(c: Client): void;
  cancel(): void;
  /** Rotates after confirmation; the new secret goes to `onShown`. */
  confirmRotate(): Promise<void>;
  confirmDelete(): Promise<void>;
}

/** The two confirmed row actions: rotate the secret and delete the client. */
export function useClientActions({
  onShown,
  onDeleted,
}: {
  onShown(s: ShownSecret): void;
  onDeleted(c: Client): Promise<void> | void;
}): ClientActions {
  const [rotating, setRotating] = useState<Client | null>(null);
  const [deleting, setDeleting] = useState<Client | null>(null);
  const [rotate] = useMutation(RotateOidcClientSecretMutation);
  const [remove] = useMutation(DeleteOidcClientMutation);
  const withFreshSignIn = useFreshSignIn();
  const rotation = useAction();
  const deletion = useAction();

  return {
    rotating,
    deleting,
    rotation,
    deletion,
    askRotate(c) {
      rotation.setError(null);
      setRotating(c);
    },
    askDelete(c) {
      deletion.setError(null);
      setDeleting(c);
    },
    cancel() {
      setRotating(null);
      setDeleting(null);
    },
    async confirmRotate() {
      const c = rotating;
      if (!c) return;
      let shown: ShownSecret | null = null;
      const ok = await rotation.run(async () => {
        const r = await withFreshSignIn(() => rotate({ variables: { id: c.id } }));
        const out = r.data!.rotateOidcClientSecret;
        shown = { client: out.client, secret: out.secret ?? null, reason: "rotated" };
      });
      if (ok && shown) {
        setRotating(null);
        onShown(shown);
      }
    },
    async confirmDelete() {
      const c = deleting;
      if (!c) return;
      if (await deletion.run(() => remove({ variables: { id: c.id } }))) {
        setDeleting(null);
        await onDeleted(c);
      }
    },
  };
}

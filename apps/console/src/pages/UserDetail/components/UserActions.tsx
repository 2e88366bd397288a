import { useApolloClient } from "@apollo/client/react";
import { useState } from "react";
import { useFreshSignIn } from "../../../components/Reauth";
import type { UserFieldsFragment } from "../../../gql/graphql";
import { EmailLoginUrlMutation } from "../../../graphql/EmailLoginUrl";
import { SetActiveMutation } from "../../../graphql/SetActive";
import { SetSuperuserMutation } from "../../../graphql/SetSuperuser";
import { UnlockSignInMutation } from "../../../graphql/UnlockSignIn";
import { useAction } from "../../../hooks/useAction";
import { formatDate, relative } from "../../../lib/format";
import { Alert } from "../../../ui/States";

/** The same actions as the Admin page's menu, for one user. */
export function UserActions({ user, onChanged }: { user: UserFieldsFragment; onChanged(): void }) {
  const client = useApolloClient();
  const action = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const withFreshSignIn = useFreshSignIn();
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);

  async function act(fn: () => Promise<unknown>) {
    setNotice(null);
    if (await action.run(fn)) onChanged();
  }

  return (
    <div>
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
      {notice ? (
        <Alert kind="success">
          <span data-testid="unlock-result">{notice}</span>
        </Alert>
      ) : null}
      {link ? (
        <div className="login-url" data-testid="login-url">
          <label htmlFor="detail-login-url">Login URL for {user.username}</label>
          <input
            id="detail-login-url"
            type="text"
            readOnly
            value={link.url}
            onFocus={(e) => e.target.select()}
          />
          <p className="small muted">
            Single use; expires {relative(link.expiresAt)} ({formatDate(link.expiresAt)}).
          </p>
        </div>
      ) : null}
      <div className="row">
        <button
          type="button"
          className="btn"
          disabled={action.busy}
          onClick={() =>
            act(async () => {
              const { data } = await client.mutate({
                mutation: EmailLoginUrlMutation,
                variables: { userId: user.id },
              });
              setLink(data!.emailLoginUrl);
            })
          }
        >
          Get email login URL
        </button>
        <button
          type="button"
          className={user.isActive ? "btn btn-danger" : "btn btn-primary"}
          disabled={action.busy}
          onClick={() =>
            act(() =>
              client.mutate({
                mutation: SetActiveMutation,
                variables: { userId: user.id, active: !user.isActive },
              }),
            )
          }
        >
          {user.isActive ? "Deactivate" : "Activate"}
        </button>
        <button
          type="button"
          className="btn"
          disabled={action.busy}
          onClick={() =>
            act(() =>
              withFreshSignIn(() =>
                client.mutate({
                  mutation: SetSuperuserMutation,
                  variables: { userId: user.id, superuser: !user.isSuperuser },
                }),
              ),
            )
          }
        >
          {user.isSuperuser ? "Remove superuser" : "Make superuser"}
        </button>
        <button
          type="button"
          className="btn"
          disabled={action.busy}
          title="Clears this account's sign-in limits from every address"
          onClick={() =>
            act(async () => {
              const { data } = await client.mutate({
                mutation: UnlockSignInMutation,
                variables: { userId: user.id },
              });
              setNotice(
                data?.unlockSignIn
                  ? `Sign-in unlocked for ${user.username}.`
                  : `${user.username} had no sign-in limits to clear.`,
              );
            })
          }
        >
          Unlock sign-in
        </button>
      </div>
    </div>
  );
}

import { useApolloClient } from "@apollo/client/react";
import { type ReactNode, useState } from "react";
import { useFreshSignIn } from "../../../components/Reauth";
import type { UserFieldsFragment } from "../../../gql/graphql";
import { EmailLoginUrlMutation } from "../../../graphql/EmailLoginUrl";
import { SetActiveMutation } from "../../../graphql/SetActive";
import { SetSuperuserMutation } from "../../../graphql/SetSuperuser";
import { UnlockSignInMutation } from "../../../graphql/UnlockSignIn";
import { useAction } from "../../../hooks/useAction";
import { formatDate, relative } from "../../../lib/format";
import { Alert } from "../../../ui/States";
import { AddEmailForLink } from "./AddEmailForLink";

/** The same actions as the Admin page's menu, for one user. */
export function UserActions({ user, onChanged }: { user: UserFieldsFragment; onChanged(): void }) {
  const client = useApolloClient();
  const action = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const withFreshSignIn = useFreshSignIn();
  const [askEmail, setAskEmail] = useState(false);
  const [link, setLink] = useState<{
    url: string;
    expiresAt: string;
    warning?: string | null;
  } | null>(null);

  async function act(fn: () => Promise<unknown>) {
    setNotice(null);
    if (await action.run(fn)) onChanged();
  }
  const button = { busy: action.busy, act };
  const userId = user.id;

  async function getLoginUrl() {
    // No address to make a link for: ask for one right here instead of failing.
    if (!user.email) {
      setLink(null);
      setAskEmail(true);
      return;
    }
    const { data } = await client.mutate({
      mutation: EmailLoginUrlMutation,
      variables: { userId },
    });
    setLink(data!.emailLoginUrl);
  }
  const toggleActive = () =>
    client.mutate({ mutation: SetActiveMutation, variables: { userId, active: !user.isActive } });
  // Changing superuser may ask for the password again first.
  const toggleSuperuser = () =>
    withFreshSignIn(() =>
      client.mutate({
        mutation: SetSuperuserMutation,
        variables: { userId, superuser: !user.isSuperuser },
      }),
    );
  async function unlock() {
    const { data } = await client.mutate({ mutation: UnlockSignInMutation, variables: { userId } });
    setNotice(
      data?.unlockSignIn
        ? `Sign-in unlocked for ${user.username}.`
        : `${user.username} had no sign-in limits to clear.`,
    );
  }

  return (
    <div>
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
      {notice ? (
        <Alert kind="success">
          <span data-testid="unlock-result">{notice}</span>
        </Alert>
      ) : null}
      {askEmail ? (
        <AddEmailForLink
          userId={userId}
          username={user.username}
          onSaved={onChanged}
          onLink={(l) => {
            setAskEmail(false);
            setLink(l);
          }}
          onCancel={() => setAskEmail(false)}
        />
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
          {link.warning ? (
            <Alert kind="warning">
              <span data-testid="login-url-warning">{link.warning}</span>
            </Alert>
          ) : null}
        </div>
      ) : null}
      <div className="row">
        <ActionButton {...button} run={getLoginUrl}>
          Get email login URL
        </ActionButton>
        <ActionButton
          {...button}
          className={user.isActive ? "btn btn-danger" : "btn btn-primary"}
          run={toggleActive}
        >
          {user.isActive ? "Deactivate" : "Activate"}
        </ActionButton>
        <ActionButton {...button} run={toggleSuperuser}>
          {user.isSuperuser ? "Remove superuser" : "Make superuser"}
        </ActionButton>
        <ActionButton
          {...button}
          title="Clears this account's sign-in limits from every address"
          run={unlock}
        >
          Unlock sign-in
        </ActionButton>
      </div>
    </div>
  );
}

function ActionButton({
  busy,
  act,
  run,
  className = "btn",
  title,
  children,
}: {
  busy: boolean;
  act(fn: () => Promise<unknown>): void;
  run(): Promise<unknown>;
  className?: string;
  title?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={className}
      disabled={busy}
      title={title}
      onClick={() => act(run)}
    >
      {children}
    </button>
  );
}

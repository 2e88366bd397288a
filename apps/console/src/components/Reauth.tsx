import { useApolloClient } from "@apollo/client/react";
import { ErrorCode } from "@gatehouse/shared";
import {
  createContext,
  type FormEvent,
  type ReactNode,
  useCallback,
  useContext,
  useRef,
  useState,
} from "react";
import { ReauthenticateMutation } from "../graphql/Reauthenticate";
import { useAction } from "../hooks/useAction";
import { apiError, retryHint } from "../lib/errors";
import { useSession } from "../lib/session";
import { Dialog } from "../ui/Dialog";
import { InputField } from "../ui/Field";
import { Alert } from "../ui/States";

type WithFreshSignIn = <T>(action: () => Promise<T>) => Promise<T>;

const FreshSignInContext = createContext<WithFreshSignIn | null>(null);

/**
 * Runs a sensitive action; when the server answers FRESH_SIGN_IN_REQUIRED it asks for the
 * password again (reauthenticate) and retries once. Cancelling rethrows the original error.
 */
export function useFreshSignIn(): WithFreshSignIn {
  return useContext(FreshSignInContext) ?? ((action) => action());
}

export function FreshSignInProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const answer = useRef<((confirmed: boolean) => void) | null>(null);

  const withFreshSignIn = useCallback<WithFreshSignIn>(async (action) => {
    try {
      return await action();
    } catch (err) {
      if (apiError(err)?.code !== ErrorCode.FRESH_SIGN_IN_REQUIRED) throw err;
      const confirmed = await new Promise<boolean>((resolve) => {
        answer.current = resolve;
        setOpen(true);
      });
      if (!confirmed) throw err;
      return action();
    }
  }, []);

  const done = (confirmed: boolean) => {
    setOpen(false);
    answer.current?.(confirmed);
    answer.current = null;
  };

  return (
    <FreshSignInContext.Provider value={withFreshSignIn}>
      {children}
      <Dialog open={open} title="Confirm it's you" onClose={() => done(false)}>
        <ReauthForm onDone={done} />
      </Dialog>
    </FreshSignInContext.Provider>
  );
}

const describeReauthError = (err: unknown) => {
  const api = apiError(err);
  return api?.code === ErrorCode.RATE_LIMITED
    ? `Too many attempts. ${retryHint(api)}`
    : (api?.message ?? String(err));
};

function ReauthForm({ onDone }: { onDone(confirmed: boolean): void }) {
  const client = useApolloClient();
  const { me } = useSession();
  const [password, setPassword] = useState("");
  const action = useAction(describeReauthError);
  const hasPassword = me?.authMethods.includes("PASSWORD") ?? true;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await action.run(() =>
      client.mutate({ mutation: ReauthenticateMutation, variables: { password } }),
    );
    if (ok) onDone(true);
  }

  if (!hasPassword) {
    return (
      <div>
        <p>
          This needs a recent sign-in. Your account has no password: sign out, sign in again with a
          magic link or Google, then repeat what you were doing.
        </p>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => onDone(false)}>
            Close
          </button>
        </div>
      </div>
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      <p>This is a sensitive change and your last sign-in was a while ago. Enter your password.</p>
      {action.error ? (
        <Alert kind="error">
          <span data-testid="reauth-error">{action.error}</span>
        </Alert>
      ) : null}
      <InputField
        id="reauth-password"
        label="Password"
        type="password"
        autoComplete="current-password"
        // Autofocus: the dialog exists only to ask for this.
        autoFocus
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={() => onDone(false)}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={action.busy || password === ""}>
          {action.busy ? "Checking…" : "Confirm"}
        </button>
      </div>
    </form>
  );
}

import { useMutation } from "@apollo/client/react";
import { checkEmail, ErrorCode, Limits, normalizeEmail } from "@gatehouse/shared";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { RequestMagicLinkMutation } from "../../../graphql/RequestMagicLink";
import { useAction } from "../../../hooks/useAction";
import { apiError, retryHint } from "../../../lib/errors";
import { InputField } from "../../../ui/Field";
import { Alert } from "../../../ui/States";

const describe = (err: unknown) => {
  const api = apiError(err);
  return api?.code === ErrorCode.RATE_LIMITED
    ? `Too many links requested. ${retryHint(api)}`
    : (api?.message ?? String(err));
};

/**
 * Email + "Send Magic Link". The answer is the same whether or not the address has an
 * account (the server never reveals which), so the message depends only on delivery mode.
 */
export function MagicLinkForm({
  delivery,
  focusEmail,
  initialEmail,
  next,
}: {
  delivery: "EMAIL" | "MANUAL";
  focusEmail: boolean;
  initialEmail: string;
  /** Where the link should take the browser (checked and stored by the server). */
  next: string | null;
}) {
  const [email, setEmail] = useState(initialEmail);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [request] = useMutation(RequestMagicLinkMutation);
  const action = useAction(describe);
  const emailRef = useRef<HTMLInputElement>(null);

  // Sent back here from a used or expired link: the next step is typing the email.
  useEffect(() => {
    if (focusEmail) emailRef.current?.focus();
  }, [focusEmail]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    action.setError(null);
    setSent(false);
    const rule = checkEmail(email);
    setFieldError(rule);
    if (rule) return;
    if (await action.run(() => request({ variables: { email: normalizeEmail(email), next } }))) {
      setSent(true);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="magic-title">
      <h2 id="magic-title" className="sr-only">
        Sign in with an email link
      </h2>
      {sent ? (
        <Alert kind="success">
          <span data-testid="magic-link-sent">
            {delivery === "EMAIL"
              ? "If that address can sign in, a link is on its way. Check your inbox (and spam folder)."
              : "Ask your administrator for your sign-in link."}
          </span>
        </Alert>
      ) : null}
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
      <InputField
        id="login-email"
        label="Email"
        error={fieldError}
        type="email"
        name="email"
        autoComplete="email"
        autoCapitalize="none"
        spellCheck={false}
        ref={emailRef}
        maxLength={Limits.emailMax}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <button type="submit" className="btn btn-block" disabled={action.busy}>
        {action.busy ? "Sending…" : "Send Magic Link"}
      </button>
    </form>
  );
}

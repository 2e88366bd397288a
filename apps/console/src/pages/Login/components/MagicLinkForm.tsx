import { useMutation } from "@apollo/client/react";
import { checkEmail, ErrorCode, Limits, normalizeEmail } from "@gatehouse/shared";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Alert } from "../../../ui/States";
import { RequestMagicLinkMutation } from "../../../graphql/RequestMagicLink";
import { apiError, retryHint } from "../../../lib/errors";

/**
 * Email + "Send Magic Link". The answer is the same whether or not the address has an
 * account (the server never reveals which), so the message depends only on delivery mode.
 */
export function MagicLinkForm({
  delivery,
  focusEmail,
  initialEmail,
}: {
  delivery: "EMAIL" | "MANUAL";
  focusEmail: boolean;
  initialEmail: string;
}) {
  const [email, setEmail] = useState(initialEmail);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [request, { loading }] = useMutation(RequestMagicLinkMutation);
  const emailRef = useRef<HTMLInputElement>(null);

  // Sent back here from a used or expired link: the next step is typing the email.
  useEffect(() => {
    if (focusEmail) emailRef.current?.focus();
  }, [focusEmail]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    setSent(false);
    const rule = checkEmail(email);
    setFieldError(rule);
    if (rule) return;
    try {
      await request({ variables: { email: normalizeEmail(email) } });
      setSent(true);
    } catch (err) {
      const api = apiError(err);
      setProblem(
        api?.code === ErrorCode.RATE_LIMITED
          ? `Too many links requested. ${retryHint(api)}`
          : (api?.message ?? String(err)),
      );
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
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <div className="field">
        <label htmlFor="login-email">Email</label>
        <input
          id="login-email"
          type="email"
          name="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          ref={emailRef}
          maxLength={Limits.emailMax}
          value={email}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? "login-email-error" : undefined}
          onChange={(e) => setEmail(e.target.value)}
        />
        {fieldError ? (
          <span id="login-email-error" className="field-error">
            {fieldError}
          </span>
        ) : null}
      </div>
      <button type="submit" className="btn btn-block" disabled={loading}>
        {loading ? "Sending…" : "Send Magic Link"}
      </button>
    </form>
  );
}

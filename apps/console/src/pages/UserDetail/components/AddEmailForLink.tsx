import { useApolloClient } from "@apollo/client/react";
import { checkEmail, Limits, normalizeEmail } from "@gatehouse/shared";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { EmailLoginUrlMutation } from "../../../graphql/EmailLoginUrl";
import { UpdateUserMutation } from "../../../graphql/UpdateUser";
import { useAction } from "../../../hooks/useAction";
import { InputField } from "../../../ui/Field";
import { Alert } from "../../../ui/States";

export interface Link {
  url: string;
  expiresAt: string;
  warning?: string | null;
}

/**
 * "Get email login URL" for a user with no email: a link is for an address, so the address
 * is asked for right here (saved as with Edit, unverified) and the URL follows.
 */
export function AddEmailForLink({
  userId,
  username,
  onLink,
  onSaved,
  onCancel,
}: {
  userId: string;
  username: string;
  onLink(link: Link): void;
  onSaved(): void;
  onCancel(): void;
}) {
  const client = useApolloClient();
  const [email, setEmail] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const action = useAction();
  const input = useRef<HTMLInputElement>(null);
  // Opened by a click on "Get email login URL": the address is what to type next.
  useEffect(() => input.current?.focus(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const rule = checkEmail(email);
    setProblem(rule);
    if (rule) return;
    await action.run(async () => {
      await client.mutate({
        mutation: UpdateUserMutation,
        variables: { userId, input: { email: normalizeEmail(email) } },
      });
      onSaved();
      const { data } = await client.mutate({
        mutation: EmailLoginUrlMutation,
        variables: { userId },
      });
      onLink(data!.emailLoginUrl);
    });
  }

  return (
    <form onSubmit={submit} noValidate data-testid="add-email-for-link">
      <Alert kind="info" live={false}>
        {username} has no email address, and a sign-in link is sent to one. Add it here: it is saved
        to their account (unverified until they use a link), then the URL is created.
      </Alert>
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
      <InputField
        id="link-email"
        label={`Email for ${username}`}
        type="email"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={Limits.emailMax}
        ref={input}
        value={email}
        error={problem}
        onChange={(e) => setEmail(e.target.value)}
      />
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={action.busy}>
          {action.busy ? "Saving…" : "Save email and get login URL"}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

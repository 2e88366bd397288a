import { useMutation } from "@apollo/client/react";
import { type FormEvent, useState } from "react";
import { CreateApiKeyMutation } from "../graphql/CreateApiKey";
import { useAction } from "../hooks/useAction";
import { InputField } from "../ui/Field";
import { Alert } from "../ui/States";
import { useFreshSignIn } from "./Reauth";

const NAME_MAX = 64;

/**
 * Create an API key (your own, or a service account's with `userId`), then show it once with
 * a copy button: the server keeps only its hash.
 */
export function NewApiKey({ userId, onCreated }: { userId?: string; onCreated(): void }) {
  const [name, setName] = useState("");
  const [expires, setExpires] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [shown, setShown] = useState<{ key: string; name: string } | null>(null);
  const [create] = useMutation(CreateApiKeyMutation);
  const action = useAction();
  const withFreshSignIn = useFreshSignIn();
  const idBase = userId ? `key-${userId}` : "my-key";

  async function submit(e: FormEvent) {
    e.preventDefault();
    const trimmed = name.trim();
    const problem = trimmed === "" ? "Give the key a name, e.g. what will use it." : null;
    setNameError(problem);
    if (problem) return;
    // The end of the chosen day, in the browser's time zone.
    const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : null;
    let key: string | null = null;
    const ok = await action.run(async () => {
      const r = await withFreshSignIn(() =>
        create({ variables: { input: { name: trimmed, expiresAt, userId: userId ?? null } } }),
      );
      key = r.data?.createApiKey.key ?? null;
    });
    if (ok && key) {
      setShown({ key, name: trimmed });
      setName("");
      setExpires("");
      onCreated();
    }
  }

  if (shown) return <CreatedKey shown={shown} onDone={() => setShown(null)} />;
  return (
    <form onSubmit={submit} noValidate aria-label="New API key" className="var-form">
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
      <InputField
        id={`${idBase}-name`}
        label="Key name"
        error={nameError}
        type="text"
        autoComplete="off"
        maxLength={NAME_MAX}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <InputField
        id={`${idBase}-expires`}
        label={
          <>
            Expires on <span className="muted">(optional)</span>
          </>
        }
        hint="Leave empty for a key that lasts until revoked."
        type="date"
        value={expires}
        onChange={(e) => setExpires(e.target.value)}
      />
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={action.busy}>
          {action.busy ? "Creating…" : "Create API key"}
        </button>
      </div>
    </form>
  );
}

function CreatedKey({ shown, onDone }: { shown: { key: string; name: string }; onDone(): void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const inputId = "created-api-key";
  async function copy() {
    try {
      await navigator.clipboard.writeText(shown.key);
      setCopied("yes");
    } catch {
      // Clipboard access can be refused; select the text so Ctrl+C works.
      (document.getElementById(inputId) as HTMLInputElement | null)?.select();
      setCopied("failed");
    }
  }
  return (
    <div className="login-url" data-testid="created-api-key">
      <Alert kind="warning">
        Copy the key <strong>{shown.name}</strong> now: it is shown this once and cannot be seen
        again. Treat it like a password.
      </Alert>
      <label htmlFor={inputId}>Your new API key</label>
      <div className="row nowrap">
        <input
          id={inputId}
          type="text"
          readOnly
          value={shown.key}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="btn" onClick={copy}>
          Copy
        </button>
        <button type="button" className="btn btn-small" onClick={onDone}>
          Done
        </button>
      </div>
      <p className="small muted" aria-live="polite">
        {copied === "yes"
          ? "Copied."
          : copied === "failed"
            ? "Copying was blocked: the key is selected, press Ctrl+C."
            : "Send it as the X-API-Key header (or Authorization: Bearer)."}
      </p>
    </div>
  );
}

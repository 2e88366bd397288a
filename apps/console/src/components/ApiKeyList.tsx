import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import type { ApiKeyFieldsFragment } from "../gql/graphql";
import { RevokeApiKeyMutation } from "../graphql/RevokeApiKey";
import { useAction } from "../hooks/useAction";
import { formatDate, relative } from "../lib/format";
import { ConfirmDialog } from "../ui/Dialog";
import { Alert, Empty } from "../ui/States";

function scopeText(k: ApiKeyFieldsFragment): string {
  const parts: string[] = [];
  if (k.appIds) parts.push(`apps: ${k.appIds.join(", ")}`);
  if (k.groupIds) parts.push(`${k.groupIds.length} group${k.groupIds.length === 1 ? "" : "s"}`);
  return parts.length ? ` · scoped to ${parts.join("; ")}` : "";
}

/** A user's API keys: prefix, last use, expiry; revoking asks first (it cannot be undone). */
export function ApiKeyList({
  keys,
  onChanged,
}: {
  keys: ApiKeyFieldsFragment[];
  onChanged(): void;
}) {
  const [revoke] = useMutation(RevokeApiKeyMutation);
  const [confirming, setConfirming] = useState<ApiKeyFieldsFragment | null>(null);
  const action = useAction();

  async function revokeConfirmed() {
    const k = confirming;
    if (!k) return;
    const ok = await action.run(() => revoke({ variables: { id: k.id } }));
    setConfirming(null);
    if (ok) onChanged();
  }

  const now = Date.now();
  return (
    <>
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
      {keys.length === 0 ? (
        <Empty>No API keys.</Empty>
      ) : (
        <ul className="list" aria-label="API keys">
          {keys.map((k) => {
            const expired = k.expiresAt !== null && Date.parse(k.expiresAt) <= now;
            return (
              <li key={k.id} className="list-item" data-testid="api-key-row" data-name={k.name}>
                <div>
                  <strong>{k.name}</strong> <code>{k.prefix}…</code>{" "}
                  {expired ? <span className="badge badge-danger">Expired</span> : null}
                  <div className="muted small">
                    created {formatDate(k.createdAt)} · last used{" "}
                    {k.lastUsedAt ? relative(k.lastUsedAt) : "never"} ·{" "}
                    {k.expiresAt ? `expires ${formatDate(k.expiresAt)}` : "no expiry"}
                    {scopeText(k)}
                  </div>
                </div>
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  onClick={() => setConfirming(k)}
                  aria-label={`Revoke API key ${k.name}`}
                >
                  Revoke
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title="Revoke API key"
        confirmLabel="Revoke"
        busyLabel="Revoking…"
        busy={action.busy}
        danger
        onConfirm={() => void revokeConfirmed()}
        onCancel={() => setConfirming(null)}
      >
        <p>
          Revoke <strong>{confirming?.name}</strong> (<code>{confirming?.prefix}…</code>)? Anything
          using it is refused from its next request. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}

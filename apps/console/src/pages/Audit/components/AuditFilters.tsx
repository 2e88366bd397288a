import { InputField } from "../../../ui/Field";
import type { AuditFilterInputs } from "../hooks/useAuditFilters";

/** Suggestions for the action filter; any part of an action name works. */
const KNOWN_ACTIONS = [
  "session.signed_in",
  "session.sign_in_failed",
  "session.signed_out",
  "session.revoked",
  "user.created",
  "user.updated",
  "user.deleted",
  "user.activated",
  "user.deactivated",
  "user.superuser_granted",
  "user.superuser_revoked",
  "user.password_changed",
  "magic_link.requested",
  "magic_link.admin_issued",
  "magic_link.sent",
  "magic_link.delivery_failed",
  "magic_link.redeemed",
  "google.linked",
  "variable.set",
  "variable.deleted",
  "secret_key.rotated",
  "rate_limit.locked",
  "audit.exported",
];

export function AuditFilters({
  inputs,
  set,
  seenActions,
}: {
  inputs: AuditFilterInputs;
  set(patch: Partial<AuditFilterInputs>): void;
  seenActions: string[];
}) {
  const actions = [...new Set([...KNOWN_ACTIONS, ...seenActions])].sort();
  return (
    <div className="filters">
      <InputField
        id="audit-user"
        label="User"
        type="search"
        placeholder="username"
        autoComplete="off"
        spellCheck={false}
        value={inputs.user}
        onChange={(e) => set({ user: e.target.value })}
      />
      <InputField
        id="audit-action"
        label="Action contains"
        type="search"
        list="audit-actions"
        placeholder="e.g. sign_in"
        autoComplete="off"
        spellCheck={false}
        value={inputs.action}
        onChange={(e) => set({ action: e.target.value })}
      />
      <datalist id="audit-actions">
        {actions.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <InputField
        id="audit-from"
        label="From"
        type="date"
        value={inputs.from}
        max={inputs.to || undefined}
        onChange={(e) => set({ from: e.target.value })}
      />
      <InputField
        id="audit-to"
        label="To (inclusive)"
        type="date"
        value={inputs.to}
        min={inputs.from || undefined}
        onChange={(e) => set({ to: e.target.value })}
      />
    </div>
  );
}

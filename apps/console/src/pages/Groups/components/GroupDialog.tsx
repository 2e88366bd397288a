import { useMutation } from "@apollo/client/react";
import {
  checkGroupDescription,
  checkGroupName,
  Limits,
  normalizeGroupName,
} from "@gatehouse/shared";
import { type FormEvent, useState } from "react";
import type { GroupFieldsFragment } from "../../../gql/graphql";
import { CreateGroupMutation } from "../../../graphql/CreateGroup";
import { UpdateGroupMutation } from "../../../graphql/UpdateGroup";
import { useAction } from "../../../hooks/useAction";
import { Dialog } from "../../../ui/Dialog";
import { InputField } from "../../../ui/Field";
import { Alert } from "../../../ui/States";

/** New group, or rename/re-describe one (`group` set). */
export function GroupDialog({
  open,
  group,
  onClose,
  onSaved,
}: {
  open: boolean;
  group: GroupFieldsFragment | null;
  onClose(): void;
  onSaved(name: string): void;
}) {
  return (
    <Dialog open={open} title={group ? `Edit group ${group.name}` : "New group"} onClose={onClose}>
      <GroupForm group={group} onClose={onClose} onSaved={onSaved} />
    </Dialog>
  );
}

function GroupForm({
  group,
  onClose,
  onSaved,
}: {
  group: GroupFieldsFragment | null;
  onClose(): void;
  onSaved(name: string): void;
}) {
  const [name, setName] = useState(group?.name ?? "");
  const [description, setDescription] = useState(group?.description ?? "");
  const [errors, setErrors] = useState<{ name?: string; description?: string }>({});
  const [create] = useMutation(CreateGroupMutation);
  const [update] = useMutation(UpdateGroupMutation);
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next = {
      name: checkGroupName(name) ?? undefined,
      description: checkGroupDescription(description.trim()) ?? undefined,
    };
    setErrors(next);
    if (next.name || next.description) {
      document.getElementById(next.name ? "group-name" : "group-description")?.focus();
      return;
    }
    const input = { name: normalizeGroupName(name), description: description.trim() };
    const ok = await action.run(() =>
      group ? update({ variables: { id: group.id, input } }) : create({ variables: { input } }),
    );
    if (ok) onSaved(input.name);
  }

  return (
    <form onSubmit={submit} noValidate>
      {action.error ? (
        <Alert kind="error">
          <span data-testid="group-error">{action.error}</span>
        </Alert>
      ) : null}
      <InputField
        id="group-name"
        label="Name"
        error={errors.name}
        hint="Unique regardless of case; apps receive it in the Remote-Groups header."
        type="text"
        autoComplete="off"
        maxLength={Limits.groupNameMax}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <InputField
        id="group-description"
        label={
          <>
            Description <span className="muted">(optional)</span>
          </>
        }
        error={errors.description}
        type="text"
        autoComplete="off"
        maxLength={Limits.groupDescriptionMax}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={action.busy}>
          {action.busy ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}

import { useApolloClient } from "@apollo/client/react";
import { checkDisplayName, Limits } from "@gatehouse/shared";
import { type FormEvent, useState } from "react";
import { UpdateMyProfileMutation } from "../../../graphql/UpdateMyProfile";
import { useAction } from "../../../hooks/useAction";
import { useSession } from "../../../lib/session";
import { InputField } from "../../../ui/Field";
import { Alert } from "../../../ui/States";

/** My display name: what apps show for me (Remote-Name, OIDC name); empty means my username. */
export function DisplayName() {
  const { me, refresh } = useSession();
  const client = useApolloClient();
  const [value, setValue] = useState(me?.displayName ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const action = useAction();
  if (!me) return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const rule = checkDisplayName(value);
    setProblem(rule);
    if (rule) return;
    const ok = await action.run(async () => {
      await client.mutate({ mutation: UpdateMyProfileMutation, variables: { displayName: value } });
      await refresh();
    });
    if (ok) {
      setValue(value.trim());
      setSaved(true);
    }
  }

  return (
    <form onSubmit={submit} noValidate data-testid="display-name-form">
      {saved ? (
        <Alert kind="success">
          <span data-testid="display-name-saved">Display name saved.</span>
        </Alert>
      ) : null}
      {action.error ? <Alert kind="error">{action.error}</Alert> : null}
      <InputField
        id="my-display-name"
        label="Display name"
        autoComplete="name"
        maxLength={Limits.displayNameMax}
        value={value}
        error={problem}
        hint={`Apps show this instead of your username. Leave empty to use ${me.username}.`}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="btn btn-primary" disabled={action.busy}>
        {action.busy ? "Saving…" : "Save display name"}
      </button>
    </form>
  );
}

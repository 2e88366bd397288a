import { useMutation } from "@apollo/client/react";
import { type FormEvent, useState } from "react";
import { useFreshSignIn } from "../../../components/Reauth";
import type { OidcClientFieldsFragment } from "../../../gql/graphql";
import { CreateOidcClientMutation } from "../../../graphql/CreateOidcClient";
import { UpdateOidcClientMutation } from "../../../graphql/UpdateOidcClient";
import { useAction } from "../../../hooks/useAction";
import { apiError } from "../../../lib/errors";
import { Checkbox } from "../../../ui/Checkbox";
import { Dialog } from "../../../ui/Dialog";
import { Field, InputField } from "../../../ui/Field";
import { Alert } from "../../../ui/States";
import { Choices, Radio } from "./Choices";
import { GRANT_LABELS } from "./ClientTable";
import type { ShownSecret } from "./ConnectBox";

const GRANTS = Object.keys(GRANT_LABELS);
/** The input fields the server names in its errors; any other error shows as an alert on top. */
const FIELDS = new Set([
  "name",
  "redirectUris",
  "postLogoutRedirectUris",
  "grantTypes",
  "accessTokenFormat",
  "appId",
]);

/** Lines to a list without blanks (the server trims and compares exactly). */
const lines = (text: string) =>
  text
    .split("\n")
    .map((s) => s.trim())
    .filter((s) => s !== "");

/** New client / edit client. The server checks everything; its errors show on their field. */
export function ClientDialog({
  client,
  open,
  apps,
  onClose,
  onSaved,
}: {
  /** null for a new client. */
  client: OidcClientFieldsFragment | null;
  open: boolean;
  apps: { id: string; name: string }[];
  onClose(): void;
  onSaved(result: ShownSecret): void;
}) {
  return (
    <Dialog
      open={open}
      title={client ? `Edit ${client.name}` : "New OIDC client"}
      onClose={onClose}
    >
      <ClientForm
        key={client?.id ?? "new"}
        client={client}
        apps={apps}
        onClose={onClose}
        onSaved={onSaved}
      />
    </Dialog>
  );
}

function ClientForm({
  client,
  apps,
  onClose,
  onSaved,
}: {
  client: OidcClientFieldsFragment | null;
  apps: { id: string; name: string }[];
  onClose(): void;
  onSaved(result: ShownSecret): void;
}) {
  const [name, setName] = useState(client?.name ?? "");
  const [redirects, setRedirects] = useState(client?.redirectUris.join("\n") ?? "");
  const [logouts, setLogouts] = useState(client?.postLogoutRedirectUris.join("\n") ?? "");
  const [isPublic, setIsPublic] = useState(client?.isPublic ?? false);
  const [firstParty, setFirstParty] = useState(client?.firstParty ?? false);
  const [grants, setGrants] = useState<string[]>(
    client?.grantTypes ?? ["authorization_code", "refresh_token"],
  );
  const [format, setFormat] = useState(client?.accessTokenFormat ?? "opaque");
  const [appId, setAppId] = useState(client?.appId ?? "");
  const [field, setField] = useState<string | null>(null);
  const [create] = useMutation(CreateOidcClientMutation);
  const [update] = useMutation(UpdateOidcClientMutation);
  const withFreshSignIn = useFreshSignIn();
  const action = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setField(null);
    const input = {
      name: name.trim(),
      redirectUris: lines(redirects),
      postLogoutRedirectUris: lines(logouts),
      isPublic,
      firstParty,
      // Keep the server's order stable whatever order the boxes were ticked in.
      grantTypes: GRANTS.filter((g) => grants.includes(g)),
      accessTokenFormat: format,
      appId: appId || null,
    };
    let result: ShownSecret | null = null;
    const ok = await action.run(async () => {
      try {
        if (client) {
          const r = await update({ variables: { id: client.id, input } });
          const u = r.data!.updateOidcClient;
          result = { client: u.client, secret: u.secret ?? null, reason: "updated" };
        } else {
          const r = await withFreshSignIn(() => create({ variables: { input } }));
          const c = r.data!.createOidcClient;
          result = { client: c.client, secret: c.secret ?? null, reason: "created" };
        }
      } catch (err) {
        const f = apiError(err)?.extensions.field;
        setField(typeof f === "string" ? f : null);
        throw err;
      }
    });
    if (ok && result) onSaved(result);
  }

  const errorFor = (f: string) => (field === f ? action.error : null);
  return (
    <form onSubmit={submit} noValidate>
      {action.error && !(field && FIELDS.has(field)) ? (
        <Alert kind="error">{action.error}</Alert>
      ) : null}
      <InputField
        id="client-name"
        label="Name"
        hint="Shown to people on the consent page."
        error={errorFor("name")}
        type="text"
        autoComplete="off"
        maxLength={128}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <Choices id="client-type" legend="Type" error={null}>
        <Radio
          id="client-confidential"
          name="client-type"
          checked={!isPublic}
          onChange={() => setIsPublic(false)}
        >
          Confidential: a server-side app that can keep a secret
        </Radio>
        <Radio
          id="client-public"
          name="client-type"
          checked={isPublic}
          onChange={() => setIsPublic(true)}
        >
          Public: a browser, mobile or command-line app (no secret; PKCE required)
        </Radio>
      </Choices>
      <Field
        id="client-redirects"
        label="Redirect URIs"
        error={errorFor("redirectUris")}
        hint={
          <>
            One per line, compared exactly (no wildcards). <code>https</code> only, except{" "}
            <code>http://localhost</code> and <code>http://127.0.0.1</code>.
          </>
        }
      >
        {(control) => (
          <textarea
            {...control}
            spellCheck={false}
            autoCapitalize="none"
            value={redirects}
            onChange={(e) => setRedirects(e.target.value)}
          />
        )}
      </Field>
      <Field
        id="client-logouts"
        label="Post-logout redirect URIs"
        error={errorFor("postLogoutRedirectUris")}
        hint="Optional. One per line: where the app may send people after signing out."
      >
        {(control) => (
          <textarea
            {...control}
            spellCheck={false}
            autoCapitalize="none"
            value={logouts}
            onChange={(e) => setLogouts(e.target.value)}
          />
        )}
      </Field>
      <Choices id="client-grants" legend="Grant types" error={errorFor("grantTypes")}>
        {GRANTS.map((g) => (
          <Checkbox
            key={g}
            id={`client-grant-${g.replace(/[^a-z_]/g, "-")}`}
            label={GRANT_LABELS[g]}
            checked={grants.includes(g)}
            onChange={(on) => setGrants((gs) => (on ? [...gs, g] : gs.filter((x) => x !== g)))}
          />
        ))}
      </Choices>
      <Field
        id="client-format"
        label="Access token format"
        error={errorFor("accessTokenFormat")}
        hint="JWT access tokens (RFC 9068) are for APIs that verify them locally against the JWKS."
      >
        {(control) => (
          <select {...control} value={format} onChange={(e) => setFormat(e.target.value)}>
            <option value="opaque">Opaque</option>
            <option value="jwt">JWT</option>
          </select>
        )}
      </Field>
      <Checkbox
        id="client-first-party"
        label="First party: skip the consent screen"
        checked={firstParty}
        onChange={setFirstParty}
      />
      <Field
        id="client-app"
        label="App"
        error={errorFor("appId")}
        hint="The registered app this client belongs to (optional)."
      >
        {(control) => (
          <select {...control} value={appId} onChange={(e) => setAppId(e.target.value)}>
            <option value="">None</option>
            {apps.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={action.busy}>
          {action.busy ? "Saving…" : client ? "Save" : "Create client"}
        </button>
      </div>
    </form>
  );
}

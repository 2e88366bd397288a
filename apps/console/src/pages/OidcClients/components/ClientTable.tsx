import type { OidcClientFieldsFragment } from "../../../gql/graphql";
import { formatDate } from "../../../lib/format";

/** Short names for the grant types (the full URN of the device grant is long). */
export const GRANT_LABELS: Record<string, string> = {
  authorization_code: "Authorization code",
  refresh_token: "Refresh token",
  client_credentials: "Client credentials",
  "urn:ietf:params:oauth:grant-type:device_code": "Device code",
};

/** The clients; the wrapper scrolls sideways on a phone and can be scrolled by keyboard. */
export function ClientTable({
  clients,
  appName,
  onEdit,
  onRotate,
  onDelete,
}: {
  clients: OidcClientFieldsFragment[];
  appName(id: string | null | undefined): string | null;
  onEdit(c: OidcClientFieldsFragment): void;
  onRotate(c: OidcClientFieldsFragment): void;
  onDelete(c: OidcClientFieldsFragment): void;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus so keyboard users can scroll it.
    <section className="table-wrap" aria-label="OIDC clients table" tabIndex={0}>
      <table className="table" aria-label="OIDC clients">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Client ID</th>
            <th scope="col">Type</th>
            <th scope="col">Grant types</th>
            <th scope="col">App</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {clients.map((c) => (
            <tr key={c.id} data-testid="client-row" data-client={c.name}>
              <td>
                <span className="strong">{c.name}</span>
                {c.firstParty ? (
                  <>
                    {" "}
                    <span className="badge badge-accent" title="Skips the consent screen">
                      first party
                    </span>
                  </>
                ) : null}
              </td>
              <td>
                <code data-testid="client-id">{c.clientId}</code>
              </td>
              <td data-testid="client-type">{c.isPublic ? "Public" : "Confidential"}</td>
              <td>
                <div className="badges">
                  {c.grantTypes.map((g) => (
                    <span className="badge" key={g}>
                      {GRANT_LABELS[g] ?? g}
                    </span>
                  ))}
                </div>
              </td>
              <td>{appName(c.appId) ?? <span className="muted">—</span>}</td>
              <td className="nowrap">{formatDate(c.createdAt)}</td>
              <td>
                <span className="row">
                  <button
                    type="button"
                    className="btn btn-small nowrap"
                    onClick={() => onEdit(c)}
                    aria-label={`Edit ${c.name}`}
                  >
                    Edit
                  </button>
                  {c.isPublic ? null : (
                    <button
                      type="button"
                      className="btn btn-small nowrap"
                      onClick={() => onRotate(c)}
                      aria-label={`Rotate the secret of ${c.name}`}
                    >
                      Rotate secret
                    </button>
                  )}
                  <button
                    type="button"
                    className="btn btn-small btn-danger nowrap"
                    onClick={() => onDelete(c)}
                    aria-label={`Delete ${c.name}`}
                  >
                    Delete
                  </button>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

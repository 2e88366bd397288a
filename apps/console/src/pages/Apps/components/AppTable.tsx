import type { AppAccess, AppFieldsFragment } from "../../../gql/graphql";
import { TableScroll } from "../../../ui/TableScroll";

export const ACCESS_LABELS: Record<AppAccess, string> = {
  ALL_USERS: "Every active user",
  SUPERUSERS: "Superusers only",
  GROUPS: "Members of listed groups",
};

/** The apps, declared ones marked and without edit or delete buttons. */
export function AppTable({
  apps,
  onEdit,
  onDelete,
}: {
  apps: AppFieldsFragment[];
  onEdit(app: AppFieldsFragment): void;
  onDelete(app: AppFieldsFragment): void;
}) {
  return (
    <TableScroll label="Apps table">
      <table className="table" aria-label="Apps">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Hosts</th>
            <th scope="col">Access</th>
            <th scope="col">Groups</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {apps.map((app) => (
            <tr key={app.id} data-testid="app-row" data-app={app.name}>
              <td>
                <span className="strong">{app.name}</span>{" "}
                {app.declared ? (
                  <span className="badge" title="Edit GATEHOUSE_APPS to change it">
                    declared in configuration
                  </span>
                ) : null}
              </td>
              <td>
                {app.hosts.map((h) => (
                  <div key={h}>
                    <code>{h}</code>
                  </div>
                ))}
              </td>
              <td data-testid="app-access">{ACCESS_LABELS[app.access]}</td>
              <td data-testid="app-groups">{app.groupNames.join(", ")}</td>
              <td className="nowrap">
                {app.declared ? (
                  <span className="muted">read-only</span>
                ) : (
                  <span className="row">
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => onEdit(app)}
                      aria-label={`Edit ${app.name}`}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="btn btn-small btn-danger"
                      onClick={() => onDelete(app)}
                      aria-label={`Delete ${app.name}`}
                    >
                      Delete
                    </button>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

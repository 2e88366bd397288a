import { signInMethods, UserBadges } from "../../../components/UserBadges";
import type { UserFieldsFragment } from "../../../gql/graphql";

type ListedUser = UserFieldsFragment & { groups: { id: string; name: string }[] };

import { formatDate } from "../../../lib/format";
import { Link } from "../../../lib/router";
import { TableScroll } from "../../../ui/TableScroll";

export function UserTable({
  users,
  selected,
  onToggle,
  onToggleAll,
}: {
  users: ListedUser[];
  selected: Set<string>;
  onToggle(id: string): void;
  onToggleAll(select: boolean): void;
}) {
  const allSelected = users.length > 0 && users.every((u) => selected.has(u.id));
  return (
    <TableScroll label="Users table">
      <table className="table table-cards" aria-label="Users">
        <thead>
          <tr>
            <th scope="col" className="col-check">
              <input
                type="checkbox"
                aria-label="Select all users on this page"
                checked={allSelected}
                onChange={(e) => onToggleAll(e.target.checked)}
              />
            </th>
            <th scope="col">User</th>
            <th scope="col">Status</th>
            <th scope="col">Groups</th>
            <th scope="col" className="hide-narrow">
              Sign-in methods
            </th>
            <th scope="col" className="hide-narrow">
              Created
            </th>
            <th scope="col" className="hide-narrow">
              Last sign-in
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid="user-row" data-username={u.username}>
              <td className="col-check">
                <input
                  type="checkbox"
                  aria-label={`Select ${u.username}`}
                  checked={selected.has(u.id)}
                  onChange={() => onToggle(u.id)}
                />
              </td>
              <td>
                <Link to={`/admin/users/${encodeURIComponent(u.id)}`} className="strong">
                  {u.username}
                </Link>
                {u.displayName ? (
                  <div className="small" data-testid="user-row-display-name">
                    {u.displayName}
                  </div>
                ) : null}
                <div className="muted small">{u.email ?? "no email"}</div>
              </td>
              <td data-testid="user-row-status">
                {u.isActive ? <span className="muted small">Active</span> : null}
                <UserBadges user={u} />
              </td>
              <td data-testid="user-groups">
                {u.groups.length ? (
                  <span className="group-tags">
                    {u.groups.map((g) => (
                      <span key={g.id} className="group-tag">
                        {g.name}
                      </span>
                    ))}
                  </span>
                ) : (
                  <span className="muted small">—</span>
                )}
              </td>
              <td className="hide-narrow small" data-testid="user-methods">
                {u.isServiceAccount ? (
                  <span className="muted">None (service account)</span>
                ) : (
                  signInMethods(u).join(", ") || <span className="muted">None</span>
                )}
              </td>
              <td className="hide-narrow small">{formatDate(u.createdAt)}</td>
              <td className="hide-narrow small">{formatDate(u.lastLoginAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

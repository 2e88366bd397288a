import { Field, InputField } from "../../../ui/Field";
import type { Filters, TriState } from "../hooks/useUserList";

const FIELDS: { key: keyof Filters; label: string; yes: string; no: string }[] = [
  { key: "active", label: "Status", yes: "Active", no: "Inactive (pending)" },
  { key: "superuser", label: "Role", yes: "Superusers", no: "Regular users" },
  { key: "verified", label: "Email", yes: "Verified", no: "Unverified" },
];

export function UserFilters({
  search,
  onSearch,
  filters,
  onFilters,
  groups,
  groupId,
  onGroup,
}: {
  search: string;
  onSearch(v: string): void;
  filters: Filters;
  onFilters(f: Filters): void;
  groups: { id: string; name: string }[];
  groupId: string;
  onGroup(id: string): void;
}) {
  return (
    <div className="filters">
      <InputField
        id="user-search"
        label="Search"
        fieldClassName="grow"
        type="search"
        placeholder="Username or email"
        value={search}
        onChange={(e) => onSearch(e.target.value)}
      />
      {FIELDS.map((f) => (
        <Field id={`filter-${f.key}`} label={f.label} key={f.key}>
          {(control) => (
            <select
              {...control}
              value={filters[f.key]}
              onChange={(e) => onFilters({ ...filters, [f.key]: e.target.value as TriState })}
            >
              <option value="any">All</option>
              <option value="yes">{f.yes}</option>
              <option value="no">{f.no}</option>
            </select>
          )}
        </Field>
      ))}
      <Field id="filter-group" label="Group">
        {(control) => (
          <select {...control} value={groupId} onChange={(e) => onGroup(e.target.value)}>
            <option value="">All</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}

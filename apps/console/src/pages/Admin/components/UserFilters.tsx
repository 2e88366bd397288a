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
}: {
  search: string;
  onSearch(v: string): void;
  filters: Filters;
  onFilters(f: Filters): void;
}) {
  return (
    <div className="filters">
      <div className="field grow">
        <label htmlFor="user-search">Search</label>
        <input
          id="user-search"
          type="search"
          placeholder="Username or email"
          value={search}
          onChange={(e) => onSearch(e.target.value)}
        />
      </div>
      {FIELDS.map((f) => (
        <div className="field" key={f.key}>
          <label htmlFor={`filter-${f.key}`}>{f.label}</label>
          <select
            id={`filter-${f.key}`}
            value={filters[f.key]}
            onChange={(e) => onFilters({ ...filters, [f.key]: e.target.value as TriState })}
          >
            <option value="any">All</option>
            <option value="yes">{f.yes}</option>
            <option value="no">{f.no}</option>
          </select>
        </div>
      ))}
    </div>
  );
}

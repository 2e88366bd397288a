import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { GroupsQuery } from "../../graphql/Groups";
import { navigate } from "../../lib/router";
import { useSession } from "../../lib/session";
import { Pager } from "../../ui/Pager";
import { Alert, Empty, ErrorBox, Loading } from "../../ui/States";
import { BulkActions } from "./components/BulkActions";
import { BulkResults } from "./components/BulkResults";
import { LoginUrlPanel } from "./components/LoginUrlPanel";
import { NewServiceAccountDialog } from "./components/NewServiceAccountDialog";
import { NewUserDialog } from "./components/NewUserDialog";
import { SelectAllMatching } from "./components/SelectAllMatching";
import { UserFilters } from "./components/UserFilters";
import { UserTable } from "./components/UserTable";
import { type GroupRef, useBulkActions } from "./hooks/useBulkActions";
import { useSelection } from "./hooks/useSelection";
import { PAGE_SIZE, useUserList } from "./hooks/useUserList";

/** /admin: find users, act on several at once, create new ones. */
export default function AdminPage() {
  const { info } = useSession();
  const list = useUserList();
  const selection = useSelection({
    search: list.term || null,
    filter: list.filter,
    groupId: list.groupId || null,
  });
  const [dialogOpen, setDialogOpen] = useState(false);
  const [serviceDialogOpen, setServiceDialogOpen] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const groupList = useQuery(GroupsQuery, { fetchPolicy: "cache-and-network" });
  const groups = groupList.data?.groups ?? [];
  const bulk = useBulkActions(() => {
    void list.query.refetch();
    void groupList.refetch();
  });

  const { users, query } = list;
  const { selected } = selection;
  const selectedCount = selection.allMatching
    ? list.totalCount
    : users.filter((u) => selected.has(u.id)).length;
  const pageAllSelected = users.length > 0 && users.every((u) => selected.has(u.id));
  const pending = list.filters.active === "no";

  /** A success message belongs to the action it reports: the next action clears it. */
  function startAction() {
    setCreated(null);
    bulk.dismissResults();
    bulk.setError(null);
  }

  async function runBulk(action: Parameters<typeof bulk.run>[0], group?: GroupRef) {
    startAction();
    const targets = await bulk.guard(() => selection.resolve(users));
    if (!targets) return;
    await bulk.run(action, targets, group);
    // Acting on everything matching changes what matches: choose again from the new list.
    if (selection.allMatching) selection.clear();
  }

  const first = (list.pages.page - 1) * PAGE_SIZE + 1;
  return (
    <section aria-labelledby="admin-title">
      <div className="page-head">
        <h1 id="admin-title">Users</h1>
        <div className="row">
          <button
            type="button"
            className="btn"
            onClick={() => {
              startAction();
              setServiceDialogOpen(true);
            }}
          >
            New service account
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              startAction();
              setDialogOpen(true);
            }}
          >
            New User
          </button>
        </div>
      </div>

      <LoginUrlPanel items={bulk.loginUrls} onDismiss={bulk.dismissLoginUrl} />
      {created ? (
        <Alert kind="success">
          <span data-testid="user-created">{created}</span>{" "}
          <button type="button" className="btn-link" onClick={() => setCreated(null)}>
            Dismiss
          </button>
        </Alert>
      ) : null}
      <BulkResults
        action={bulk.lastAction}
        results={bulk.results}
        onDismiss={bulk.dismissResults}
      />

      <div className="card">
        <UserFilters
          search={list.search}
          onSearch={list.setSearch}
          filters={list.filters}
          onFilters={list.setFilters}
          groups={groups}
          groupId={list.groupId}
          onGroup={list.setGroupId}
        />
        <div className="toolbar">
          <BulkActions
            count={selectedCount}
            running={bulk.running}
            groups={groups}
            onRun={(action, group) => void runBulk(action, group)}
          />
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={pending}
            onClick={() => list.setFilters({ ...list.filters, active: pending ? "any" : "no" })}
          >
            Show pending accounts
          </button>
        </div>
        {bulk.error ? <Alert kind="error">{bulk.error}</Alert> : null}
        {pageAllSelected || selection.allMatching ? (
          <SelectAllMatching
            pageCount={users.length}
            totalCount={list.totalCount}
            allMatching={selection.allMatching}
            onSelectAll={selection.selectAllMatching}
            onClear={selection.clear}
          />
        ) : null}

        {query.error && !query.data ? (
          <ErrorBox error={query.error} onRetry={() => void query.refetch()} />
        ) : !query.data ? (
          <Loading label="Loading users…" />
        ) : users.length === 0 ? (
          <Empty>
            {list.search.trim() ||
            list.groupId ||
            Object.values(list.filters).some((v) => v !== "any")
              ? "No users match this search."
              : "No users yet. Create one with New User."}
          </Empty>
        ) : (
          <UserTable
            users={users}
            selected={selected}
            onToggle={selection.toggle}
            onToggleAll={(all) =>
              selection.setMany(
                users.map((u) => u.id),
                all,
              )
            }
          />
        )}

        <Pager
          pages={list.pages}
          endCursor={list.endCursor}
          hasNext={list.hasNext}
          live
          testId="user-count"
        >
          {query.data
            ? list.totalCount === 0
              ? "0 users"
              : `${first}–${first + users.length - 1} of ${list.totalCount} user${list.totalCount === 1 ? "" : "s"}`
            : ""}
          {query.loading && query.data ? " · updating…" : ""}
        </Pager>
      </div>

      <NewServiceAccountDialog
        open={serviceDialogOpen}
        onClose={() => setServiceDialogOpen(false)}
        // Its page is where its keys are made.
        onCreated={(id) => navigate(`/admin/users/${id}`)}
      />
      <NewUserDialog
        open={dialogOpen}
        defaultActive={info.newUserIsActive}
        onClose={() => {
          setDialogOpen(false);
          // Closed while showing a new user's login URL: that user exists now.
          void query.refetch();
        }}
        onCreated={(_name, message) => {
          setDialogOpen(false);
          setCreated(message);
          void query.refetch();
        }}
      />
    </section>
  );
}

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
import { UserFilters } from "./components/UserFilters";
import { UserTable } from "./components/UserTable";
import { useBulkActions } from "./hooks/useBulkActions";
import { PAGE_SIZE, useUserList } from "./hooks/useUserList";

/** /admin: find users, act on several at once, create new ones. */
export default function AdminPage() {
  const { info } = useSession();
  const list = useUserList();
  const [selected, setSelected] = useState<Set<string>>(new Set());
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
  const selectedUsers = users.filter((u) => selected.has(u.id));

  function toggle(id: string) {
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  const first = (list.pages.page - 1) * PAGE_SIZE + 1;
  return (
    <section aria-labelledby="admin-title">
      <div className="page-head">
        <h1 id="admin-title">Users</h1>
        <div className="row">
          <button type="button" className="btn" onClick={() => setServiceDialogOpen(true)}>
            New service account
          </button>
          <button type="button" className="btn btn-primary" onClick={() => setDialogOpen(true)}>
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
          onFilters={(f) => {
            list.setFilters(f);
            setSelected(new Set());
          }}
          groups={groups}
          groupId={list.groupId}
          onGroup={(id) => {
            list.setGroupId(id);
            setSelected(new Set());
          }}
        />
        <div className="toolbar">
          <BulkActions
            count={selectedUsers.length}
            running={bulk.running}
            groups={groups}
            onRun={(action, group) => void bulk.run(action, selectedUsers, group)}
          />
          <button
            type="button"
            className="btn btn-small"
            onClick={() => list.setFilters({ ...list.filters, active: "no" })}
          >
            Show pending accounts
          </button>
        </div>

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
            onToggle={toggle}
            onToggleAll={(all) =>
              setSelected((s) => {
                const next = new Set(s);
                for (const u of users) {
                  if (all) next.add(u.id);
                  else next.delete(u.id);
                }
                return next;
              })
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

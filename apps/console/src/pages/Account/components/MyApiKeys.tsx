import { useQuery } from "@apollo/client/react";
import { ApiKeyList } from "../../../components/ApiKeyList";
import { NewApiKey } from "../../../components/NewApiKey";
import { MyApiKeysQuery } from "../../../graphql/ApiKeys";
import { ErrorBox, Loading } from "../../../ui/States";

/** My API keys: for scripts and apps acting as me; created here, shown once, revocable. */
export function MyApiKeys() {
  const query = useQuery(MyApiKeysQuery);
  return (
    <section className="card" aria-labelledby="api-keys-title">
      <h2 id="api-keys-title">API keys</h2>
      <p className="muted small">
        A key acts as you for scripts and apps (send it as <code>X-API-Key</code>). It cannot create
        keys or change your password. Revoke any key you no longer use.
      </p>
      {query.error && !query.data ? (
        <ErrorBox error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.data ? (
        <Loading label="Loading API keys…" />
      ) : (
        <ApiKeyList keys={query.data.myApiKeys} onChanged={() => void query.refetch()} />
      )}
      <NewApiKey onCreated={() => void query.refetch()} />
    </section>
  );
}

import { useQuery } from "@apollo/client/react";
import { ApiKeyList } from "../../../components/ApiKeyList";
import { NewApiKey } from "../../../components/NewApiKey";
import { UserApiKeysQuery } from "../../../graphql/ApiKeys";
import { ErrorBox, Loading } from "../../../ui/States";

/** A user's API keys for a superuser: list and revoke; create only for a service account. */
export function UserApiKeys({
  userId,
  isServiceAccount,
}: {
  userId: string;
  isServiceAccount: boolean;
}) {
  const query = useQuery(UserApiKeysQuery, { variables: { userId } });
  return (
    <section className="card" aria-labelledby="user-keys-title">
      <h2 id="user-keys-title">API keys</h2>
      {query.error && !query.data ? (
        <ErrorBox error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.data ? (
        <Loading label="Loading API keys…" />
      ) : (
        <ApiKeyList keys={query.data.apiKeys} onChanged={() => void query.refetch()} />
      )}
      {isServiceAccount ? (
        <NewApiKey userId={userId} onCreated={() => void query.refetch()} />
      ) : (
        <p className="muted small">People create their own keys on My account.</p>
      )}
    </section>
  );
}

import { useQuery } from "@apollo/client/react";
import { useEffect } from "react";
import { ReturnDestinationQuery } from "../../../graphql/ReturnDestination";
import { goAfterSignIn } from "../../../lib/return-to";
import { ErrorBox, Loading } from "../../../ui/States";

/**
 * Already signed in, sent to /login by an app's forward auth: ask the server whether that
 * URL may be returned to, then go there (or to the console when it may not).
 */
export function ReturnToApp({ next }: { next: string }) {
  const { data, error, refetch } = useQuery(ReturnDestinationQuery, {
    variables: { next },
    fetchPolicy: "network-only",
  });
  const destination = data?.returnDestination;
  useEffect(() => {
    if (destination !== undefined) goAfterSignIn(destination, "/");
  }, [destination]);
  if (error) return <ErrorBox error={error} onRetry={() => void refetch()} />;
  return <Loading label="Taking you back…" />;
}

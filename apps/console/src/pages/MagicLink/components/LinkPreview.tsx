import { useQuery } from "@apollo/client/react";
import { ErrorCode } from "@gatehouse/shared";
import { Redirect } from "../../../components/Redirect";
import { MagicLinkPreviewQuery } from "../../../graphql/MagicLinkPreview";
import { apiError } from "../../../lib/errors";
import { formatDate, relative } from "../../../lib/format";
import { ErrorBox, Loading } from "../../../ui/States";

/** Names the account the link signs in; a used or expired link goes back to /login. */
export function LinkPreview({ token }: { token: string }) {
  const { data, error, refetch } = useQuery(MagicLinkPreviewQuery, {
    variables: { token },
    fetchPolicy: "network-only",
  });
  if (error) {
    if (apiError(error)?.code === ErrorCode.INVALID_LINK)
      return <Redirect to="/login?linkInvalid=1" />;
    return <ErrorBox error={error} onRetry={() => void refetch()} />;
  }
  if (!data) return <Loading label="Checking the link…" />;
  const p = data.magicLinkPreview;
  return (
    <div className="card preview" data-testid="link-preview">
      <p className="muted small">You are signing in as</p>
      <p className="preview-name" data-testid="preview-username">
        {p.username}
      </p>
      {p.email ? <p className="muted">{p.email}</p> : null}
      <p className="small muted">
        Link expires {relative(p.expiresAt)} ({formatDate(p.expiresAt)}).
      </p>
    </div>
  );
}

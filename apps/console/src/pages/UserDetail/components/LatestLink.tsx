import type { UserQuery } from "../../../gql/graphql";
import { formatDate } from "../../../lib/format";

type Status = NonNullable<NonNullable<UserQuery["user"]>["latestMagicLink"]>;

const DELIVERY: Record<string, { label: string; badge: string }> = {
  SENT: { label: "Emailed", badge: "badge-success" },
  PENDING: { label: "Waiting to be emailed", badge: "badge-accent" },
  FAILED: { label: "Email failed", badge: "badge-danger" },
  INTERRUPTED: { label: "Sending interrupted", badge: "badge-warning" },
};

/**
 * A link that was not emailed. Only an administrator's link (console or CLI) was shown to
 * someone who could hand it over; one the user asked for on a server without mail was
 * never shown to anybody.
 */
const NOT_EMAILED: Record<string, { label: string; badge: string }> = {
  ADMIN: { label: "Not emailed: shown to an administrator to hand over", badge: "" },
  CLI: { label: "Not emailed: printed on the command line to hand over", badge: "" },
  REQUEST: {
    label: "Not sent: no mail provider, nobody has this link",
    badge: "badge-warning",
  },
};

const ORIGIN: Record<string, string> = {
  REQUEST: "requested by the user",
  ADMIN: "created by an administrator",
  CLI: "created on the command line",
};

/** The newest sign-in link's story (never the link itself). */
export function LatestLink({ link }: { link: Status | null }) {
  if (!link) return <p className="muted">No sign-in link has been issued for this user.</p>;
  const d = (link.delivery === "MANUAL" ? NOT_EMAILED[link.origin] : DELIVERY[link.delivery]) ?? {
    label: link.delivery,
    badge: "",
  };
  const state = link.usedAt
    ? `Used ${formatDate(link.usedAt)}`
    : link.superseded
      ? "Replaced by a newer link"
      : new Date(link.expiresAt).getTime() < Date.now()
        ? `Expired ${formatDate(link.expiresAt)}`
        : `Valid until ${formatDate(link.expiresAt)}`;
  return (
    <dl className="facts" data-testid="latest-link">
      <dt>Delivery</dt>
      <dd>
        <span className={`badge badge-wrap ${d.badge}`} data-testid="link-delivery">
          {d.label}
        </span>
        {link.deliveryAttempts > 1 ? ` after ${link.deliveryAttempts} attempts` : ""}
        {link.deliveryUpdatedAt ? ` · ${formatDate(link.deliveryUpdatedAt)}` : ""}
      </dd>
      {link.deliveryError ? (
        <>
          <dt>Mail error</dt>
          <dd>{link.deliveryError}</dd>
        </>
      ) : null}
      <dt>Issued</dt>
      <dd>
        {formatDate(link.createdAt)}, {ORIGIN[link.origin] ?? link.origin}
      </dd>
      <dt>State</dt>
      <dd>{state}</dd>
    </dl>
  );
}

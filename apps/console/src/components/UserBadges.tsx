import type { UserFieldsFragment } from "../gql/graphql";

/** Inactive and unverified accounts must stand out in every list. */
export function UserBadges({ user }: { user: UserFieldsFragment }) {
  return (
    <span className="badges">
      {user.isActive ? null : <span className="badge badge-danger">Inactive</span>}
      {user.email && !user.emailVerified ? (
        <span className="badge badge-warning">Unverified</span>
      ) : null}
      {user.isSuperuser ? <span className="badge badge-accent">Superuser</span> : null}
      {user.isServiceAccount ? (
        <span className="badge" data-testid="service-account-badge">
          Service account
        </span>
      ) : null}
    </span>
  );
}

const METHOD: Record<string, string> = {
  PASSWORD: "Password",
  MAGIC_LINK: "Magic link",
  GOOGLE: "Google",
};

export function authMethodLabel(m: string): string {
  return METHOD[m] ?? m;
}

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

/**
 * The ways a user can sign in now (not only those used so far): a password, an email
 * link when they have an address, Google when linked. Service accounts have none.
 */
export function signInMethods(user: {
  hasPassword: boolean;
  googleLinked: boolean;
  email?: string | null;
  isServiceAccount: boolean;
}): string[] {
  if (user.isServiceAccount) return [];
  const out: string[] = [];
  if (user.hasPassword) out.push("Password");
  if (user.email) out.push("Email link");
  if (user.googleLinked) out.push("Google");
  return out;
}

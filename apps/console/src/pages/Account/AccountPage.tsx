import { signInMethods, UserBadges } from "../../components/UserBadges";
import { formatDate } from "../../lib/format";
import { useSession } from "../../lib/session";
import { ChangeEmail } from "./components/ChangeEmail";
import { ChangePassword } from "./components/ChangePassword";
import { DisplayName } from "./components/DisplayName";
import { MyApiKeys } from "./components/MyApiKeys";
import { MySessions } from "./components/MySessions";
import { SignInMethods } from "./components/SignInMethods";
import { Variables } from "./components/Variables";

/**
 * /account: who I am (and the name apps show for me), how I sign in (password, email link, Google), where I am signed in,
 * my API keys and my encrypted variables.
 */
export default function AccountPage() {
  const { me } = useSession();
  if (!me) return null;
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">My account</h1>
      <div className="card">
        <h2 className="sr-only">Profile</h2>
        <dl className="facts" data-testid="my-profile">
          <dt>Username</dt>
          <dd data-testid="my-username">
            {me.username} <UserBadges user={me} />
          </dd>
          <dt>Display name</dt>
          <dd data-testid="my-display-name-shown">{me.displayName ?? "—"}</dd>
          <dt>Email</dt>
          <dd>
            {me.email ?? "—"}
            {me.email ? (me.emailVerified ? " (verified)" : " (not verified yet)") : ""}
          </dd>
          <dt>Role</dt>
          <dd>{me.isSuperuser ? "Superuser" : "User"}</dd>
          <dt>Sign-in methods</dt>
          <dd data-testid="my-methods">{signInMethods(me).join(", ") || "—"}</dd>
          <dt>Member since</dt>
          <dd>{formatDate(me.createdAt)}</dd>
          <dt>Last sign-in</dt>
          <dd>{formatDate(me.lastLoginAt)}</dd>
        </dl>
        <p className="muted small">Only an administrator can change your username.</p>
        <DisplayName />
      </div>
      <SignInMethods />
      <ChangePassword />
      <ChangeEmail />
      <MySessions />
      <MyApiKeys />
      <Variables />
    </section>
  );
}

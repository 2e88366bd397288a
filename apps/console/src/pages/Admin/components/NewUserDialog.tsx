import { useMutation } from "@apollo/client/react";
import {
  checkEmail,
  checkPassword,
  checkUsername,
  Limits,
  normalizeEmail,
  normalizeUsername,
} from "@gatehouse/shared";
import { type FormEvent, useState } from "react";
import { useFreshSignIn } from "../../../components/Reauth";
import { CreateUserMutation } from "../../../graphql/CreateUser";
import { InviteUserMutation } from "../../../graphql/InviteUser";
import { useAction } from "../../../hooks/useAction";
import { useSession } from "../../../lib/session";
import { Checkbox } from "../../../ui/Checkbox";
import { Dialog } from "../../../ui/Dialog";
import { InputField } from "../../../ui/Field";
import { Alert } from "../../../ui/States";
import { InviteLink, type IssuedLink } from "./InviteLink";

interface Errors {
  username?: string;
  password?: string;
  email?: string;
}

/** "password": createUser. "link": inviteUser, no password; they sign in by link or Google. */
type Way = "password" | "link";
/** How a user without a password gets their first link. */
type Submit = "save" | "url" | "send";

/** New User: checked with the shared rules before submit, and by the server after. */
export function NewUserDialog({
  open,
  defaultActive,
  onClose,
  onCreated,
}: {
  open: boolean;
  defaultActive: boolean;
  onClose(): void;
  /** `message` says what happened (created; invitation emailed or not). */
  onCreated(username: string, message: string): void;
}) {
  return (
    <Dialog open={open} title="New User" onClose={onClose}>
      <NewUserForm defaultActive={defaultActive} onClose={onClose} onCreated={onCreated} />
    </Dialog>
  );
}

function NewUserForm({
  defaultActive,
  onClose,
  onCreated,
}: {
  defaultActive: boolean;
  onClose(): void;
  onCreated(username: string, message: string): void;
}) {
  const { info } = useSession();
  const mailOn = info.magicLinkDelivery === "EMAIL";
  const [way, setWay] = useState<Way>("password");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [email, setEmail] = useState("");
  const [isActive, setActive] = useState(defaultActive);
  const [isSuperuser, setSuperuser] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [issued, setIssued] = useState<{ username: string; link: IssuedLink } | null>(null);
  const [create] = useMutation(CreateUserMutation);
  const [invite] = useMutation(InviteUserMutation);
  const action = useAction();
  const withFreshSignIn = useFreshSignIn();

  if (issued)
    return (
      <InviteLink
        username={issued.username}
        link={issued.link}
        onDone={() => onCreated(issued.username, `User ${issued.username} was created.`)}
      />
    );

  async function submit(e: FormEvent, how: Submit) {
    e.preventDefault();
    action.setError(null);
    const byLink = how !== "save";
    const next: Errors = {
      username: checkUsername(username) ?? undefined,
      password: byLink
        ? undefined
        : (checkPassword(password, { superuser: isSuperuser }) ?? undefined),
      // A link goes to an email address: required then, optional with a password.
      email: email.trim() || byLink ? (checkEmail(email) ?? undefined) : undefined,
    };
    setErrors(next);
    if (next.username || next.password || next.email) {
      const first = next.username ? "nu-username" : next.password ? "nu-password" : "nu-email";
      document.getElementById(first)?.focus();
      return;
    }
    const name = normalizeUsername(username);
    const common = { username: name, isActive, isSuperuser };
    if (!byLink) {
      const input = {
        ...common,
        password,
        email: email.trim() ? normalizeEmail(email) : null,
      };
      // Making a superuser may ask for the password again first.
      if (await action.run(() => withFreshSignIn(() => create({ variables: { input } }))))
        onCreated(name, `User ${name} was created.`);
      return;
    }
    const to = normalizeEmail(email);
    let out: { emailed: boolean; loginUrl?: IssuedLink | null } | undefined;
    const ok = await action.run(async () => {
      const r = await withFreshSignIn(() =>
        invite({
          variables: { input: { ...common, email: to }, sendEmail: how === "send" },
        }),
      );
      out = r.data?.inviteUser;
    });
    if (!ok || !out) return;
    if (out.loginUrl) setIssued({ username: name, link: out.loginUrl });
    else
      onCreated(
        name,
        out.emailed
          ? `User ${name} was created and an invitation was emailed to ${to}.`
          : `User ${name} was created, but the invitation email could not be sent. Open their page and use Get email login URL to hand them a link.`,
      );
  }

  return (
    <form onSubmit={(e) => submit(e, way === "password" ? "save" : "url")} noValidate>
      {action.error ? (
        <Alert kind="error">
          <span data-testid="new-user-error">{action.error}</span>
        </Alert>
      ) : null}
      <InputField
        id="nu-username"
        label="Username"
        error={errors.username}
        type="text"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={Limits.usernameMax}
        value={username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <fieldset className="field">
        <legend>How they sign in</legend>
        <WayChoice value="password" way={way} onChange={setWay} label="With a password" />
        <WayChoice
          value="link"
          way={way}
          onChange={setWay}
          label="By email link or Google (no password)"
        />
      </fieldset>
      {way === "password" ? (
        <InputField
          id="nu-password"
          label="Password"
          error={errors.password}
          hint={
            <>
              At least {Limits.passwordMin} characters ({Limits.superuserPasswordMin} for a
              superuser); common and easily guessed passwords are refused.
            </>
          }
          type="password"
          autoComplete="new-password"
          maxLength={Limits.passwordMax}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      ) : null}
      <InputField
        id="nu-email"
        label={
          way === "password" ? (
            <>
              Email <span className="muted">(optional)</span>
            </>
          ) : (
            "Email"
          )
        }
        error={errors.email}
        hint={
          way === "password"
            ? "Needed for magic-link sign-in."
            : "Their sign-in link is for this address; they can set a password or link Google later."
        }
        type="email"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={Limits.emailMax}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <Checkbox
        id="nu-active"
        label="Active (can sign in)"
        checked={isActive}
        onChange={setActive}
      />
      <Checkbox
        id="nu-superuser"
        label="Superuser (can administer Gatehouse)"
        checked={isSuperuser}
        onChange={setSuperuser}
      />
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        {way === "password" ? (
          <button type="submit" className="btn btn-primary" disabled={action.busy}>
            {action.busy ? "Saving…" : "Save"}
          </button>
        ) : (
          <>
            <button
              type="submit"
              className={mailOn ? "btn" : "btn btn-primary"}
              disabled={action.busy}
            >
              Create and get login URL
            </button>
            {mailOn ? (
              <button
                type="button"
                className="btn btn-primary"
                disabled={action.busy}
                onClick={(e) => void submit(e, "send")}
              >
                Create and send invitation
              </button>
            ) : null}
          </>
        )}
      </div>
      {way === "link" && !mailOn ? (
        <p className="small muted" data-testid="no-mail-note">
          This server does not send email (no RESEND_API_KEY): you get the login URL to send them
          yourself.
        </p>
      ) : null}
    </form>
  );
}

function WayChoice({
  value,
  way,
  label,
  onChange,
}: {
  value: Way;
  way: Way;
  label: string;
  onChange(way: Way): void;
}) {
  return (
    <div className="check">
      <input
        id={`nu-way-${value}`}
        type="radio"
        name="nu-way"
        value={value}
        checked={way === value}
        onChange={() => onChange(value)}
      />
      <label htmlFor={`nu-way-${value}`}>{label}</label>
    </div>
  );
}

import { ErrorCode } from "@gatehouse/shared";
import type { Config } from "../../config/config.js";
import { AppError } from "../../errors.js";
import type { AuditService } from "../audit/audit.service.js";
import type { IssuedLink, MagicLinkService } from "../magic-links/magic-link.service.js";
import {
  MagicLinkAudit,
  type MagicLinkRequestService,
} from "../magic-links/magic-link-requests.service.js";
import type { Mailer } from "../mail/mail.types.js";
import type { UserEntity } from "../users/user.entity.js";
import type { Actor, NewUser, UserService } from "../users/user.service.js";
import { invitationMessage } from "./account-mail.js";

export interface InvitationDeps {
  config: Config;
  users: UserService;
  links: MagicLinkService;
  linkRequests: MagicLinkRequestService;
  audit: AuditService;
  mailer: Mailer | null;
}

export interface Invitation {
  user: UserEntity;
  /** The link, when the admin hands it over; null when it was mailed. */
  link: IssuedLink | null;
  emailed: boolean;
}

const needsEmail = () =>
  new AppError(
    ErrorCode.BAD_USER_INPUT,
    "A user who signs in by link needs an email address: add one, or give a password instead.",
    { field: "email" },
  );

/** New users who sign in by link: created and handed (or mailed) their first link in one step. */
export class InvitationService {
  constructor(private readonly d: InvitationDeps) {}

  async invite(
    input: NewUser,
    actor: Actor & { userId: string },
    send: boolean,
  ): Promise<Invitation> {
    if (!input.email?.trim()) throw needsEmail();
    if (input.isSuperuser && !this.d.config.allowAdminLinksForSuperusers) {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        "Sign-in links for other superusers are turned off (GATEHOUSE_ALLOW_ADMIN_LINKS_FOR_SUPERUSERS): give a superuser a password instead.",
      );
    }
    if (send && !this.d.mailer) {
      throw new AppError(
        ErrorCode.FEATURE_DISABLED,
        "This server does not send email (no RESEND_API_KEY): create the user and hand over the login URL instead.",
      );
    }
    const user = await this.d.users.create(input, actor);
    const email = user.email as string;
    if (!send || !this.d.mailer) {
      const { link } = await this.d.linkRequests.issueForAdmin(user.id, actor, actor.ip ?? null);
      return { user, link, emailed: false };
    }
    const link = await this.d.links.issue(user.id, {
      origin: "admin",
      actorId: actor.userId,
      delivery: "pending",
    });
    await this.d.audit.record({
      action: MagicLinkAudit.ADMIN_ISSUED,
      actorId: actor.userId,
      targetId: user.id,
      ip: actor.ip,
      detail: "invitation emailed through Resend",
    });
    const message = invitationMessage({
      appName: this.d.config.appName,
      to: email,
      username: user.username,
      url: link.url,
      ttlMs: this.d.config.magicLinkTtlMs,
      idempotencyKey: `invitation-${link.id}`,
    });
    // Waits for the provider: the admin is told whether the invitation went out.
    await this.d.linkRequests.deliver(this.d.mailer, { id: user.id, email }, link, message);
    const status = await this.d.links.latestFor(user.id);
    return { user, link: null, emailed: status?.delivery === "sent" };
  }
}

import type { DataSource } from "typeorm";
import type { Clock } from "../../clock.js";
import type { Config } from "../../config/config.js";
import type { AuditService } from "../audit/audit.service.js";
import type { MagicLinkService } from "../magic-links/magic-link.service.js";
import type { MagicLinkRequestService } from "../magic-links/magic-link-requests.service.js";
import type { BackgroundTasks } from "../mail/background.js";
import type { Mailer } from "../mail/mail.types.js";
import type { PasswordChangeService } from "../passwords/password-change.service.js";
import type { RateLimitService } from "../rate-limits/rate-limit.service.js";
import type { SignInThrottle } from "../rate-limits/sign-in-throttle.js";
import type { SessionService } from "../sessions/session.service.js";
import type { UserService } from "../users/user.service.js";
import { UserAdminService } from "../users/user-admin.service.js";
import { EmailChangeService } from "./email-change.service.js";
import { InvitationService } from "./invitation.service.js";
import { PasswordResetService } from "./password-reset.service.js";

/** The account lifecycle (issue 16): edit, delete, reset, invite, change email. */
export interface AccountServices {
  userAdmin: UserAdminService;
  emailChanges: EmailChangeService;
  passwordResets: PasswordResetService;
  invitations: InvitationService;
}

export interface AccountDeps {
  dataSource: DataSource;
  config: Config;
  clock: Clock;
  audit: AuditService;
  rateLimits: RateLimitService;
  signInThrottle: SignInThrottle;
  sessions: SessionService;
  users: UserService;
  background: BackgroundTasks;
  mailer: Mailer | null;
  magicLinks: MagicLinkService;
  magicLinkRequests: MagicLinkRequestService;
  passwordChange: PasswordChangeService;
}

export function buildAccounts(d: AccountDeps): AccountServices {
  const links = { links: d.magicLinks, linkRequests: d.magicLinkRequests };
  return {
    userAdmin: new UserAdminService(d.dataSource, d.config, d.clock, d.signInThrottle, d.audit),
    emailChanges: new EmailChangeService(d),
    passwordResets: new PasswordResetService({ ...d, ...links }),
    invitations: new InvitationService({ ...d, ...links }),
  };
}

// Every entity and migration, in one place. A feature adds its own lines here.
import { AuditEventEntity } from "../features/audit/audit.entity.js";
import { RateLimitEntity } from "../features/rate-limits/rate-limit.entity.js";
import { SessionEntity } from "../features/sessions/session.entity.js";
import { UserEntity } from "../features/users/user.entity.js";
import { Users1763860000000 } from "./migrations/1763860000000-users.js";
import { Accounts1795401873865 } from "./migrations/1795401873865-accounts.js";

export const entities = [UserEntity, SessionEntity, AuditEventEntity, RateLimitEntity];

/** In order. Names carry a timestamp; never edit one that has shipped, add another. */
export const migrations = [Users1763860000000, Accounts1795401873865];

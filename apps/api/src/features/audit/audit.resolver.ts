import { Role } from "@gatehouse/shared";
import { Arg, Authorized, ID, Int, Query, Resolver } from "type-graphql";
import { toConnection } from "../../graphql/connection.type.js";
import type { Services } from "../../services.js";
import { AuditEventConnectionType, AuditEventType } from "./audit.type.js";

@Authorized(Role.SUPERUSER)
@Resolver(() => AuditEventType)
export class AuditResolver {
  constructor(private readonly services: Services) {}

  @Query(() => AuditEventConnectionType, { description: "Superuser only. Newest first." })
  async auditLog(
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("action", () => String, {
      nullable: true,
      description: "Only events with exactly this action, e.g. session.sign_in_failed.",
    })
    action: string | null,
    @Arg("targetId", () => ID, { nullable: true, description: "Only events about this id." })
    targetId: string | null,
  ): Promise<AuditEventConnectionType> {
    const page = await this.services.audit.list({ first, after, action, targetId });
    return toConnection(page.events, page.hasNextPage, page.cursorOf, (e) => ({
      id: String(e.id),
      at: e.at,
      action: e.action,
      actorId: e.actorId,
      targetId: e.targetId,
      ipAddress: e.ipAddress,
      detail: e.detail,
    }));
  }
}

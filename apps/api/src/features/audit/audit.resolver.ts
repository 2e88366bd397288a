import { Role } from "@gatehouse/shared";
import { Arg, Authorized, ID, Int, Query, Resolver } from "type-graphql";
import { toConnection } from "../../graphql/connection.type.js";
import type { Services } from "../../services.js";
import { AuditEventConnectionType, AuditEventType } from "./audit.type.js";

@Authorized(Role.SUPERUSER)
@Resolver(() => AuditEventType)
export class AuditResolver {
  constructor(private readonly services: Services) {}

  @Query(() => AuditEventConnectionType, {
    description:
      "Superuser only. Newest first. The same filters export as CSV: GET /api/audit.csv?actionContains=&user=&since=&until=.",
  })
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
    @Arg("actionContains", () => String, {
      nullable: true,
      description: "Only events whose action contains this text, any case (e.g. sign_in).",
    })
    actionContains: string | null,
    @Arg("user", () => String, {
      nullable: true,
      description:
        "A username (any case) or user id: only events where that user acted or was the target.",
    })
    user: string | null,
    @Arg("since", () => Date, { nullable: true, description: "Only events at or after this." })
    since: Date | null,
    @Arg("until", () => Date, { nullable: true, description: "Only events before this." })
    until: Date | null,
  ): Promise<AuditEventConnectionType> {
    const page = await this.services.audit.list({
      first,
      after,
      action,
      targetId,
      actionContains,
      user,
      since,
      until,
    });
    const live = (id: string | null) => id !== null && page.liveUserIds.has(id.toLowerCase());
    return toConnection(page.events, page.hasNextPage, page.cursorOf, (e) => ({
      id: String(e.id),
      at: e.at,
      action: e.action,
      actorId: e.actorId,
      actorUsername: e.actorUsername,
      actorUserExists: live(e.actorId),
      targetId: e.targetId,
      targetUsername: e.targetUsername,
      targetUserExists: live(e.targetId),
      ipAddress: e.ipAddress,
      detail: e.detail,
    }));
  }
}

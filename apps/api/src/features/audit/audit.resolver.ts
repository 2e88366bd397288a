import { Role } from "@gatehouse/shared";
import { Arg, Authorized, ID, Int, Query, Resolver } from "type-graphql";
import { badInput } from "../../errors.js";
import type { Services } from "../../services.js";
import { pageSize } from "../users/user-list.js";
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
    // Cursors are the (numeric) event id; anything else is a client mistake.
    if (after && !/^\d{1,19}$/.test(after)) throw badInput("That cursor is not valid.", "after");
    const page = await this.services.audit.list({
      first: pageSize(first),
      after,
      action,
      targetId,
    });
    const edges = page.events.map((e) => ({
      cursor: String(e.id),
      node: {
        id: String(e.id),
        at: e.at,
        action: e.action,
        actorId: e.actorId,
        targetId: e.targetId,
        ipAddress: e.ipAddress,
        detail: e.detail,
      },
    }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }
}

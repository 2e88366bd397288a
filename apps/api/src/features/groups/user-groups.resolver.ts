import { ErrorCode } from "@gatehouse/shared";
import { Authorized, FieldResolver, Resolver, Root } from "type-graphql";
import { AppError } from "../../errors.js";
import { CurrentRequest, CurrentViewer } from "../../graphql/decorators.js";
import type { RequestInfo, Viewer } from "../../http/request.js";
import type { Services } from "../../services.js";
import { UserType } from "../users/user.type.js";
import type { GroupView } from "./group.service.js";
import { GroupType, toGroupType } from "./group.type.js";
import { perRequest, RequestBatch } from "./request-batch.js";

/** User.groups: a superuser sees anyone's, a user their own (through `me`). */
@Authorized()
@Resolver(() => UserType)
export class UserGroupsResolver {
  private readonly batchOf = perRequest<RequestInfo, RequestBatch<string, GroupView[]>>(
    () => new RequestBatch((ids) => this.services.groups.groupsForUsers(ids), []),
  );

  constructor(private readonly services: Services) {}

  @FieldResolver(() => [GroupType], { description: "By name. Superusers, or the user themself." })
  async groups(
    @Root() user: UserType,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<GroupType[]> {
    if (!viewer.isSuperuser && viewer.userId !== user.id) {
      throw new AppError(ErrorCode.FORBIDDEN, "Only superusers can see other users' groups.");
    }
    return (await this.batchOf(request).load(user.id)).map(toGroupType);
  }
}

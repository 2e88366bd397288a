import { Role } from "@gatehouse/shared";
import { Arg, Authorized, ID, Mutation, Query, Resolver } from "type-graphql";
import { CurrentRequest, CurrentViewer } from "../../graphql/decorators.js";
import type { RequestInfo, Viewer } from "../../http/request.js";
import type { Services } from "../../services.js";
import { CreateGroupInput, UpdateGroupInput } from "./group.input.js";
import { GroupType, toGroupType } from "./group.type.js";

const actorOf = (viewer: Viewer, request: RequestInfo) => ({
  userId: viewer.userId,
  ip: request.ip,
});

/** Group administration: superusers only. */
@Authorized(Role.SUPERUSER)
@Resolver(() => GroupType)
export class GroupResolver {
  constructor(private readonly services: Services) {}

  @Query(() => [GroupType], { description: "Superuser only. Every group, by name." })
  async groups(): Promise<GroupType[]> {
    return (await this.services.groups.list()).map(toGroupType);
  }

  @Query(() => GroupType, { nullable: true, description: "Superuser only." })
  async group(@Arg("id", () => ID) id: string): Promise<GroupType | null> {
    const g = await this.services.groups.get(id);
    return g ? toGroupType(g) : null;
  }

  @Mutation(() => GroupType, {
    description: "Superuser only. GROUP_NAME_TAKEN when the name is used (regardless of case).",
  })
  async createGroup(
    @Arg("input", () => CreateGroupInput) input: CreateGroupInput,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<GroupType> {
    return toGroupType(await this.services.groups.create(input, actorOf(viewer, request)));
  }

  @Mutation(() => GroupType, { description: "Superuser only. Renames and/or re-describes." })
  async updateGroup(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateGroupInput) input: UpdateGroupInput,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<GroupType> {
    return toGroupType(await this.services.groups.update(id, input, actorOf(viewer, request)));
  }

  @Mutation(() => Boolean, {
    description: "Superuser only. Members leave with it; false when there was no such group.",
  })
  deleteGroup(
    @Arg("id", () => ID) id: string,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<boolean> {
    return this.services.groups.delete(id, actorOf(viewer, request));
  }

  @Mutation(() => GroupType, {
    description:
      "Superuser only. Users already in the group stay; any unknown user id fails the whole call.",
  })
  async addGroupMembers(
    @Arg("groupId", () => ID) groupId: string,
    @Arg("userIds", () => [ID]) userIds: string[],
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<GroupType> {
    return toGroupType(
      await this.services.groups.addMembers(groupId, userIds, actorOf(viewer, request)),
    );
  }

  @Mutation(() => GroupType, {
    description:
      "Superuser only. Non-members are skipped; any unknown user id fails the whole call.",
  })
  async removeGroupMembers(
    @Arg("groupId", () => ID) groupId: string,
    @Arg("userIds", () => [ID]) userIds: string[],
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<GroupType> {
    return toGroupType(
      await this.services.groups.removeMembers(groupId, userIds, actorOf(viewer, request)),
    );
  }
}

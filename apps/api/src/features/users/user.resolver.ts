import { Role } from "@gatehouse/shared";
import { Arg, Authorized, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { toConnection } from "../../graphql/connection.type.js";
import { CurrentRequest, CurrentViewer } from "../../graphql/decorators.js";
import type { RequestInfo, Viewer } from "../../http/request.js";
import type { Services } from "../../services.js";
import { requireFreshSignIn } from "../sessions/fresh-sign-in.js";
import { CreateUserInput, UserFilter } from "./user.input.js";
import { toUserType, UserType } from "./user.type.js";
import { UserConnectionType } from "./user-connection.type.js";

const actorOf = (viewer: Viewer, request: RequestInfo) => ({
  userId: viewer.userId,
  ip: request.ip,
});

/** User administration: superusers only. */
@Authorized(Role.SUPERUSER)
@Resolver(() => UserType)
export class UserResolver {
  constructor(private readonly services: Services) {}

  @Query(() => UserConnectionType, {
    description:
      "Superuser only. search matches username or email, case-insensitively, by substring.",
  })
  async users(
    @Arg("search", () => String, { nullable: true }) search: string | null,
    @Arg("filter", () => UserFilter, { nullable: true }) filter: UserFilter | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("groupId", () => ID, { nullable: true, description: "Only members of this group." })
    groupId: string | null,
  ): Promise<UserConnectionType> {
    const page = await this.services.users.list({
      search,
      groupId,
      first,
      after,
      isActive: filter?.isActive,
      isSuperuser: filter?.isSuperuser,
      emailVerified: filter?.emailVerified,
    });
    return {
      ...toConnection(page.users, page.hasNextPage, page.cursorOf, toUserType),
      totalCount: page.totalCount,
    };
  }

  @Query(() => [UserType], {
    description:
      "Superuser only. Every user the users query lists for the same search, filter and groupId (all pages, same order), for acting on all of them at once. More than 500 is BAD_USER_INPUT.",
  })
  async matchingUsers(
    @Arg("search", () => String, { nullable: true }) search: string | null,
    @Arg("filter", () => UserFilter, { nullable: true }) filter: UserFilter | null,
    @Arg("groupId", () => ID, { nullable: true }) groupId: string | null,
  ): Promise<UserType[]> {
    const users = await this.services.users.matching({
      search,
      groupId,
      isActive: filter?.isActive,
      isSuperuser: filter?.isSuperuser,
      emailVerified: filter?.emailVerified,
    });
    return users.map(toUserType);
  }

  @Query(() => UserType, { nullable: true, description: "Superuser only." })
  async user(@Arg("id", () => ID) id: string): Promise<UserType | null> {
    const u = await this.services.users.findById(id);
    return u ? toUserType(u) : null;
  }

  @Mutation(() => UserType, { description: "Superuser only." })
  async createUser(
    @Arg("input", () => CreateUserInput) input: CreateUserInput,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<UserType> {
    if (input.isSuperuser) this.requireFresh(viewer);
    const user = await this.services.users.create(
      {
        username: input.username,
        password: input.password ?? null,
        email: input.email ?? null,
        isActive: input.isActive ?? this.services.config.newUserIsActive,
        isSuperuser: input.isSuperuser ?? false,
      },
      actorOf(viewer, request),
    );
    return toUserType(user);
  }

  @Mutation(() => UserType, {
    description: "Superuser only. Deactivating a user ends all of their sessions at once.",
  })
  async setActive(
    @Arg("userId", () => ID) userId: string,
    @Arg("active", () => Boolean) active: boolean,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<UserType> {
    return toUserType(
      await this.services.users.setActive(actorOf(viewer, request), userId, active),
    );
  }

  @Mutation(() => UserType, {
    description: "Superuser only. The last active superuser cannot lose the flag.",
  })
  async setSuperuser(
    @Arg("userId", () => ID) userId: string,
    @Arg("superuser", () => Boolean) superuser: boolean,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<UserType> {
    if (superuser) this.requireFresh(viewer);
    return toUserType(
      await this.services.users.setSuperuser(actorOf(viewer, request), userId, superuser),
    );
  }

  /** Making a superuser is sensitive: it needs a recent sign-in. */
  private requireFresh(viewer: Viewer): void {
    requireFreshSignIn(viewer, this.services.clock, this.services.config.freshSignInMs);
  }
}

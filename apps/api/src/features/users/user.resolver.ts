import { Role } from "@gatehouse/shared";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../graphql/context.js";
import type { Services } from "../../services.js";
import { requireFreshSignIn } from "../sessions/fresh-sign-in.js";
import { CreateUserInput, UserFilter } from "./user.input.js";
import { toUserType, UserType } from "./user.type.js";
import { UserConnectionType } from "./user-connection.type.js";
import { listUsers } from "./user-list.js";

const actorOf = (ctx: Context) => ({ userId: ctx.viewer?.userId ?? null, ip: ctx.request.ip });

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
  ): Promise<UserConnectionType> {
    const page = await listUsers(this.services.users.repo, {
      search,
      first,
      after,
      isActive: filter?.isActive,
      isSuperuser: filter?.isSuperuser,
      emailVerified: filter?.emailVerified,
    });
    const edges = page.users.map((u) => ({ cursor: page.cursorOf(u), node: toUserType(u) }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
    };
  }

  @Query(() => UserType, { nullable: true, description: "Superuser only." })
  async user(@Arg("id", () => ID) id: string): Promise<UserType | null> {
    const u = await this.services.users.findById(id);
    return u ? toUserType(u) : null;
  }

  @Mutation(() => UserType, { description: "Superuser only." })
  async createUser(
    @Arg("input", () => CreateUserInput) input: CreateUserInput,
    @Ctx() ctx: Context,
  ): Promise<UserType> {
    if (input.isSuperuser) this.requireFresh(ctx);
    const user = await this.services.users.create(
      {
        username: input.username,
        password: input.password,
        email: input.email ?? null,
        isActive: input.isActive ?? this.services.config.newUserIsActive,
        isSuperuser: input.isSuperuser ?? false,
      },
      actorOf(ctx),
    );
    return toUserType(user);
  }

  @Mutation(() => UserType, {
    description: "Superuser only. Deactivating a user ends all of their sessions at once.",
  })
  async setActive(
    @Arg("userId", () => ID) userId: string,
    @Arg("active", () => Boolean) active: boolean,
    @Ctx() ctx: Context,
  ): Promise<UserType> {
    return toUserType(await this.services.users.setActive(actorOf(ctx), userId, active));
  }

  @Mutation(() => UserType, {
    description: "Superuser only. The last active superuser cannot lose the flag.",
  })
  async setSuperuser(
    @Arg("userId", () => ID) userId: string,
    @Arg("superuser", () => Boolean) superuser: boolean,
    @Ctx() ctx: Context,
  ): Promise<UserType> {
    if (superuser) this.requireFresh(ctx);
    return toUserType(await this.services.users.setSuperuser(actorOf(ctx), userId, superuser));
  }

  /** Making a superuser is sensitive: it needs a recent sign-in. */
  private requireFresh(ctx: Context): void {
    requireFreshSignIn(ctx.viewer, this.services.clock, this.services.config.freshSignInMs);
  }
}

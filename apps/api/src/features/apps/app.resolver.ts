import { Role } from "@gatehouse/shared";
import { Arg, Authorized, ID, Mutation, Query, Resolver } from "type-graphql";
import { CurrentRequest, CurrentViewer } from "../../graphql/decorators.js";
import type { RequestInfo, Viewer } from "../../http/request.js";
import type { Services } from "../../services.js";
import { AppInput, AppType, toAccessRule, toAppType } from "./app.type.js";

/** Registered apps: superusers only. */
@Authorized(Role.SUPERUSER)
@Resolver(() => AppType)
export class AppResolver {
  constructor(private readonly services: Services) {}

  @Query(() => [AppType], { description: "Superuser only. Declared apps first, then by name." })
  async apps(): Promise<AppType[]> {
    return (await this.services.apps.list()).map(toAppType);
  }

  @Query(() => AppType, { nullable: true, description: "Superuser only." })
  async app(@Arg("id", () => ID) id: string): Promise<AppType | null> {
    const a = await this.services.apps.get(id);
    return a ? toAppType(a) : null;
  }

  @Mutation(() => AppType, { description: "Superuser only." })
  async createApp(
    @Arg("input", () => AppInput) input: AppInput,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<AppType> {
    const app = await this.services.apps.create(
      { ...input, access: toAccessRule(input.access) },
      viewer.userId,
      request.ip,
    );
    return toAppType(app);
  }

  @Mutation(() => AppType, {
    description: "Superuser only. Replaces the app's settings; declared apps answer APP_DECLARED.",
  })
  async updateApp(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => AppInput) input: AppInput,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<AppType> {
    const app = await this.services.apps.update(
      id,
      { ...input, access: toAccessRule(input.access) },
      viewer.userId,
      request.ip,
    );
    return toAppType(app);
  }

  @Mutation(() => Boolean, {
    description: "Superuser only. False when no such app; declared apps answer APP_DECLARED.",
  })
  deleteApp(
    @Arg("id", () => ID) id: string,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<boolean> {
    return this.services.apps.delete(id, viewer.userId, request.ip);
  }
}

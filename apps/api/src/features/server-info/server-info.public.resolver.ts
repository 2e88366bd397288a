import { Query, Resolver } from "type-graphql";
import type { Services } from "../../services.js";
import { type AuthMode, type MagicLinkDelivery, ServerInfoType } from "./server-info.type.js";

@Resolver(() => ServerInfoType)
export class ServerInfoPublicResolver {
  constructor(private readonly services: Services) {}

  @Query(() => ServerInfoType, {
    description: "Public. Lets the console and clients adapt their sign-in screen.",
  })
  serverInfo(): ServerInfoType {
    const info = this.services.serverInfo.get();
    return {
      ...info,
      authMode: info.authMode as AuthMode,
      magicLinkDelivery: info.magicLinkDelivery as MagicLinkDelivery,
    };
  }
}

import { Arg, Authorized, Query, Resolver } from "type-graphql";
import type { Services } from "../../services.js";

/**
 * For a browser that is already signed in when it reaches /login?next=… (or auto-login):
 * the console asks where it may go. Signed-in only, so it is no anonymous oracle for which
 * hosts are registered apps.
 */
@Authorized()
@Resolver()
export class ReturnToResolver {
  constructor(private readonly services: Services) {}

  @Query(() => String, {
    description:
      "Where the console may send the browser for a sign-in page's `next`: the path or absolute URL itself when allowed (a console path, the console's origin, a registered app's host, or a host under GATEHOUSE_COOKIE_DOMAIN), else \"/\".",
  })
  async returnDestination(@Arg("next", () => String) next: string): Promise<string> {
    return this.services.returnTo.resolve(next);
  }
}

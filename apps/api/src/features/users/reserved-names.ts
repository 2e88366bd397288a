import type { Config } from "../../config/config.js";
import { DEFAULT_USERNAME } from "../sessions/authenticator.js";

/**
 * Names self sign-up must not take on this server, besides the shared list: the env
 * superuser's (GATEHOUSE_SUPERUSER, even before it exists) and the auto-login user's.
 */
export function signUpReservedNames(config: Config): string[] {
  const names = [DEFAULT_USERNAME];
  if (config.superuser?.username) names.push(config.superuser.username);
  return names;
}

import { createParameterDecorator } from "type-graphql";
import type { RequestInfo, Viewer } from "../http/request.js";
import type { Context } from "./context.js";

// Resolvers take what they read as parameters rather than the whole Context, so a reader sees
// at the signature whether a resolver touches cookies or only asks who is calling.

/**
 * The request's viewer, or null when anonymous. In an `@Authorized` resolver the auth checker
 * has already refused anonymous requests, so the parameter may be typed `Viewer`.
 */
export function CurrentViewer() {
  return createParameterDecorator<Context>(({ context }): Viewer | null => context.viewer);
}

/** The request's client address, user agent and transport (for audit lines and sessions). */
export function CurrentRequest() {
  return createParameterDecorator<Context>(({ context }): RequestInfo => context.request);
}

// Every resolver class. A feature adds its own here.
import type { NonEmptyArray } from "type-graphql";
import { ServerInfoPublicResolver } from "../features/server-info/server-info.public.resolver.js";

export const resolvers: NonEmptyArray<Function> = [ServerInfoPublicResolver];

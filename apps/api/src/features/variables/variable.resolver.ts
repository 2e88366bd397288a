import { Arg, Authorized, Mutation, Query, Resolver } from "type-graphql";
import { CurrentRequest, CurrentViewer } from "../../graphql/decorators.js";
import type { RequestInfo, Viewer } from "../../http/request.js";
import type { Services } from "../../services.js";
import { VariableType } from "./variable.type.js";

/** Any signed-in user, on their own variables only: the owner is always the viewer. */
@Authorized()
@Resolver(() => VariableType)
export class VariableResolver {
  constructor(private readonly services: Services) {}

  @Query(() => [VariableType], { description: "The signed-in user's own encrypted variables." })
  variables(@CurrentViewer() viewer: Viewer): Promise<VariableType[]> {
    return this.services.variables.list(viewer.userId);
  }

  @Mutation(() => VariableType, {
    description:
      "The signed-in user's own variable; value is stored encrypted with the secret key.",
  })
  setVariable(
    @Arg("name", () => String) name: string,
    @Arg("value", () => String) value: string,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<VariableType> {
    return this.services.variables.set(viewer.userId, name, value, request.ip);
  }

  @Mutation(() => VariableType, {
    description:
      "Adds a new variable for the signed-in user; VARIABLE_EXISTS when one with this name exists (setVariable creates or replaces).",
  })
  createVariable(
    @Arg("name", () => String) name: string,
    @Arg("value", () => String) value: string,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<VariableType> {
    return this.services.variables.set(viewer.userId, name, value, request.ip, { onlyNew: true });
  }

  @Mutation(() => Boolean, {
    description: "Deletes the signed-in user's own variable; false when it did not exist.",
  })
  deleteVariable(
    @Arg("name", () => String) name: string,
    @CurrentViewer() viewer: Viewer,
    @CurrentRequest() request: RequestInfo,
  ): Promise<boolean> {
    return this.services.variables.delete(viewer.userId, name, request.ip);
  }
}

import type { ApolloServerPlugin } from "@apollo/server";
import { type DocumentNode, Kind } from "graphql";
import type { Context } from "../../graphql/context.js";
import type { Metrics, SignInMethodLabel } from "./metrics.js";

/** The public mutations that sign someone in, by method. */
const SIGN_IN_FIELDS = new Map<string, SignInMethodLabel>([
  ["signIn", "password"],
  ["redeemLink", "magic_link"],
  ["googleSignIn", "google"],
]);

const codeOf = (error: { extensions?: Record<string, unknown> } | undefined): string =>
  String(error?.extensions?.code ?? "INTERNAL_SERVER_ERROR").slice(0, 64);

/** A document's only operation's name: requests that fail validation never get one resolved. */
function soleOperationName(document: DocumentNode | undefined): string | null {
  const ops = document?.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION) ?? [];
  return ops.length === 1 && ops[0]?.kind === Kind.OPERATION_DEFINITION
    ? (ops[0].name?.value ?? null)
    : null;
}

/**
 * Per GraphQL request: a count by operation name and outcome (ok, or the first error's code
 * as clients see it), the latency, sign-ins by method and result, and the operation name
 * for the access-log line.
 */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse(rc) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const name =
            rc.operationName ?? rc.request.operationName ?? soleOperationName(rc.document);
          const body = rc.response.body;
          const errors = body.kind === "single" ? body.singleResult.errors : undefined;
          const outcome = errors?.length ? codeOf(errors[0]) : "ok";
          metrics.graphqlRequest(metrics.operationLabel(name), outcome, seconds);
          if (rc.contextValue?.trace && name) rc.contextValue.trace.operation = name.slice(0, 128);

          if (rc.operation?.operation !== "mutation") return;
          for (const selection of rc.operation.selectionSet.selections) {
            if (selection.kind !== Kind.FIELD) continue;
            const method = SIGN_IN_FIELDS.get(selection.name.value);
            if (!method) continue;
            const key = selection.alias?.value ?? selection.name.value;
            const failed = errors?.find((e) => e.path?.[0] === key);
            metrics.signIn(method, failed ? codeOf(failed) : "ok");
          }
        },
      };
    },
  };
}

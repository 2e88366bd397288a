import type { ClassType } from "type-graphql";
import { Field, ObjectType } from "type-graphql";

/** Relay-style page info, shared by every connection (users, audit log, ...). */
@ObjectType("PageInfo")
export class PageInfoType {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/**
 * The edges and pageInfo of a connection of `Node`, with an edge type named `edgeName`.
 * The caller names the connection (`@ObjectType("UserConnection") class ... extends
 * Connection(...)`), so the emitted SDL keeps its names, and may add fields (totalCount).
 * TypeGraphQL 2 has no `isAbstract`: the base class gets a name of its own that nothing
 * references, so it never reaches the schema.
 */
export function Connection<T extends object>(Node: ClassType<T>, edgeName: string) {
  @ObjectType(edgeName)
  class EdgeType implements Edge<T> {
    @Field(() => String)
    cursor!: string;

    @Field(() => Node)
    node!: T;
  }

  @ObjectType(`${edgeName}ConnectionBase`)
  abstract class ConnectionType {
    @Field(() => [EdgeType])
    edges!: Edge<T>[];

    @Field(() => PageInfoType)
    pageInfo!: PageInfoType;
  }
  return ConnectionType;
}

/** Edges and pageInfo from one page of rows, mapped to nodes. */
export function toConnection<R, T>(
  rows: R[],
  hasNextPage: boolean,
  cursorOf: (row: R) => string,
  toNode: (row: R) => T,
): { edges: Edge<T>[]; pageInfo: PageInfoType } {
  const edges = rows.map((row) => ({ cursor: cursorOf(row), node: toNode(row) }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

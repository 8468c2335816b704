/**
 * Shopify's calculated query cost and leaky bucket, for the Admin API stand-in. The rules are the ones
 * shopify.dev documents ("GraphQL Admin API rate limits"): a scalar or enum costs 0, an object 1, a connection
 * 2 plus `first` (or `last`) times the cost of one node; the requested cost is computed before running, the
 * actual one from what was returned, and the bucket is refunded the difference. A single query may cost at
 * most 1,000 points; standard plans restore 100 points per second into a bucket of 2,000.
 */
import {
  getNamedType,
  isLeafType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

export const SINGLE_QUERY_MAX_COST = 1000;

export interface BucketSettings {
  maximumAvailable: number;
  restoreRate: number;
}

/** The standard plan's numbers as shopify.dev lists them today. */
export const STANDARD_PLAN: BucketSettings = { maximumAvailable: 2000, restoreRate: 100 };

interface Context {
  schema: GraphQLSchema;
  variables: Record<string, unknown>;
  fragments: Map<string, FragmentDefinitionNode>;
}

function argumentValue(value: ValueNode, variables: Record<string, unknown>): unknown {
  if (value.kind === Kind.VARIABLE) return variables[value.name.value];
  if (value.kind === Kind.INT) return Number(value.value);
  return undefined;
}

/**
 * The cost of a selection on a type. `data` given: the actual cost of what was returned; otherwise the
 * requested cost (every connection full).
 */
function selectionCost(
  context: Context,
  selectionSet: SelectionSetNode | undefined,
  type: GraphQLObjectType,
  data: unknown,
): number {
  if (!selectionSet) return 0;
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = context.fragments.get(selection.name.value);
      if (fragment) total += selectionCost(context, fragment.selectionSet, type, data);
      continue;
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      total += selectionCost(context, selection.selectionSet, type, data);
      continue;
    }
    const field = type.getFields()[selection.name.value];
    if (!field) continue; // __typename
    const named = getNamedType(field.type);
    if (isLeafType(named) || !isObjectType(named)) continue;
    const value =
      data === undefined
        ? undefined
        : (data as Record<string, unknown> | null)?.[selection.alias?.value ?? selection.name.value];
    if (named.name.endsWith("Connection")) {
      total += connectionCost(context, selection.selectionSet, named, selection.arguments ?? [], value);
    } else if (Array.isArray(value)) {
      total +=
        1 + value.reduce((sum: number, item) => sum + selectionCost(context, selection.selectionSet, named, item), 0);
    } else {
      total += 1 + selectionCost(context, selection.selectionSet, named, value);
    }
  }
  return total;
}

function connectionCost(
  context: Context,
  selectionSet: SelectionSetNode | undefined,
  connection: GraphQLObjectType,
  args: readonly { name: { value: string }; value: ValueNode }[],
  value: unknown,
): number {
  const size = args.find((arg) => arg.name.value === "first" || arg.name.value === "last");
  const first = Number(size ? argumentValue(size.value, context.variables) : 0) || 0;
  const nodeType = getNamedType(connection.getFields().nodes?.type ?? connection.getFields().edges!.type);
  let perNode: (item: unknown) => number = () => 0;
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind !== Kind.FIELD) continue;
    // A node is an object (1) plus what is selected on it; `edges { node }` prices the node, not the edge.
    if (selection.name.value === "nodes" && isObjectType(nodeType))
      perNode = (item) => 1 + selectionCost(context, selection.selectionSet, nodeType, item);
    if (selection.name.value === "edges") {
      const edgeType = getNamedType(connection.getFields().edges!.type) as GraphQLObjectType;
      perNode = (item) => selectionCost(context, selection.selectionSet, edgeType, item);
    }
  }
  if (value === undefined) return 2 + first * perNode(undefined);
  const items = ((value as { nodes?: unknown[]; edges?: unknown[] } | null)?.nodes ??
    (value as { edges?: unknown[] } | null)?.edges ??
    []) as unknown[];
  return 2 + items.reduce((sum: number, item) => sum + perNode(item), 0);
}

export function queryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: FragmentDefinitionNode[],
  variables: Record<string, unknown>,
  data?: unknown,
): number {
  const root = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  const context = {
    schema,
    variables,
    fragments: new Map(fragments.map((fragment) => [fragment.name.value, fragment])),
  };
  // A mutation's own field costs 10, as Shopify prices every mutation.
  return (operation.operation === "mutation" ? 10 : 0) + selectionCost(context, operation.selectionSet, root, data);
}

/** One app's bucket on one shop. */
export class LeakyBucket {
  private available: number;
  private readAt: number;

  constructor(
    readonly settings: BucketSettings = STANDARD_PLAN,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.available = settings.maximumAvailable;
    this.readAt = clock();
  }

  currentlyAvailable(): number {
    const now = this.clock();
    this.available = Math.min(
      this.settings.maximumAvailable,
      this.available + ((now - this.readAt) / 1000) * this.settings.restoreRate,
    );
    this.readAt = now;
    return this.available;
  }

  /** Takes the requested cost if the bucket holds it. */
  take(cost: number): boolean {
    if (this.currentlyAvailable() < cost) return false;
    this.available -= cost;
    return true;
  }

  refund(points: number): void {
    this.available = Math.min(this.settings.maximumAvailable, this.currentlyAvailable() + points);
  }

  status() {
    return {
      maximumAvailable: this.settings.maximumAvailable,
      currentlyAvailable: Math.floor(this.currentlyAvailable()),
      restoreRate: this.settings.restoreRate,
    };
  }
}

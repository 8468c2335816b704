/**
 * Shopify's calculated query cost and leaky bucket, for the Admin API stand-in. The rules are the ones
 * shopify.dev documents ("GraphQL Admin API rate limits"): a scalar or enum costs 0, an object 1, an interface
 * or union the maximum of its possible selections, a connection 2 plus `first` (or `last`) times the cost of one
 * node, a mutation 10. A list asked with `first` is sized by it like a connection ("the maximum of possible
 * fields selected"); the docs price no other list, so one without is one object. The requested cost is
 * computed before running, the actual one from what was returned, and the bucket is refunded the difference.
 * A single query may cost at most 1,000 points; standard plans restore 100 points per second into a bucket of
 * 2,000.
 */
import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
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

/** The `first` or `last` a field is asked with, or null when it has neither. */
function pageSize(context: Context, args: readonly { name: { value: string }; value: ValueNode }[]): number | null {
  const size = args.find((arg) => arg.name.value === "first" || arg.name.value === "last");
  if (!size) return null;
  return Number(argumentValue(size.value, context.variables)) || 0;
}

/** Whether a fragment with this type condition applies to an object of `type`. */
function applies(context: Context, condition: string | undefined, type: GraphQLObjectType): boolean {
  if (!condition || condition === type.name) return true;
  const conditionType = context.schema.getType(condition);
  return !!conditionType && isAbstractType(conditionType) && context.schema.isSubType(conditionType, type);
}

/**
 * One returned object: 1 plus what is selected on it. An interface or union costs the most any of its
 * possible types would ("Maximum of possible selections"), each priced with the fragments that apply to it.
 */
function objectCost(
  context: Context,
  selectionSet: SelectionSetNode | undefined,
  named: GraphQLNamedType,
  data: unknown,
): number {
  if (isObjectType(named)) return 1 + selectionCost(context, selectionSet, named, data);
  if (!isAbstractType(named)) return 0;
  return Math.max(
    0,
    ...context.schema.getPossibleTypes(named).map((type) => 1 + selectionCost(context, selectionSet, type, data)),
  );
}

/**
 * The cost of a selection on a type. `data` given: the actual cost of what was returned (null: nothing below
 * it was returned); otherwise the requested cost (every connection and sized list full).
 */
function selectionCost(
  context: Context,
  selectionSet: SelectionSetNode | undefined,
  type: GraphQLObjectType,
  data: unknown,
): number {
  if (!selectionSet) return 0;
  if (data === null) return 0;
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = context.fragments.get(selection.name.value);
      if (fragment && applies(context, fragment.typeCondition.name.value, type))
        total += selectionCost(context, fragment.selectionSet, type, data);
      continue;
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (applies(context, selection.typeCondition?.name.value, type))
        total += selectionCost(context, selection.selectionSet, type, data);
      continue;
    }
    const field = type.getFields()[selection.name.value];
    if (!field) continue; // __typename
    const named = getNamedType(field.type);
    if (isLeafType(named)) continue;
    const value =
      data === undefined
        ? undefined
        : ((data as Record<string, unknown>)[selection.alias?.value ?? selection.name.value] ?? null);
    if (isObjectType(named) && named.name.endsWith("Connection")) {
      total += connectionCost(context, selection.selectionSet, named, selection.arguments ?? [], value);
    } else if (isListType(getNullableType(field.type))) {
      total += listCost(context, selection.selectionSet, named, pageSize(context, selection.arguments ?? []), value);
    } else {
      total += objectCost(context, selection.selectionSet, named, value); // null: the object, nothing below it
    }
  }
  return total;
}

/**
 * A list of objects. Asked with `first` (Order.refunds, Fulfillment.trackingInfo …) it is sized by it, as a
 * connection is, each item an object; without, it is priced as the one object the docs' table knows.
 * Returned, it costs what its items cost.
 */
function listCost(
  context: Context,
  selectionSet: SelectionSetNode | undefined,
  named: GraphQLNamedType,
  size: number | null,
  value: unknown,
): number {
  if (value === undefined) return (size ?? 1) * objectCost(context, selectionSet, named, undefined);
  if (!Array.isArray(value)) return 0;
  return value.reduce(
    (sum: number, item) => sum + (item === null ? 0 : objectCost(context, selectionSet, named, item)),
    0,
  );
}

function connectionCost(
  context: Context,
  selectionSet: SelectionSetNode | undefined,
  connection: GraphQLObjectType,
  args: readonly { name: { value: string }; value: ValueNode }[],
  value: unknown,
): number {
  const first = pageSize(context, args) ?? 0;
  const nodeType = getNamedType(connection.getFields().nodes?.type ?? connection.getFields().edges!.type);
  let perNode: (item: unknown) => number = () => 0;
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind !== Kind.FIELD) continue;
    // A node is an object (1) plus what is selected on it; `edges { node }` prices the node, not the edge.
    if (selection.name.value === "nodes")
      perNode = (item) => objectCost(context, selection.selectionSet, nodeType, item);
    if (selection.name.value === "edges") {
      const edgeType = getNamedType(connection.getFields().edges!.type) as GraphQLObjectType;
      perNode = (item) => selectionCost(context, selection.selectionSet, edgeType, item);
    }
  }
  if (value === undefined) return 2 + first * perNode(undefined);
  if (value === null) return 0;
  const items = ((value as { nodes?: unknown[]; edges?: unknown[] }).nodes ??
    (value as { edges?: unknown[] }).edges ??
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

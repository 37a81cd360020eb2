// What a query costs, from its document and its variables alone.
//
// Each field declares its cost in its `complexity` extension (the Pothos complexity plugin puts the
// builder's `fieldComplexity`, or the field's own number, there): a number, `{ field, multiplier }`,
// or a function of the field's arguments. A field costs its own part plus its sub-selection times
// its multiplier (a page size, the length of a list argument such as `nodes(ids:)`).
//
// The walk is the plugin's own (complexityFromSelectionSet) with one difference that matters: the
// plugin hands a cost function the *mapped* arguments (global ids decoded, zod rules run), so one
// caller's bad argument made the whole walk fail — and that failure was remembered for the
// document, or switched the budget off. Here a cost function gets the arguments as GraphQL coerced
// them (numbers, strings, lists: all a cost needs), so computing a cost cannot fail on a caller's
// input: the field's own resolver reports a bad argument, to that caller only. The cost function
// gets no caller either (an empty context): a cost is a function of the document, the operation
// and the variables, which is exactly what a cache of costs may key on.
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLNamedType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/** Cost of a field that declares none (as the Pothos plugin's default). */
const DEFAULT_FIELD_COST = 1;
/** Items a list field is assumed to return when nothing says how many (the plugin's default). */
const DEFAULT_LIST_MULTIPLIER = 10;

type DeclaredCost = number | { field?: number; multiplier?: number };
type Complexity =
  | DeclaredCost
  | ((
      args: Record<string, unknown>,
      ctx: object,
      field: GraphQLField<unknown, unknown>,
    ) => unknown);

/** What a cost function sees of the caller: nothing (see the top of this file). */
const NO_CALLER: object = Object.freeze({});

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Cost of a selection set on a type, once per walk (a fragment spread many times is one walk). */
  known: Map<SelectionSetNode, Map<GraphQLNamedType, number>>;
}

/**
 * The cost of `operation` with (already coerced) `variables`. Fragment cycles and unknown fields
 * cannot reach here: validation refuses them before execution starts.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  return selectionSetCost(
    { schema, fragments, variables, known: new Map() },
    operation.selectionSet,
    root,
  );
}

function selectionSetCost(walk: Walk, set: SelectionSetNode, type: GraphQLCompositeType): number {
  const cached = walk.known.get(set)?.get(type);
  if (cached !== undefined) return cached;
  let cost = 0;
  for (const selection of set.selections) {
    if (!included(walk, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      cost += fieldCost(walk, selection, type);
      continue;
    }
    const fragment =
      selection.kind === Kind.FRAGMENT_SPREAD
        ? walk.fragments.get(selection.name.value)
        : selection;
    if (!fragment) continue;
    const condition = fragment.typeCondition
      ? walk.schema.getType(fragment.typeCondition.name.value)
      : type;
    // Every branch of an abstract type is counted: the dearest one may be what each item is.
    if (condition && isCompositeType(condition)) {
      cost += selectionSetCost(walk, fragment.selectionSet, condition);
    }
  }
  const byType = walk.known.get(set) ?? new Map<GraphQLNamedType, number>();
  walk.known.set(set, byType);
  byType.set(type, cost);
  return cost;
}

function fieldCost(walk: Walk, node: FieldNode, parent: GraphQLCompositeType): number {
  const field =
    isObjectType(parent) || isInterfaceType(parent)
      ? parent.getFields()[node.name.value]
      : undefined;
  // __typename and introspection's entry points: a flat cost (introspection has its own rule).
  if (!field) return DEFAULT_FIELD_COST;
  let declared = field.extensions?.complexity as Complexity | undefined;
  if (typeof declared === "function") {
    const args = getArgumentValues(field, node, walk.variables);
    declared = declared(args, NO_CALLER, field) as DeclaredCost | undefined;
  }
  const own = typeof declared === "number" ? declared : (declared?.field ?? DEFAULT_FIELD_COST);
  if (!node.selectionSet) return own;
  const listed = isListType(isNonNullType(field.type) ? field.type.ofType : field.type);
  const multiplier =
    typeof declared === "object" && declared.multiplier !== undefined
      ? declared.multiplier
      : listed
        ? DEFAULT_LIST_MULTIPLIER
        : 1;
  const named = getNamedType(field.type);
  const inner = isCompositeType(named) ? selectionSetCost(walk, node.selectionSet, named) : 0;
  return own + inner * Math.max(multiplier, 0);
}

/** False for a selection the executor will skip (@skip(if: true), @include(if: false)). */
function included(walk: Walk, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, walk.variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, walk.variables)?.if !== false;
}

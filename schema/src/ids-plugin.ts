import SchemaBuilder, {
  BasePlugin,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from "@pothos/core";
import type { GraphQLFieldResolver, GraphQLResolveInfo } from "graphql";
import { InvalidIdError } from "./ids";

/**
 * Names the argument of an InvalidIdError. Ids are decoded where the argument's name is not known
 * (Pothos' relay decoding of `t.arg.globalID`, `node`, `nodes`; helpers given only a value); the
 * field's raw arguments are, so the first place the refused value occurs in them is the argument
 * to name (["input", "unitId"], ["ids", "3"]). Registered after the errors plugin, so a mutation's
 * InputError member carries the path too.
 */
class StrictIdsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  // Arguments decoded by other plugins (relay), before the resolver runs.
  override wrapArgMappers(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ) {
    return this.naming(resolver, fieldConfig);
  }

  // Arguments decoded by the resolver itself; inside the errors plugin's wrapping.
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ) {
    return this.naming(resolver, fieldConfig) ?? resolver;
  }

  override wrapSubscribe(
    subscribe: GraphQLFieldResolver<unknown, Types["Context"], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ) {
    return this.naming(subscribe, fieldConfig);
  }

  private naming(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ) {
    if (!resolver || Object.keys(fieldConfig.args).length === 0) return resolver;
    const named = (error: unknown, args: object): unknown =>
      error instanceof InvalidIdError && error.argument.length === 0
        ? error.at(pathOf(args, error.value) ?? [])
        : error;
    return (parent: unknown, args: object, context: Types["Context"], info: GraphQLResolveInfo) => {
      try {
        const result = resolver(parent, args, context, info) as unknown;
        if (result && typeof (result as Promise<unknown>).then === "function") {
          return (result as Promise<unknown>).catch((error: unknown) => {
            throw named(error, args);
          });
        }
        return result;
      } catch (error) {
        throw named(error, args);
      }
    };
  }
}

/** Where `value` occurs in `args` (depth first), as a path of keys. */
function pathOf(args: unknown, value: string, path: string[] = []): string[] | null {
  if (args === value) return path;
  if (args && typeof args === "object" && !(args instanceof Date)) {
    for (const [key, inner] of Object.entries(args)) {
      const found = pathOf(inner, value, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

declare global {
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      strictIds: StrictIdsPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin("strictIds", StrictIdsPlugin);

export default "strictIds" as const;

// One page type per node, named after the node as Relay does (`ActivityConnection`), whichever
// field returns it: `Query.activities` and `Theme.activities` page through the same type, so a
// client writes one fragment for a list of activities wherever it reads one. Each node's module
// makes its connection once and exports it to the others that list that node.
import type { ObjectRef } from "@pothos/core";
import { builder } from "../builder";
import type { SchemaTypesOf } from "./record-reads";

/** `<name>Connection` and `<name>ConnectionEdge` for `node`, with the list's `totalCount`. */
export function connectionOf<Shape>(node: ObjectRef<SchemaTypesOf, Shape>, name: string) {
  return builder.connectionObject(
    {
      type: node,
      name: `${name}Connection`,
      fields: (t) => ({
        // The Prisma plugin gives a shared connection its count as a number or as a loader.
        totalCount: t.int({
          resolve: (connection) => {
            const { totalCount } = connection as {
              totalCount?: number | (() => number | Promise<number>);
            };
            return typeof totalCount === "function" ? totalCount() : (totalCount ?? 0);
          },
        }),
      }),
    },
    { name: `${name}ConnectionEdge` },
  );
}

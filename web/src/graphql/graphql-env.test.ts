// @vitest-environment node
// The dashboard's types come from generated/graphql-env.d.ts, an introspection of
// schema/schema.graphql. If someone changes the schema and forgets to regenerate it, tsc would
// check the documents against the old schema; this test fails instead. Fix: `pnpm schema:print`
// (prints the schema and regenerates this file) or `pnpm --filter @d05/web gql:generate`.
import { readFileSync } from "node:fs";
import { loadFromSDL, minifyIntrospection, outputIntrospectionFile } from "gql.tada/internal";
import { describe, expect, it } from "vitest";

const schemaFile = new URL("../../../schema/schema.graphql", import.meta.url).pathname;
const outputFile = new URL("./generated/graphql-env.d.ts", import.meta.url);

describe("generated/graphql-env.d.ts", () => {
  it("is the introspection of schema.graphql as `gql.tada generate output` writes it", async () => {
    const { introspection } = await loadFromSDL({ file: schemaFile }).load();
    const expected = outputIntrospectionFile(minifyIntrospection(introspection), {
      fileType: ".d.ts",
      shouldPreprocess: true,
    });
    let committed = "";
    try {
      committed = readFileSync(outputFile, "utf8");
    } catch {
      // Missing counts as stale.
    }
    expect(committed === expected, "stale: run `pnpm --filter @d05/web gql:generate`").toBe(true);
  });
});

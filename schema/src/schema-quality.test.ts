import fs from "node:fs";
import {
  buildSchema,
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  printSchema,
} from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "./index";

/** Where a description is missing: "Type", "Type.field", "Type.field(arg)", "Enum.VALUE". */
function undescribed(type: GraphQLNamedType): string[] {
  if (type.name.startsWith("__")) return [];
  const missing = type.description?.trim() ? [] : [type.name];
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
      for (const arg of "args" in field ? field.args : []) {
        if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
  }
  if (isEnumType(type)) {
    for (const value of type.getValues()) {
      if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
    }
  }
  if (isUnionType(type) && !type.description?.trim()) missing.push(type.name);
  return missing;
}

describe("the GraphQL schema", () => {
  it("is printed in schema/schema.graphql and up to date (pnpm schema:print)", () => {
    const printed = fs.readFileSync(new URL("../schema.graphql", import.meta.url), "utf8");
    expect(printed).toBe(`${printSchema(schema)}\n`);
  });

  // Every one, the plugins' connections, edges, paging arguments, result unions and success
  // types included (describe-generated.ts): GraphiQL's Docs pane has no blank entry.
  it("describes every type, field, argument and enum value", () => {
    const missing = Object.values(schema.getTypeMap()).flatMap(undescribed);
    expect(missing).toEqual([]);
  });

  it("fails on an undescribed field, argument or enum value", () => {
    const probe = buildSchema(`
      """Described."""
      type Query { """Described.""" a(x: Int): Int b: Int }
      """Described."""
      enum E { """Described.""" ON OFF }
    `);
    const found = Object.values(probe.getTypeMap()).flatMap(undescribed);
    expect(found).toEqual(["Query.a(x)", "Query.b", "E.OFF"]);
  });
});

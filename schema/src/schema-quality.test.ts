import fs from "node:fs";
import {
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

// Connection plumbing Pothos generates (PageInfo, *Edge, *Connection) is described by the relay
// spec itself; everything the domain defines must say what it is.
const GENERATED = /^(PageInfo|.*Edge|.*Connection|Mutation.*Success|.*Result|.*Payload)$/;

describe("the GraphQL schema", () => {
  it("is printed in schema/schema.graphql and up to date (pnpm schema:print)", () => {
    const printed = fs.readFileSync(new URL("../schema.graphql", import.meta.url), "utf8");
    expect(printed).toBe(`${printSchema(schema)}\n`);
  });

  it("describes every domain type, field, argument and enum value", () => {
    const missing = Object.values(schema.getTypeMap())
      .filter((type) => !GENERATED.test(type.name))
      .flatMap(undescribed)
      .filter((where) => !/\.(pageInfo|edges|node|cursor|totalCount)$/.test(where))
      .filter((where) => !/\((first|last|before|after)\)$/.test(where));
    expect(missing).toEqual([]);
  });
});

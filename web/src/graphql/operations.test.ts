// @vitest-environment node
// Every operation must be valid against the schema the server prints, so a renamed field or
// argument fails here rather than on a screen.
import { readFileSync } from "node:fs";
import { stringifyDocument } from "@urql/core";
import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import * as operations from "./operations";

// D05_SCHEMA points at another printed schema (e.g. one being written) to check against it early.
const schemaFile =
  process.env.D05_SCHEMA ?? new URL("../../../schema/schema.graphql", import.meta.url);
const schema = buildSchema(readFileSync(schemaFile, "utf8"));

const documents = Object.entries(operations).filter(
  ([name, value]) => /(Query|Mutation|Subscription)$/.test(name) && typeof value === "object",
);

describe("operations", () => {
  it("are all exported", () => {
    expect(documents.length).toBeGreaterThan(5);
  });

  it.each(documents)("%s is valid against schema.graphql", (_name, document) => {
    const errors = validate(schema, parse(stringifyDocument(document as never)));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});

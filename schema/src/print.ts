// Prints the schema to schema/schema.graphql (pnpm schema:print); a test fails when it is stale.
import fs from "node:fs";
import { printSchema } from "graphql";
import { schema } from "./index";

const target = new URL("../schema.graphql", import.meta.url);
fs.writeFileSync(target, `${printSchema(schema)}\n`);
console.log(`Wrote ${target.pathname}`);

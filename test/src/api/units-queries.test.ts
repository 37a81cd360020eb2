import { PrismaClient } from "@d05/prisma";
import { type Context, schema, silentBus } from "@d05/schema";
import { graphql } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, createTestDatabase, type TestDatabase } from "../support/databases";
import { prepareTree } from "./units-fixtures";

// Every Unit field that follows a relation, on every unit of a page: the number of SQL
// statements must not grow with the page size (Pothos folds relations into the list query).
const PAGE = `query($first: Int!) { units(first: $first, orderBy: CODE_ASC, filter: { includeInactive: true }) {
  totalCount edges { node { code parent { code } ancestors { code } breadcrumb childCount
    children(first: 5) { totalCount edges { node { code } } }
    descendants(kind: PARTY_CELL, first: 5) { totalCount edges { node { distance unit { code } } } }
    successor { code } predecessors { code } } } } }`;

/** A client over the same database that reports every SQL statement it sends. */
function countingClient(database: TestDatabase) {
  return new PrismaClient({
    adapter: database.db.adapterFactory,
    log: [{ emit: "event", level: "query" }],
  });
}

describe.each(backends)("unit reads on %s", (backend) => {
  let database: TestDatabase;
  let prisma: ReturnType<typeof countingClient>;
  let statements = 0;
  let context: Context;
  beforeAll(async () => {
    database = await createTestDatabase(backend);
    const ids = await prepareTree(database.db.prisma);
    prisma = countingClient(database);
    prisma.$on("query", () => {
      statements += 1;
    });
    context = {
      db: { ...database.db, prisma },
      auth: { secret: "unused-in-this-test" },
      viewer: {
        userId: ids.admin as number,
        username: "admin",
        role: "ADMIN",
        scopeUnitId: ids.TW as number,
      },
      events: silentBus,
    };
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  async function countStatements(first: number) {
    statements = 0;
    const result = await graphql({
      schema,
      source: PAGE,
      variableValues: { first },
      contextValue: context,
    });
    expect(result.errors).toBeUndefined();
    const edges = (result.data?.units as { edges: unknown[] } | undefined)?.edges ?? [];
    return { rows: edges.length, statements };
  }

  it("reads a page of units with their relations in a constant number of statements", async () => {
    const small = await countStatements(2);
    const large = await countStatements(8);
    expect(small.rows).toBe(2);
    expect(large.rows).toBe(8);
    expect(large.statements).toBe(small.statements);
    // One statement per relation level (Prisma's query strategy), whatever the page size.
    expect(large.statements).toBeLessThanOrEqual(10);
  });
});

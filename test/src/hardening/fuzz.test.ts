// Fuzz: thousands of generated operations (every Query and Mutation field, arguments of the right
// and the wrong types) and mutated documents, sent over HTTP as a reporter of commune A. No answer
// may be a server error or anything but a GraphQL response, and nothing outside A may change.
import { schema } from "@d05/schema";
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";
import {
  assertServing,
  futureVietnamDay,
  gid,
  prepareWorld,
  signIn,
  type World,
} from "./support/world";

/** mulberry32: a small deterministic PRNG, so a failure can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)] as T;
    },
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

const SEED = 20250705;
const GENERATED = 1_500;
const MUTATED = 600;
const CONCURRENCY = 4;

interface Pools {
  ids: string[];
  strings: string[];
}

function pools(w: World): Pools {
  const ids = [
    ...[w.provinceId, w.a.communeId, w.a.cellId, w.b.communeId, w.b.cellId, w.agencyAId].map((id) =>
      gid("Unit", id),
    ),
    gid("Activity", w.a.activityId),
    gid("Activity", w.b.activityId),
    gid("Model", w.a.modelId),
    gid("Model", w.b.modelId),
    gid("Award", w.a.awardId),
    gid("Award", w.b.awardId),
    gid("Commitment", w.a.commitmentId),
    gid("Commitment", w.b.commitmentId),
    gid("Theme", w.themeId),
    gid("Unit", 999_999),
    gid("Activity", -1),
    gid("Nope", 1),
    gid("User", w.users["reporter-b"] as number),
    gid("User", w.users["reporter-a"] as number),
    "1",
    "0",
    "-1",
    "",
    "not base64!",
    "VW5pdDox",
    "9".repeat(40),
  ];
  const strings = [
    "",
    " ",
    "Hội nghị",
    "X-B",
    "CB-B1",
    "Xã Bình Minh",
    `'; DROP TABLE "Activity"; --`,
    "1' OR '1'='1",
    "%",
    "_",
    "\\",
    "a\u0000b",
    "a\ud800b",
    "\udfff",
    "\uFFFD",
    "😀".repeat(50),
    "ทดสอบ",
    "A".repeat(10_000),
    "<script>alert(1)</script>",
    ["$", "{jndi:ldap://x}"].join(""),
    "NaN",
    "Infinity",
    "-0",
    "1e309",
    "Mã đơn vị;Loại;Tiêu đề;Ngày;Lượt người\nCB-B1;Hội nghị;Fuzz;01/04/2025;10",
    "Mã đơn vị;Loại;Tiêu đề;Ngày;Lượt người\nCB-A1;Hội nghị;Fuzz;01/04/2025;10",
    '[{"Code":"X-B","FullName":"Đổi tên","Wards":[]}]',
  ];
  return { ids, strings };
}

const INTS = [0, 1, -1, 7, 100, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 1e20, 1.5, 999_999, 10_001];
const DATES = [
  "2025-03-15",
  "2024-02-29",
  "2024-02-30",
  futureVietnamDay(),
  "1900-01-01",
  "2025-13-01",
  "",
  "15/03/2025",
  "2025-01-01",
  "2025-12-31",
];
const DATETIMES = ["2025-03-15T00:00:00Z", "nonsense", "", "9999-12-31T23:59:59Z"];
const VNDS = [0, 1, -1, "1000000", "10000000000000000", "1.5", 1.5, "abc", 2 ** 53];

/** A random value of `type`, now and then of another type on purpose. */
function randomValue(type: GraphQLInputType, rng: Rng, p: Pools, depth = 0): unknown {
  if (rng.chance(0.04)) return rng.pick([null, "wrong", 42, true, [], {}]);
  if (isNonNullType(type)) return randomValue(type.ofType, rng, p, depth);
  if (isListType(type)) {
    const n = rng.int(4);
    return Array.from({ length: n }, () => randomValue(type.ofType, rng, p, depth + 1));
  }
  if (isEnumType(type)) {
    return rng.chance(0.9) ? rng.pick(type.getValues()).name : rng.pick(["PICNIC", "", "admin"]);
  }
  if (isInputObjectType(type)) {
    if (depth > 3) return {};
    const out: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) || rng.chance(0.5)) {
        out[field.name] = randomValue(field.type, rng, p, depth + 1);
      }
    }
    if (rng.chance(0.05)) out.unknownField = 1;
    return out;
  }
  switch ((type as GraphQLNamedType).name) {
    case "ID":
      return rng.pick(p.ids);
    case "Int":
    case "Float":
      return rng.pick(INTS);
    case "Boolean":
      return rng.chance(0.5);
    case "Date":
      return rng.pick(DATES);
    case "DateTime":
      return rng.pick(DATETIMES);
    case "Vnd":
      return rng.pick(VNDS);
    case "JSON":
      return { a: rng.pick(p.strings) };
    default:
      return rng.pick(p.strings);
  }
}

/** A selection that asks for little but reaches the typed errors. */
function selectionOf(type: GraphQLNamedType): string {
  if (isScalarType(type) || isEnumType(type)) return "";
  if (isUnionType(type)) {
    const errorish = type.getTypes().some((t) => t.getInterfaces().some((i) => i.name === "Error"));
    return `{ __typename ${errorish ? "... on Error { message }" : ""} }`;
  }
  if (isObjectType(type) || isInterfaceType(type)) {
    const fields = type.getFields();
    const scalars = Object.values(fields)
      .filter((f) => f.args.length === 0 && isScalarType(getNamedType(f.type)))
      .slice(0, 3)
      .map((f) => f.name);
    return `{ __typename ${scalars.join(" ")} }`;
  }
  return "";
}

function operationOf(
  kind: "query" | "mutation",
  name: string,
  field: GraphQLField<unknown, unknown>,
  rng: Rng,
  p: Pools,
): { query: string; variables: Record<string, unknown> } {
  const defs: string[] = [];
  const args: string[] = [];
  const variables: Record<string, unknown> = {};
  field.args.forEach((arg, i) => {
    if (!isNonNullType(arg.type) && rng.chance(0.5)) return;
    defs.push(`$v${i}: ${arg.type.toString()}`);
    args.push(`${arg.name}: $v${i}`);
    variables[`v${i}`] = randomValue(arg.type, rng, p);
  });
  const head = defs.length ? `(${defs.join(", ")})` : "";
  const call = args.length ? `(${args.join(", ")})` : "";
  return {
    query: `${kind}${head} { ${name}${call} ${selectionOf(getNamedType(field.type))} }`,
    variables,
  };
}

/** Deletes, duplicates or replaces a token, or splices in random characters. */
function mutate(document: string, rng: Rng): string {
  const tokens = document.split(/(\s+|[{}():,$!])/).filter((t) => t !== "");
  const i = rng.int(tokens.length);
  switch (rng.int(4)) {
    case 0:
      tokens.splice(i, 1);
      break;
    case 1:
      tokens.splice(i, 0, tokens[i] ?? "");
      break;
    case 2:
      tokens[i] = rng.pick(["{", "}", "(", ")", "...", "@skip", "__schema", '"', "#", "query"]);
      break;
    default:
      tokens.splice(
        i,
        0,
        String.fromCharCode(...Array.from({ length: 1 + rng.int(6) }, () => rng.int(0xffff))),
      );
  }
  return tokens.join("");
}

describe("fuzz over HTTP as a reporter of commune A", () => {
  let server: TestServer;
  let world: World;
  let token: string;

  /** Rows of B's subtree (units, records, accounts), hashed: equal before and after. */
  const subtreeOfB = async () => {
    const b = world.b.communeId;
    const [row] = await server.database.db.prisma.$queryRaw<{ print: string }[]>`
      WITH u AS (SELECT "descendantId" AS id FROM "UnitClosure" WHERE "ancestorId" = ${b})
      SELECT concat_ws('/',
        (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM "Unit" x WHERE x.id IN (SELECT id FROM u)),
        (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM "Activity" x WHERE x."unitId" IN (SELECT id FROM u)),
        (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM "Model" x WHERE x."unitId" IN (SELECT id FROM u)),
        (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM "ModelContribution" x JOIN "Model" m ON m.id = x."modelId" WHERE m."unitId" IN (SELECT id FROM u)),
        (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM "Award" x WHERE x."unitId" IN (SELECT id FROM u)),
        (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM "Commitment" x WHERE x."unitId" IN (SELECT id FROM u)),
        (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM "User" x WHERE x."unitId" IN (SELECT id FROM u))
      ) AS print`;
    return row?.print;
  };

  beforeAll(async () => {
    server = await startTestServer(
      "postgres",
      async (database) => {
        world = await prepareWorld(database);
      },
      { log: () => {}, limits: { rateLimitPerMinute: 0, anonymousRateLimitPerMinute: 0 } },
    );
    token = await signIn(server, "reporter-a");
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("answers every generated and mutated operation without a server error, and changes nothing outside A", async () => {
    const rng = prng(SEED);
    const p = pools(world);
    const fields = [
      ...Object.entries(schema.getQueryType()?.getFields() ?? {}).map(
        ([n, f]) => ["query", n, f] as const,
      ),
      ...Object.entries(schema.getMutationType()?.getFields() ?? {}).map(
        ([n, f]) => ["mutation", n, f] as const,
      ),
    ];
    const operations: { query: string; variables?: Record<string, unknown> }[] = [];
    for (let i = 0; i < GENERATED; i++) {
      const [kind, name, field] = rng.pick(fields);
      operations.push(operationOf(kind, name, field, rng, p));
    }
    for (let i = 0; i < MUTATED; i++) {
      const base = rng.pick(operations);
      operations.push({ query: mutate(base.query, rng), variables: base.variables });
    }

    const bBefore = await subtreeOfB();
    const auditBefore = await server.database.db.prisma.auditLog.aggregate({ _max: { id: true } });

    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < operations.length) {
        const op = operations[next++];
        if (!op) break;
        const response = await fetch(`${server.url}/graphql`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/graphql-response+json",
            authorization: `Bearer ${token}`,
          },
          body: JSON.stringify(op),
        });
        const text = await response.text();
        let body: { data?: unknown; errors?: { extensions?: { code?: string } }[] } | null = null;
        try {
          body = JSON.parse(text);
        } catch {
          body = null;
        }
        const internal = body?.errors?.some((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR");
        if (response.status >= 500 || !body || (!("data" in body) && !body.errors) || internal) {
          failures.push(
            `${response.status} ${text.slice(0, 300)} ← ${JSON.stringify(op).slice(0, 600)}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    expect(failures.slice(0, 10), `${failures.length} failures`).toEqual([]);
    expect(await assertServing(server)).toBe(true);
    expect(await subtreeOfB()).toBe(bBefore);

    // No audited write touched B's subtree.
    const bUnits = (
      await server.database.db.prisma.unitClosure.findMany({
        where: { ancestorId: world.b.communeId },
        select: { descendantId: true },
      })
    ).map((c) => c.descendantId);
    const entries = await server.database.db.prisma.auditLog.findMany({
      where: { id: { gt: auditBefore._max.id ?? 0n } },
    });
    for (const entry of entries) {
      const snapshot = JSON.stringify([entry.before, entry.after]);
      for (const unitId of bUnits) {
        expect(snapshot, `${entry.action} ${entry.entityId}`).not.toMatch(
          new RegExp(`"(unitId|parentId|successorId)":${unitId}[,}]`),
        );
        if (entry.entity === "Unit") expect(entry.entityId).not.toBe(String(unitId));
      }
    }
  }, 120_000);
});

import type { Database } from "@d05/prisma";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gid, type RecordsWorld, signIn } from "../api/records-fixtures";
import { countingDatabase, interceptStatements } from "../support/counting";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { prepareHardeningWorld } from "./fixtures";

/** Communes added under the province, so that one unit's descendants fill a page of 100. */
const COMMUNES = 150;

/** What one oversized request asks: 4,000 ids, each a page of 100 descendants. */
const ATTACK_IDS = 4_000;

/**
 * How long an answer to /healthz or an ordinary query may take while the attack runs. Generous for
 * a loaded CI machine (they take 0.1–0.5 s here); before the fix they waited 60–100 s.
 */
const ANSWER_BOUND_MS = 5_000;

const DESCENDANTS = `query($ids: [ID!]!, $n: Int) {
  nodes(ids: $ids) { id ... on Unit { descendants(kind: COMMUNE, first: $n) { edges { node { unit { id name code } } } } } }
}`;

/** The database as the app sees it, statements whose SQL matches `held` sent only once `gate` opens. */
function heldDatabase(db: Database, held: (sql: string) => boolean, gate: Promise<void>): Database {
  return interceptStatements(db, async (sql, send) => {
    if (held(sql)) await gate;
    return send();
  });
}

async function addCommunes(server: TestServer["database"], provinceId: number): Promise<void> {
  const prisma = server.db.prisma;
  await prisma.$executeRawUnsafe(
    `INSERT INTO "Unit" (code, name, kind, "parentId", path, depth, "updatedAt")
     SELECT 'L-' || g, 'Xã Thử ' || g, 'COMMUNE', $1, '/', 1, now() FROM generate_series(1, $2) g`,
    provinceId,
    COMMUNES,
  );
  await prisma.$executeRawUnsafe(
    `UPDATE "Unit" SET path = '/' || $1 || '/' || id || '/' WHERE code LIKE 'L-%'`,
    provinceId,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "UnitClosure" ("ancestorId", "descendantId", distance)
     SELECT id, id, 0 FROM "Unit" WHERE code LIKE 'L-%'
     UNION ALL SELECT $1, id, 1 FROM "Unit" WHERE code LIKE 'L-%'`,
    provinceId,
  );
}

/** Milliseconds one request takes to answer (any status). */
async function timed(request: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await request();
  await response.arrayBuffer();
  return performance.now() - started;
}

describe.each(backends)("expensive queries (%s)", (backend) => {
  describe("a few callers sending oversized and expensive queries at once", () => {
    let server: TestServer;
    let world: RecordsWorld;
    const tokens: Record<string, string> = {};

    beforeAll(async () => {
      server = await startTestServer(backend, async (database) => {
        world = await prepareHardeningWorld(database);
        await addCommunes(database, world.provinceId);
      });
      for (const username of ["admin", "analyst"])
        tokens[username] = await signIn(server, username);
    });
    afterAll(() => server?.stop());

    const graphql = (token: string, query: string, variables?: object, signal?: AbortSignal) =>
      fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json",
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ query, variables }),
        signal,
      });

    it("still answers /healthz and another user's query within the bound, and refuses the oversized ones", async () => {
      const province = gid("Unit", world.provinceId);
      const ids = (count: number) => Array.from({ length: count }, () => province);
      // Bounded: three attackers for about four seconds, each request given up after ten.
      const attackEnds = Date.now() + 4_000;
      const statuses: number[] = [];
      const codes = new Set<unknown>();
      const attacker = async (round: number) => {
        let i = round;
        while (Date.now() < attackEnds) {
          const oversized = i++ % 2 === 0;
          const response = await graphql(
            tokens.analyst as string,
            DESCENDANTS,
            // The largest the budget allows (100 ids × 15) or the reported attack (4,000 × 100).
            oversized ? { ids: ids(ATTACK_IDS), n: 100 } : { ids: ids(100), n: 15 },
            AbortSignal.timeout(10_000),
          ).catch(() => null);
          if (!response) return;
          statuses.push(response.status);
          const body = (await response.json()) as {
            errors?: { extensions?: { code?: string } }[];
          };
          if (oversized) codes.add(body.errors?.[0]?.extensions?.code);
        }
      };
      const waits: { health: number[]; other: number[] } = { health: [], other: [] };
      const prober = async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        while (Date.now() < attackEnds) {
          waits.health.push(await timed(() => fetch(`${server.url}/healthz`)));
          waits.other.push(
            await timed(() => graphql(tokens.admin as string, "{ units { totalCount } }")),
          );
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };
      await Promise.all([attacker(0), attacker(1), attacker(0), prober()]);

      expect(waits.health.length).toBeGreaterThanOrEqual(2);
      expect(Math.max(...waits.health)).toBeLessThan(ANSWER_BOUND_MS);
      expect(Math.max(...waits.other)).toBeLessThan(ANSWER_BOUND_MS);
      // Every oversized request was refused before any work, by its cost.
      expect([...codes]).toEqual(["QUERY_TOO_COMPLEX"]);
      expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(0);
      // And the server answers as before once it is over.
      const after = await graphql(tokens.admin as string, "{ units { totalCount } }");
      expect(await after.json()).toEqual({ data: { units: { totalCount: 4 + COMMUNES } } });
    });
  });

  describe("a query that runs out of time", () => {
    let server: TestServer;
    let world: RecordsWorld;
    let statements: () => number;
    let token: string;

    beforeAll(async () => {
      server = await startTestServer(
        backend,
        async (database) => {
          world = await prepareHardeningWorld(database);
        },
        {
          // Every answer from the database takes 100 ms: a query of many steps outlives its 300 ms
          // limit.
          wrapDatabase: (db) => {
            const slow = countingDatabase(db, { answerDelayMs: 100 });
            statements = slow.statements;
            return slow.database;
          },
          limits: { executionTimeoutMs: 300 },
        },
      );
      token = await signIn(server, "admin");
    });
    afterAll(() => server?.stop());

    it("stops issuing SQL once it has been answered QUERY_TIMEOUT", async () => {
      const ids = [world.provinceId, world.communeAId, world.communeBId].map(
        (id) => `"${gid("Unit", id)}"`,
      );
      // Each level below waits for the one above: the steps come one after another.
      const query = `{ nodes(ids: [${ids.join(",")}]) { ... on Unit { name
        children { edges { node { name descendants(kind: PARTY_CELL) { edges { node { unit { name parent { name } } } } } } } }
      } } }`;
      const { status, body } = await server.graphql(query, {}, token);
      const atAnswer = statements();
      expect(status).toBe(503);
      expect(body.errors?.[0]?.extensions?.code).toBe("QUERY_TIMEOUT");
      // Not one more statement for the dead request (without the stop, about fifteen more follow,
      // one every 100 ms, each nested relation of the operations under way).
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(statements()).toBe(atAnswer);
      // The server itself is fine: a quick query still answers.
      const quick = await server.graphql("{ me { username } }", {}, token);
      expect(quick.body).toEqual({ data: { me: { username: "admin" } } });
    });
  });
  describe("a caller that runs out of time while another waits for the same answer", () => {
    let server: TestServer;
    let world: RecordsWorld;
    const tokens: Record<string, string> = {};
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });

    beforeAll(async () => {
      server = await startTestServer(
        backend,
        async (database) => {
          world = await prepareHardeningWorld(database);
        },
        {
          // Statements on the rollups (the figures of an answer) wait at the gate.
          wrapDatabase: (db) => heldDatabase(db, (sql) => sql.includes("Rollup"), gate),
          limits: { executionTimeoutMs: 3_000 },
        },
      );
      for (const username of ["admin", "analyst"])
        tokens[username] = await signIn(server, username);
    });
    afterAll(async () => {
      release();
      await server?.stop();
    });

    it("does not take the answer the other is waiting for down with it", async () => {
      const query = `{ overview(unitId: "${gid("Unit", world.provinceId)}", period: { from: "2025-01-01", to: "2025-06-30" }) {
        ... on Overview { unit { name } }
      } }`;
      const first = server.graphql(query, {}, tokens.admin);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      // Asks the same question while the first caller's answer is being computed (and shares it).
      const second = server.graphql(query, {}, tokens.analyst);
      expect((await first).body.errors?.[0]?.extensions?.code).toBe("QUERY_TIMEOUT");
      // The first caller's time is up; the figures it started reading are still wanted.
      await new Promise((resolve) => setTimeout(resolve, 500));
      release();
      const { status, body } = await second;
      expect(body.errors).toBeUndefined();
      expect(status).toBe(200);
      expect(body.data).toEqual({ overview: { unit: { name: "Tỉnh Thử Nghiệm" } } });
    });
  });
});

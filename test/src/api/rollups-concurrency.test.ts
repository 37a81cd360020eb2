// Rollups of activities, awards and commitments are applied at COMMIT (deferred triggers). Under
// many concurrent writes, corrections and deletions through the API they must still equal the raw
// records, and a rebuild from scratch must reproduce them row for row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import {
  gid,
  prepareRecordsWorld,
  type RecordsWorld,
  signIn,
  vietnamDay,
} from "./records-fixtures";

const RECORD = `mutation($input: RecordActivityInput!) {
  recordActivity(input: $input) { __typename ... on MutationRecordActivitySuccess { data { id } } }
}`;
const CORRECT = `mutation($input: CorrectActivityInput!) {
  correctActivity(input: $input) { __typename }
}`;
const DELETE = `mutation($input: DeleteActivityInput!) {
  deleteActivity(input: $input) { __typename }
}`;
const AWARD = `mutation($input: RecordAwardInput!) {
  recordAward(input: $input) { __typename ... on InputError { issues { path message } } }
}`;

// The year rollups too: their statement triggers run inside the concurrent COMMITs.
const ROLLUPS = [
  "ActivityRollup",
  "AwardRollup",
  "CommitmentRollup",
  "CommitmentUnitYear",
  "ActivityYearRollup",
  "AwardYearRollup",
  "CommitmentYearRollup",
];

describe.each(backends)("rollups under concurrent writes on %s", (backend) => {
  let server: TestServer;
  let world: RecordsWorld;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer(backend, async (database) => {
      world = await prepareRecordsWorld(database);
    });
    admin = await signIn(server, "admin");
  });
  afterAll(() => server?.stop());

  async function snapshot(): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const table of ROLLUPS) {
      const rows = await server.database.db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
        `SELECT * FROM "${table}"`,
      );
      out[table] = rows
        .map((r) => JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? v.toString() : v)))
        .sort();
    }
    return out;
  }

  it("equals the raw records after 60 concurrent writes, corrections and deletions", async () => {
    const units = [world.cellAId, world.communeAId, world.communeBId];
    const recorded = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const { body } = await server.graphql<{
          recordActivity: { __typename: string; data?: { id: string } };
        }>(
          RECORD,
          {
            input: {
              unitId: gid("Unit", units[i % 3] as number),
              kind: i % 2 ? "CONFERENCE" : "THEMATIC_SESSION",
              title: `Hội nghị song song ${i}`,
              occurredOn: vietnamDay(-(i % 40)),
              sessions: 1 + (i % 3),
              attendance: 10 + i,
            },
          },
          admin,
        );
        expect(body.data?.recordActivity.__typename).toBe("MutationRecordActivitySuccess");
        return body.data?.recordActivity.data?.id as string;
      }),
    );
    await Promise.all([
      ...recorded.slice(0, 10).map(async (id, i) => {
        const { body } = await server.graphql<{ correctActivity: { __typename: string } }>(
          CORRECT,
          {
            input: { id, attendance: 500 + i, unitId: gid("Unit", world.communeBId) },
          },
          admin,
        );
        expect(body.data?.correctActivity.__typename).toBe("MutationCorrectActivitySuccess");
      }),
      ...recorded.slice(10, 20).map(async (id) => {
        const { body } = await server.graphql<{ deleteActivity: { __typename: string } }>(
          DELETE,
          { input: { id } },
          admin,
        );
        expect(body.data?.deleteActivity.__typename).toBe("MutationDeleteActivitySuccess");
      }),
      ...Array.from({ length: 10 }, async (_, i) => {
        const { body } = await server.graphql<{ recordAward: { __typename: string } }>(
          AWARD,
          {
            input: {
              unitId: gid("Unit", units[i % 3] as number),
              level: "COMMUNE",
              form: "CERTIFICATE_OF_MERIT",
              recipientKind: i % 2 ? "COLLECTIVE" : "INDIVIDUAL",
              recipientName: `Người được khen ${i}`,
              awardedOn: vietnamDay(-i),
              recipientCount: i % 2 ? 1 + i : 1,
            },
          },
          admin,
        );
        expect(body.data?.recordAward).toEqual({ __typename: "MutationRecordAwardSuccess" });
      }),
    ]);

    const prisma = server.database.db.prisma;
    const [raw] = await prisma.$queryRawUnsafe<{ records: number; attendance: number }[]>(
      `SELECT count(*)::int AS records, coalesce(sum(a."attendance"), 0)::int AS attendance
         FROM "Activity" a JOIN "UnitClosure" c ON c."descendantId" = a."unitId"
        WHERE c."ancestorId" = $1`,
      world.provinceId,
    );
    const [rolled] = await prisma.$queryRawUnsafe<{ records: number; attendance: number }[]>(
      `SELECT coalesce(sum("records"), 0)::int AS records, coalesce(sum("attendance"), 0)::int AS attendance
         FROM "ActivityRollup" WHERE "unitId" = $1`,
      world.provinceId,
    );
    expect(raw?.records).toBe(30);
    expect(rolled).toEqual(raw);

    const maintained = await snapshot();
    expect(maintained.AwardRollup?.length).toBeGreaterThan(0);
    await prisma.$executeRawUnsafe("SELECT rebuild_rollups()");
    expect(await snapshot()).toEqual(maintained);
  });
});

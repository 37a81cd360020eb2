// The embedded PGlite import path: rows staged in temporary tables, then moved in one transaction
// with the tables' triggers held and their work (foreign-key checks, rollups) done per set.
import { applyMigrations, type Database, openDatabase } from "@d05/prisma";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../errors";
import type { ActivityRecord, ModelRecord } from "./kinds";
import { stageRecords } from "./staged-write";

const KINDS = ["CONFERENCE", "THEMATIC_SESSION", "PARTY_CELL_MEETING"] as const;

/** `n` activities of a unit over a few months and kinds. */
function activities(unitId: number, n: number): ActivityRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    unitId,
    themeId: null,
    kind: KINDS[i % KINDS.length] as ActivityRecord["kind"],
    title: `Hoạt động ${i}`,
    occurredOn: new Date(Date.UTC(2025, i % 5, (i % 27) + 1)),
    sessions: (i % 3) + 1,
    attendance: 10 + (i % 90),
    notes: null,
  }));
}

/**
 * Differences between the activity rollup rows and the same figures summed from the records, and
 * between the year rollup rows and the monthly ones summed per year.
 */
async function rollupMismatches(db: Database): Promise<number> {
  const [row] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM (
       SELECT c."ancestorId", rollup_month(a."occurredOn") AS m, a."kind", count(*) AS k,
         sum(a."attendance") AS s
       FROM "Activity" a JOIN "UnitClosure" c ON c."descendantId" = a."unitId" GROUP BY 1, 2, 3
     ) plain FULL JOIN "ActivityRollup" r
       ON r."unitId" = plain."ancestorId" AND r."month" = plain.m AND r."kind" = plain."kind"
     WHERE r."records" IS DISTINCT FROM plain.k OR r."attendance" IS DISTINCT FROM plain.s`,
  );
  const [years] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM (
       SELECT "unitId", rollup_year("month") AS y, "kind", "themeId", sum("records") AS k,
         sum("attendance") AS s
       FROM "ActivityRollup" GROUP BY 1, 2, 3, 4
     ) months FULL JOIN "ActivityYearRollup" r
       ON r."unitId" = months."unitId" AND r."year" = months.y AND r."kind" = months."kind"
         AND r."themeId" = months."themeId"
     WHERE r."records" IS DISTINCT FROM months.k OR r."attendance" IS DISTINCT FROM months.s`,
  );
  return (row?.n ?? -1) + (years?.n ?? -1);
}

const STATUSES = ["REGISTERED", "MAINTAINED", "REPLICATED", "DISCONTINUED"] as const;
const SECTORS = ["ECONOMY", "CULTURE_SOCIETY", "ENVIRONMENT"] as const;

/** `n` models of a unit, of every status and a few sectors, every other one with a contribution. */
function models(unitId: number, n: number): ModelRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const startedOn = new Date(Date.UTC(2024, i % 12, (i % 27) + 1));
    return {
      unitId,
      name: `Mô hình ${i}`,
      sector: SECTORS[i % SECTORS.length] as ModelRecord["sector"],
      level: "COMMUNE",
      programme: null,
      leadOrganisation: "FARMERS_UNION",
      startedOn,
      status: STATUSES[i % STATUSES.length] as ModelRecord["status"],
      description: null,
      contribution:
        i % 2 === 0
          ? {
              recordedOn: startedOn,
              participants: i,
              landM2: i,
              landValueVnd: BigInt(i * 1000),
              cashVnd: BigInt(i * 7),
              inKindVnd: BigInt(i % 3),
              workdays: 1,
            }
          : null,
    };
  });
}

/** The model rollups as kept, and as a rebuild from the records computes them (rolled back). */
async function modelRollupsKeptAndRebuilt(db: Database) {
  const read = (sql: Pick<Database["prisma"], "$queryRawUnsafe">) =>
    Promise.all(
      [
        `SELECT * FROM "ModelLifecycle" ORDER BY 1, 2`,
        `SELECT * FROM "ModelDayRollup" ORDER BY 1, 2, 3`,
        `SELECT "unitId", "month", "sector", "records", "participants"::text, "totalVnd"::text,
           "landM2"::text, "landValueVnd"::text, "cashVnd"::text, "inKindVnd"::text,
           "workdays"::text
         FROM "ContributionRollup" ORDER BY 1, 2, 3`,
        // The year rollups follow the monthly and daily rows through the move (their triggers
        // fire ALWAYS, even with the tables' own triggers held).
        `SELECT * FROM "ModelYearRollup" ORDER BY 1, 2, 3`,
        `SELECT "unitId", "year", "sector", "records", "participants"::text, "totalVnd"::text
         FROM "ContributionYearRollup" ORDER BY 1, 2, 3`,
      ].map((q) => sql.$queryRawUnsafe<unknown[]>(q)),
    );
  const kept = await read(db.prisma);
  let rebuilt: unknown[][] = [];
  await db.prisma
    .$transaction(async (tx) => {
      await tx.$queryRawUnsafe(`SELECT rebuild_rollups()::text`);
      rebuilt = await read(tx);
      throw new Error("roll back");
    })
    .catch(() => {});
  return { kept, rebuilt };
}

const temporaryTables = async (db: Database) => {
  const [row] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM pg_class WHERE relpersistence = 't'`,
  );
  return row?.n;
};

describe("staged import writes on PGlite", () => {
  let db: Database;
  let provinceId: number;
  let communeId: number;
  let reporterId: number;

  beforeAll(async () => {
    db = await openDatabase({ kind: "memory" });
    await applyMigrations(db.adapterFactory);
    const province = await db.prisma.unit.create({
      data: { code: "P", name: "Tỉnh", kind: "PROVINCE", path: "/", depth: 0 },
    });
    const commune = await db.prisma.unit.create({
      data: { code: "X", name: "Xã", kind: "COMMUNE", parentId: province.id, path: "/", depth: 1 },
    });
    await db.prisma.unitClosure.createMany({
      data: [
        { ancestorId: province.id, descendantId: province.id, distance: 0 },
        { ancestorId: commune.id, descendantId: commune.id, distance: 0 },
        { ancestorId: province.id, descendantId: commune.id, distance: 1 },
      ],
    });
    provinceId = province.id;
    communeId = commune.id;
    const reporter = await db.prisma.user.create({
      data: {
        username: "reporter",
        displayName: "Reporter",
        passwordHash: "x",
        role: "REPORTER",
        unitId: communeId,
      },
    });
    reporterId = reporter.id;
  });
  afterAll(async () => {
    await db?.close();
  });

  it("moves the rows with the triggers held and adds the rollups per group, exactly", async () => {
    const staged = await stageRecords(
      db.prisma,
      "ACTIVITIES",
      activities(communeId, 900),
      reporterId,
    );
    try {
      // Nothing is in the real table before the move commits.
      expect(await db.prisma.activity.count()).toBe(0);
      const written = await db.prisma.$transaction((tx) => staged.move(tx));
      expect(written.ids).toHaveLength(900);
    } finally {
      await staged.discard();
    }
    expect(await db.prisma.activity.count()).toBe(900);
    expect(await rollupMismatches(db)).toBe(0);
    const province = await db.prisma.activityRollup.aggregate({
      where: { unitId: provinceId },
      _sum: { records: true },
    });
    expect(province._sum.records).toBe(900);
    expect(await temporaryTables(db)).toBe(0);
  });

  it("moves models with their lifecycle triggers held and keeps every model rollup exact", async () => {
    const staged = await stageRecords(db.prisma, "MODELS", models(communeId, 400), reporterId);
    try {
      expect(await db.prisma.model.count()).toBe(0);
      const written = await db.prisma.$transaction((tx) => staged.move(tx));
      expect(written.ids).toHaveLength(400);
    } finally {
      await staged.discard();
    }
    expect(await db.prisma.model.count()).toBe(400);
    expect(await db.prisma.modelStatusChange.count()).toBe(400);
    expect(await db.prisma.modelContribution.count()).toBe(200);
    const { kept, rebuilt } = await modelRollupsKeptAndRebuilt(db);
    expect(kept[0]).toHaveLength(400); // one day of events per new model: its start
    expect(kept).toEqual(rebuilt);
    expect(await temporaryTables(db)).toBe(0);
  });

  it("fails the move and writes nothing when a referenced row went away during staging", async () => {
    const leaver = await db.prisma.user.create({
      data: {
        username: "leaver",
        displayName: "Leaver",
        passwordHash: "x",
        role: "REPORTER",
        unitId: communeId,
      },
    });
    const before = await db.prisma.activity.count();
    const staged = await stageRecords(
      db.prisma,
      "ACTIVITIES",
      activities(communeId, 300),
      leaver.id,
    );
    // Another request deletes the account between the staging and the move.
    await db.prisma.user.delete({ where: { id: leaver.id } });
    try {
      const move = db.prisma.$transaction((tx) => staged.move(tx));
      await expect(move).rejects.toBeInstanceOf(InputError);
      await expect(move).rejects.toThrow(/bị xoá trong khi nhập/);
    } finally {
      await staged.discard();
    }
    expect(await db.prisma.activity.count()).toBe(before);
    expect(await rollupMismatches(db)).toBe(0);
    expect(await temporaryTables(db)).toBe(0);
  });

  it("runs every trigger, row by row, when the table has one it does not know", async () => {
    await db.prisma.$executeRawUnsafe(`CREATE TABLE seen (id int)`);
    await db.prisma.$executeRawUnsafe(
      `CREATE FUNCTION note_seen() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN INSERT INTO seen VALUES (NEW.id); RETURN NULL; END $$`,
    );
    await db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER "Activity_seen" AFTER INSERT ON "Activity" FOR EACH ROW EXECUTE FUNCTION note_seen()`,
    );
    try {
      const before = await db.prisma.activity.count();
      const staged = await stageRecords(
        db.prisma,
        "ACTIVITIES",
        activities(communeId, 250),
        reporterId,
      );
      try {
        await db.prisma.$transaction((tx) => staged.move(tx));
      } finally {
        await staged.discard();
      }
      const [seen] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM seen`,
      );
      expect(seen?.n).toBe(250);
      expect(await db.prisma.activity.count()).toBe(before + 250);
      // The rollup trigger ran too, once per row; nothing was added twice.
      expect(await rollupMismatches(db)).toBe(0);
    } finally {
      await db.prisma.$executeRawUnsafe(`DROP TRIGGER "Activity_seen" ON "Activity"`);
    }
  });
});

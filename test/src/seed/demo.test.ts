// The demo data set: the seed reports' figures come back from plain SQL sums over the raw tables,
// the unit tree is consistent, nothing is dated in the future, and reseeding gives the same data.
import { Prisma, type PrismaClient, verifyPassword } from "@d05/prisma";
import {
  buildDemo,
  clearDatabase,
  DEMO,
  DEMO_ACCOUNTS,
  type DemoSummary,
  isDatabaseEmpty,
  seedDemo,
} from "@d05/prisma/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, createTestDatabase, type TestDatabase } from "../support/databases";

/** Rows of the records under a unit's subtree (the unit itself included), by unit code. */
function under(code: string, alias: string): Prisma.Sql {
  return Prisma.sql`JOIN "UnitClosure" sub ON sub."descendantId" = ${Prisma.raw(alias)}."unitId"
    JOIN "Unit" top ON top.id = sub."ancestorId" AND top.code = ${code}`;
}

async function row<T>(prisma: PrismaClient, query: Prisma.Sql): Promise<T> {
  const rows = await prisma.$queryRaw<T[]>(query);
  const first = rows[0];
  if (!first) throw new Error("query returned no row");
  return first;
}

/** Per table: row count and an md5 over its sorted rows, leaving out the columns set by now(). */
async function fingerprint(prisma: PrismaClient): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of Object.values(Prisma.ModelName)) {
    const { digest } = await row<{ digest: string }>(
      prisma,
      Prisma.sql`SELECT count(*) || ':' || coalesce(md5(string_agg(j, '|' ORDER BY j)), '') AS digest
        FROM (SELECT (to_jsonb(t) - 'createdAt' - 'updatedAt' - 'passwordHash')::text AS j
              FROM ${Prisma.raw(`"${table}"`)} t) rows`,
    );
    result[table] = digest;
  }
  return result;
}

const fingerprints = new Map<string, Record<string, string>>();

describe.each(backends)("demo seed on %s", (backend) => {
  let test: TestDatabase;
  let prisma: PrismaClient;
  let summary: DemoSummary;

  beforeAll(async () => {
    test = await createTestDatabase(backend);
    prisma = test.db.prisma;
    expect(await isDatabaseEmpty(prisma)).toBe(true);
    summary = await seedDemo(prisma);
  });

  afterAll(async () => {
    await test?.drop();
  });

  it("holds a few thousand records: enough for every chart, small enough for PGlite", () => {
    expect(summary.activities).toBeGreaterThan(2_000);
    expect(summary.activities).toBeLessThan(6_000);
    expect(summary.models).toBeGreaterThan(100);
    expect(summary.users).toBe(DEMO_ACCOUNTS.length);
  });

  describe("Long Bình (seed 003)", () => {
    const code = DEMO.communes.longBinh;
    const reported = DEMO.reported.longBinh;

    it("has 14 “Dân vận khéo” models, all maintained in 2023", async () => {
      const models = await row<{ n: number; maintained: number; in2023: number }>(
        prisma,
        Prisma.sql`SELECT count(*)::int AS n,
            count(*) FILTER (WHERE m.status = 'MAINTAINED')::int AS maintained,
            count(*) FILTER (WHERE extract(year FROM m."startedOn") = 2023)::int AS in2023
          FROM "Model" m ${under(code, "m")} WHERE m.programme = ${DEMO.programmes.danVanKheo}`,
      );
      expect(models).toEqual({ n: 14, maintained: 14, in2023: 14 });
    });

    it("sums to 398 people and 1.333.980.000 đ: 1.226 m² of land worth 1.051.980.000 đ and 282.000.000 đ cash", async () => {
      const sums = await row<Record<string, number | bigint>>(
        prisma,
        Prisma.sql`SELECT sum(k.participants)::int AS participants,
            sum(k."landValueVnd" + k."cashVnd" + k."inKindVnd")::bigint AS money,
            sum(k."landM2")::int AS land,
            sum(k."landValueVnd")::bigint AS "landValue",
            sum(k."cashVnd")::bigint AS cash,
            sum(k."inKindVnd")::bigint AS "inKind",
            sum(k.workdays)::int AS workdays
          FROM "ModelContribution" k JOIN "Model" m ON m.id = k."modelId" ${under(code, "m")}
          WHERE m.programme = ${DEMO.programmes.danVanKheo}`,
      );
      expect(sums).toEqual({
        participants: 398,
        money: 1_333_980_000n,
        land: 1_226,
        landValue: 1_051_980_000n,
        cash: 282_000_000n,
        inKind: 0n,
        workdays: DEMO.chosen.longBinhWorkdays,
      });
      expect(reported.totalVnd).toBe(1_333_980_000n);
    });

    it("keeps land, its value and cash apart in the commune's 2023 rollup, the total their sum", async () => {
      // What the analytics measures read: the commune's own row in ContributionRollup.
      const rollup = await row<Record<string, bigint>>(
        prisma,
        Prisma.sql`SELECT sum(r."landM2")::bigint AS land, sum(r."landValueVnd")::bigint AS "landValue",
            sum(r."cashVnd")::bigint AS cash, sum(r."inKindVnd")::bigint AS "inKind",
            sum(r."totalVnd")::bigint AS total
          FROM "ContributionRollup" r JOIN "Unit" u ON u.id = r."unitId" AND u.code = ${code}
          WHERE r.month BETWEEN '2023-01-01' AND '2023-12-01'`,
      );
      expect(rollup).toEqual({
        land: BigInt(reported.landM2),
        landValue: reported.landValueVnd,
        cash: reported.cashVnd,
        inKind: 0n,
        total: reported.totalVnd,
      });
    });

    it("honoured 07+22 for the 2023 theme, 05+07 for Dân vận khéo and 11+33 for emulation", async () => {
      const rows = await prisma.$queryRaw<{ grp: string; kind: string; n: number }[]>(
        Prisma.sql`SELECT CASE
              WHEN t.year = 2023 THEN 'theme'
              WHEN w.reason LIKE '%Dân vận khéo%' THEN 'danVanKheo'
              WHEN w.form = 'EMULATION_TITLE' THEN 'emulation'
              ELSE 'other' END AS grp,
            w."recipientKind"::text AS kind, sum(w."recipientCount")::int AS n
          FROM "Award" w ${under(code, "w")} LEFT JOIN "Theme" t ON t.id = w."themeId"
          WHERE w."awardedOn" = DATE '2024-01-19'
          GROUP BY 1, 2 ORDER BY 1, 2`,
      );
      expect(rows).toEqual([
        { grp: "danVanKheo", kind: "COLLECTIVE", n: 5 },
        { grp: "danVanKheo", kind: "INDIVIDUAL", n: 7 },
        { grp: "emulation", kind: "COLLECTIVE", n: 11 },
        { grp: "emulation", kind: "INDIVIDUAL", n: 33 },
        { grp: "theme", kind: "COLLECTIVE", n: 7 },
        { grp: "theme", kind: "INDIVIDUAL", n: 22 },
      ]);
    });
  });

  describe("Hạnh Sơn (seed 004)", () => {
    const code = DEMO.communes.hanhSon;

    it("held 6 conferences with 195 attendances and 70 chi bộ sessions with 16.940", async () => {
      const sums = await row<Record<string, number>>(
        prisma,
        Prisma.sql`SELECT
            sum(a.sessions) FILTER (WHERE a.kind = 'CONFERENCE')::int AS "conferenceSessions",
            sum(a.attendance) FILTER (WHERE a.kind = 'CONFERENCE')::int AS "conferenceAttendance",
            sum(a.sessions) FILTER (WHERE u.kind = 'PARTY_CELL')::int AS "cellSessions",
            sum(a.attendance) FILTER (WHERE u.kind = 'PARTY_CELL')::int AS "cellAttendance",
            count(DISTINCT a."unitId") FILTER (WHERE u.kind = 'PARTY_CELL')::int AS cells
          FROM "Activity" a JOIN "Unit" u ON u.id = a."unitId" ${under(code, "a")}`,
      );
      expect(sums).toEqual({
        conferenceSessions: 6,
        conferenceAttendance: 195,
        cellSessions: 70,
        cellAttendance: 16_940,
        cells: DEMO.chosen.hanhSonCells,
      });
    });

    it("maintains 13 models: economy 6, culture-society 5, security 1, party-building 1, of over 20 built", async () => {
      const rows = await prisma.$queryRaw<{ sector: string; n: number }[]>(
        Prisma.sql`SELECT m.sector::text AS sector, count(*)::int AS n
          FROM "Model" m ${under(code, "m")} WHERE m.status = 'MAINTAINED' GROUP BY 1 ORDER BY 1`,
      );
      expect(Object.fromEntries(rows.map((r) => [r.sector, r.n]))).toEqual(
        DEMO.reported.hanhSon.maintainedModels,
      );
      const built = await row<{ n: number }>(
        prisma,
        Prisma.sql`SELECT count(*)::int AS n FROM "Model" m ${under(code, "m")}`,
      );
      expect(built.n).toBeGreaterThan(20);
    });

    it("counts 53 exemplary individuals", async () => {
      const sums = await row<{ n: number }>(
        prisma,
        Prisma.sql`SELECT sum(w."recipientCount")::int AS n FROM "Award" w ${under(code, "w")}
          WHERE w.form = 'EXEMPLARY' AND w."recipientKind" = 'INDIVIDUAL'`,
      );
      expect(sums.n).toBe(53);
    });
  });

  describe("Cao Lãnh (seed 002)", () => {
    const code = DEMO.districts.caoLanh;

    it("had 46/46 chi bộ, đảng bộ register an initiative in 2018, 8 replicated in 2019", async () => {
      const figures = await row<Record<string, number>>(
        prisma,
        Prisma.sql`SELECT
            (SELECT count(*)::int FROM "Unit" u JOIN "Unit" d ON d.id = u."parentId"
              WHERE d.code = ${code} AND u.kind = 'PARTY_CELL') AS eligible,
            count(*)::int AS initiatives,
            count(DISTINCT k."unitId")::int AS registered,
            count(*) FILTER (WHERE k.status = 'REPLICATED' AND extract(year FROM k."replicatedOn") = 2019)::int AS replicated
          FROM "Commitment" k ${under(code, "k")} WHERE k.year = 2018 AND k.kind = 'INITIATIVE'`,
      );
      expect(figures).toEqual({ eligible: 46, initiatives: 46, registered: 46, replicated: 8 });
    });
  });

  describe("Đại Cương (seed 000) and Bình Lục (seed 001)", () => {
    it("Đại Cương runs the district-level pilot model on site clearance, launched at a conference where every chi bộ signed", async () => {
      const code = DEMO.communes.daiCuong;
      const model = await row<{ n: number; level: string; programme: string; started: string }>(
        prisma,
        Prisma.sql`SELECT (count(*) OVER ())::int AS n, m.level::text AS level, m.programme,
            to_char(m."startedOn", 'YYYY-MM-DD') AS started
          FROM "Model" m ${under(code, "m")} WHERE m.name LIKE '%giải phóng mặt bằng%'`,
      );
      expect(model).toMatchObject({ n: 1, level: "DISTRICT", programme: DEMO.programmes.pilot });
      const launch = await row<{ conferences: number; pledges: number; cells: number }>(
        prisma,
        Prisma.sql`SELECT
            (SELECT count(*)::int FROM "Activity" a ${under(code, "a")}
              WHERE a.kind = 'CONFERENCE' AND a."occurredOn" = ${model.started}::date) AS conferences,
            (SELECT count(*)::int FROM "Commitment" k ${under(code, "k")}
              WHERE k.kind = 'PLEDGE' AND k."registeredOn" = ${model.started}::date) AS pledges,
            (SELECT count(*)::int FROM "Unit" u JOIN "Unit" p ON p.id = u."parentId"
              WHERE p.code = ${code} AND u.kind = 'PARTY_CELL') AS cells`,
      );
      expect(launch.conferences).toBe(1);
      // Every chi bộ, plus the People's Committee and the Front.
      expect(launch.pledges).toBe(launch.cells + 2);
    });

    it("Bình Lục's 2023 pilot programme spans the sectors its plan lists, in a district gone since 2025", async () => {
      const code = DEMO.districts.binhLuc;
      const district = await row<{ kind: string; until: Date }>(
        prisma,
        Prisma.sql`SELECT kind::text AS kind, "activeUntil" AS until FROM "Unit" WHERE code = ${code}`,
      );
      expect(district.kind).toBe("DISTRICT");
      expect(district.until.toISOString().slice(0, 10)).toBe("2025-06-30");
      const models = await row<{
        n: number;
        district: number;
        pilot: number;
        in2023: number;
        sectors: string[];
      }>(
        prisma,
        Prisma.sql`SELECT count(*)::int AS n,
            count(*) FILTER (WHERE m.level = 'DISTRICT')::int AS district,
            count(*) FILTER (WHERE m.programme = ${DEMO.programmes.pilot})::int AS pilot,
            count(*) FILTER (WHERE extract(year FROM m."startedOn") = 2023)::int AS in2023,
            array_agg(DISTINCT m.sector::text ORDER BY m.sector::text) AS sectors
          FROM "Model" m ${under(code, "m")}`,
      );
      expect(models.n).toBeGreaterThanOrEqual(5);
      expect(models).toMatchObject({ district: models.n, pilot: models.n, in2023: models.n });
      expect(models.sectors).toEqual([
        "CULTURE_SOCIETY",
        "ECONOMY",
        "ENVIRONMENT",
        "PARTY_BUILDING",
        "SECURITY_ORDER",
      ]);
    });
  });

  describe("unit tree", () => {
    it("gives every unit its closure rows, path and depth", async () => {
      const problems = await row<Record<string, number>>(
        prisma,
        Prisma.sql`SELECT
            (SELECT count(*)::int FROM "Unit" u WHERE NOT EXISTS (SELECT 1 FROM "UnitClosure" c
              WHERE c."ancestorId" = u.id AND c."descendantId" = u.id AND c.distance = 0)) AS "withoutSelf",
            (SELECT count(*)::int FROM "Unit" u WHERE u.depth + 1 <> (SELECT count(*) FROM "UnitClosure" c
              WHERE c."descendantId" = u.id)) AS "wrongAncestorCount",
            (SELECT count(*)::int FROM "Unit" u LEFT JOIN "Unit" p ON p.id = u."parentId"
              WHERE u.path <> coalesce(p.path, '/') || u.id || '/' OR u.depth <> coalesce(p.depth + 1, 0)) AS "wrongPath",
            (SELECT count(*)::int FROM "UnitClosure" c JOIN "Unit" a ON a.id = c."ancestorId" JOIN "Unit" d ON d.id = c."descendantId"
              WHERE left(d.path, length(a.path)) <> a.path OR c.distance <> d.depth - a.depth) AS "wrongClosure"`,
      );
      expect(problems).toEqual({
        withoutSelf: 0,
        wrongAncestorCount: 0,
        wrongPath: 0,
        wrongClosure: 0,
      });
    });

    it("puts 10–20 communes in one province, each commune's party members the sum of its chi bộ", async () => {
      const tree = await row<{ provinces: number; communes: number; wrongMembers: number }>(
        prisma,
        Prisma.sql`SELECT
            (SELECT count(*)::int FROM "Unit" WHERE kind = 'PROVINCE') AS provinces,
            (SELECT count(*)::int FROM "Unit" WHERE kind = 'COMMUNE') AS communes,
            (SELECT count(*)::int FROM "Unit" c WHERE c.kind = 'COMMUNE' AND c."activeUntil" IS NULL
              AND c."partyMembers" <> (SELECT coalesce(sum(u."partyMembers"), 0) FROM "Unit" u
                WHERE u."parentId" = c.id AND u.kind = 'PARTY_CELL' AND u."activeUntil" IS NULL)) AS "wrongMembers"`,
      );
      expect(tree.provinces).toBe(1);
      expect(tree.communes).toBeGreaterThanOrEqual(10);
      expect(tree.communes).toBeLessThanOrEqual(20);
      expect(tree.wrongMembers).toBe(0);
    });

    it("keeps merged communes' records before the merger, pointing at their successor", async () => {
      for (const [merged, successor] of Object.entries(DEMO.merged)) {
        const unit = await row<{ until: Date; successor: string; before: number; after: number }>(
          prisma,
          Prisma.sql`SELECT u."activeUntil" AS until, s.code AS successor,
              (SELECT count(*)::int FROM "Activity" a ${under(merged, "a")} WHERE a."occurredOn" <= DATE '2025-06-30') AS before,
              (SELECT count(*)::int FROM "Activity" a ${under(merged, "a")} WHERE a."occurredOn" > DATE '2025-06-30')
                + (SELECT count(*)::int FROM "Award" w ${under(merged, "w")} WHERE w."awardedOn" > DATE '2025-06-30')
                + (SELECT count(*)::int FROM "Commitment" k ${under(merged, "k")} WHERE k."registeredOn" > DATE '2025-06-30') AS after
            FROM "Unit" u JOIN "Unit" s ON s.id = u."successorId" WHERE u.code = ${merged}`,
        );
        expect(unit.until.toISOString().slice(0, 10)).toBe("2025-06-30");
        expect(unit.successor).toBe(successor);
        expect(unit.before).toBeGreaterThan(100);
        expect(unit.after).toBe(0);
      }
    });
  });

  describe("records", () => {
    it("keeps every model's status equal to the latest step of its history, starting with REGISTERED", async () => {
      const problems = await row<{ wrongStatus: number; wrongStart: number }>(
        prisma,
        Prisma.sql`SELECT
            count(*) FILTER (WHERE m.status <> last.status)::int AS "wrongStatus",
            count(*) FILTER (WHERE first.status <> 'REGISTERED' OR first."effectiveOn" <> m."startedOn")::int AS "wrongStart"
          FROM "Model" m
          CROSS JOIN LATERAL (SELECT s.status FROM "ModelStatusChange" s WHERE s."modelId" = m.id
            ORDER BY s."effectiveOn" DESC, s.id DESC LIMIT 1) last
          CROSS JOIN LATERAL (SELECT s.status, s."effectiveOn" FROM "ModelStatusChange" s WHERE s."modelId" = m.id
            ORDER BY s."effectiveOn", s.id LIMIT 1) first`,
      );
      expect(problems).toEqual({ wrongStatus: 0, wrongStart: 0 });
      const withoutHistory = await row<{ n: number }>(
        prisma,
        Prisma.sql`SELECT count(*)::int AS n FROM "Model" m
          WHERE NOT EXISTS (SELECT 1 FROM "ModelStatusChange" s WHERE s."modelId" = m.id)`,
      );
      expect(withoutHistory.n).toBe(0);
    });

    it("dates nothing after the demo's today", async () => {
      const latest = await row<{ latest: string }>(
        prisma,
        Prisma.sql`SELECT to_char(greatest(
            (SELECT max("occurredOn") FROM "Activity"),
            (SELECT max("startedOn") FROM "Model"),
            (SELECT max("effectiveOn") FROM "ModelStatusChange"),
            (SELECT max("recordedOn") FROM "ModelContribution"),
            (SELECT max(greatest("registeredOn", "completedOn", "replicatedOn")) FROM "Commitment"),
            (SELECT max("awardedOn") FROM "Award"),
            (SELECT max(greatest("activeFrom", "activeUntil")) FROM "Unit")), 'YYYY-MM-DD') AS latest`,
      );
      // Up to the demo's today (ISO dates compare as strings), and recent enough to look live.
      expect(latest.latest <= DEMO.asOf).toBe(true);
      expect(latest.latest >= "2026-10-01").toBe(true);
      const future = await row<{ n: number }>(
        prisma,
        Prisma.sql`SELECT ((SELECT count(*) FROM "Activity" WHERE "createdAt" > now())
            + (SELECT count(*) FROM "Award" WHERE "createdAt" > now())
            + (SELECT count(*) FROM "Commitment" WHERE "updatedAt" > now()))::int AS n`,
      );
      expect(future.n).toBe(0);
    });

    it("gives the charts shape: every month since 2021, at least 10 communes a year, some not reporting lately", async () => {
      const shape = await row<{ months: number; minCommunes: number; years: number }>(
        prisma,
        Prisma.sql`SELECT
            (SELECT count(DISTINCT date_trunc('month', "occurredOn"))::int FROM "Activity"
              WHERE "occurredOn" >= DATE '2021-01-01') AS months,
            (SELECT min(n)::int FROM (SELECT extract(year FROM a."occurredOn") AS y, count(DISTINCT top.id) AS n
              FROM "Activity" a JOIN "UnitClosure" sub ON sub."descendantId" = a."unitId"
              JOIN "Unit" top ON top.id = sub."ancestorId" AND top.kind = 'COMMUNE'
              WHERE a."occurredOn" >= DATE '2021-01-01' GROUP BY 1) per_year) AS "minCommunes",
            (SELECT count(DISTINCT extract(year FROM "occurredOn"))::int FROM "Activity"
              WHERE "occurredOn" >= DATE '2021-01-01') AS years`,
      );
      // January 2021 to October 2026.
      expect(shape).toEqual({ months: 70, minCommunes: shape.minCommunes, years: 6 });
      expect(shape.minCommunes).toBeGreaterThanOrEqual(10);
      for (const [code, silentFrom] of Object.entries(DEMO.notReporting)) {
        const counts = await row<{ before: number; after: number }>(
          prisma,
          Prisma.sql`SELECT
              count(*) FILTER (WHERE a."occurredOn" < ${silentFrom}::date
                AND a."occurredOn" >= ${silentFrom}::date - 92)::int AS before,
              count(*) FILTER (WHERE a."occurredOn" >= ${silentFrom}::date)::int AS after
            FROM "Activity" a ${under(code, "a")}`,
        );
        expect(counts.before).toBeGreaterThan(0);
        expect(counts.after).toBe(0);
      }
    });

    it("creates one account per role, scoped as listed, with the listed passwords", async () => {
      const users = await prisma.user.findMany({ include: { unit: true }, orderBy: { id: "asc" } });
      expect(users.map((u) => [u.username, u.role, u.unit.code])).toEqual(
        DEMO_ACCOUNTS.map((a) => [a.username, a.role, a.unitCode]),
      );
      expect(new Set(users.map((u) => u.role))).toEqual(
        new Set(["ADMIN", "REPORTER", "VIEWER", "ANALYST"]),
      );
      const admin = users.find((u) => u.role === "ADMIN");
      const account = DEMO_ACCOUNTS.find((a) => a.role === "ADMIN");
      expect(admin && account && (await verifyPassword(account.password, admin.passwordHash))).toBe(
        true,
      );
    });
  });

  describe("determinism", () => {
    it("builds the same rows on every call", () => {
      const json = (value: unknown) =>
        JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
      expect(json(buildDemo())).toBe(json(buildDemo()));
    });

    it("reloads to identical rows after clearing, and matches the other backend", async () => {
      const first = await fingerprint(prisma);
      await clearDatabase(prisma);
      expect(await isDatabaseEmpty(prisma)).toBe(true);
      expect((await fingerprint(prisma)).Activity).toBe("0:");
      await seedDemo(prisma);
      expect(await fingerprint(prisma)).toEqual(first);
      const other = [...fingerprints.values()][0];
      if (other) expect(first).toEqual(other);
      fingerprints.set(backend, first);
    });

    it("leaves the id sequences after the seeded ids", async () => {
      const max = await prisma.unit.aggregate({ _max: { id: true } });
      const unit = await prisma.unit.create({
        data: { code: "TEST-NEW", name: "Thôn mới", kind: "VILLAGE", path: "/", depth: 0 },
      });
      expect(unit.id).toBe((max._max.id ?? 0) + 1);
      await prisma.unit.delete({ where: { id: unit.id } });
    });
  });
});

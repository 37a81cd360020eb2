// The figures migration on a database holding rows written before it: awards get the emulation
// year and ground its rule gives (docs: prisma/migrations/*_figures_records), their rollup counts
// them in that year, and each unit's single party-member figure becomes its first history entry.
import { applyMigrations, knownMigrations, openDatabase } from "@d05/prisma";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Backend, backends, createEmptyPostgresDatabase } from "../support/databases";

const FIGURES = "20261202110402_figures_records";

describe.each(backends)("the figures migration on %s", (backend: Backend) => {
  let url = "memory:";
  let drop = async () => {};
  beforeAll(async () => {
    if (backend === "postgres") ({ url, drop } = await createEmptyPostgresDatabase());
  });
  afterAll(() => drop());

  it("gives old awards an emulation year and a ground by its rule, and units a membership history", async () => {
    const db = await openDatabase(
      backend === "postgres" ? { kind: "postgres", url } : { kind: "memory" },
    );
    try {
      const names = knownMigrations();
      const before = names.filter((n) => n < FIGURES);
      await applyMigrations(db.adapterFactory, before);
      const sql = (text: string) => db.prisma.$executeRawUnsafe(text);
      await sql(`INSERT INTO "Theme" ("id", "year", "title") VALUES (1, 2023, 'Chuyên đề 2023')`);
      await sql(`INSERT INTO "Unit" ("id", "code", "name", "kind", "path", "depth", "partyMembers", "updatedAt")
        VALUES (1, 'X', 'Xã Cũ', 'COMMUNE', '/1/', 0, 240, now())`);
      await sql(`INSERT INTO "Unit" ("id", "code", "name", "kind", "parentId", "path", "depth", "partyMembers", "activeFrom", "updatedAt")
        VALUES (2, 'X-1', 'Chi bộ Mới', 'PARTY_CELL', 1, '/1/2/', 1, 31, '2022-03-01', now())`);
      await sql(`INSERT INTO "UnitClosure" ("ancestorId", "descendantId", "distance")
        VALUES (1, 1, 0), (2, 2, 0), (1, 2, 1)`);
      const award = (id: number, day: string, reason: string, themeId: number | null) =>
        sql(`INSERT INTO "Award" ("id", "unitId", "recipientKind", "recipientCount", "level", "form",
            "awardedOn", "reason", "themeId", "updatedAt")
          VALUES (${id}, 1, 'COLLECTIVE', ${id + 1}, 'COMMUNE', 'COMMENDATION', '${day}', '${reason}', ${themeId ?? "NULL"}, now())`);
      await award(1, "2024-01-19", "Thực hiện chuyên đề năm 2023", 1);
      await award(2, "2024-02-10", "Chỉ tiêu nghị quyết, thi đua năm 2023", null);
      await award(3, "2024-05-02", "Mô hình “Dân vận khéo” năm 2023", null);
      await award(4, "2024-01-05", "Điển hình tiên tiến", null);

      // The figures migration, then any later one.
      expect((await applyMigrations(db.adapterFactory))[0]).toBe(FIGURES);

      const awards = await db.prisma.award.findMany({
        orderBy: { id: "asc" },
        select: { id: true, emulationYear: true, ground: true },
      });
      expect(awards).toEqual([
        // Tied to the 2023 theme: 2023, whenever decided.
        { id: 1, emulationYear: 2023, ground: "YEAR_THEME" },
        // January–March, naming the previous year: that year.
        { id: 2, emulationYear: 2023, ground: "EMULATION_TARGETS" },
        // Naming 2023 but decided in May: the decision's year.
        { id: 3, emulationYear: 2024, ground: "MODEL_PROGRAMME" },
        // January without naming a year: the decision's year.
        { id: 4, emulationYear: 2024, ground: "OTHER" },
      ]);
      const rollup = await db.prisma.$queryRaw<
        { month: string; decision: string; awards: number }[]
      >`
        SELECT to_char("month", 'YYYY-MM') AS "month", to_char("decisionMonth", 'YYYY-MM') AS "decision",
          sum("awards")::int AS "awards"
        FROM "AwardRollup" WHERE "unitId" = 1 GROUP BY 1, 2 ORDER BY 1, 2`;
      expect(rollup).toEqual([
        { month: "2023-12", decision: "2024-01", awards: 2 },
        { month: "2023-12", decision: "2024-02", awards: 3 },
        { month: "2024-01", decision: "2024-01", awards: 5 },
        { month: "2024-05", decision: "2024-05", awards: 4 },
      ]);
      const history = await db.prisma.unitMembership.findMany({ orderBy: { unitId: "asc" } });
      expect(
        history.map((h) => [h.unitId, h.effectiveOn.toISOString().slice(0, 10), h.partyMembers]),
      ).toEqual([
        [1, "0001-01-01", 240],
        [2, "2022-03-01", 31],
      ]);
      // From now on a changed figure adds an entry from today; the unit keeps today's figure.
      await sql(`UPDATE "Unit" SET "partyMembers" = 250 WHERE "id" = 1`);
      const [today] = await db.prisma.$queryRaw<{ members: number }[]>`
        SELECT unit_members_on(1, current_date) AS "members"`;
      expect(today?.members).toBe(250);
      const [past] = await db.prisma.$queryRaw<{ members: number }[]>`
        SELECT unit_members_on(1, '2024-12-31') AS "members"`;
      expect(past?.members).toBe(240);
    } finally {
      await db.close();
    }
  });
});

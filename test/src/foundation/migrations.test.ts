import { applyMigrations, diffSchemaAgainstMigrations, openDatabase } from "@d05/prisma";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Backend, backends, createEmptyPostgresDatabase } from "../support/databases";

describe("migrations", () => {
  it("agree with schema.prisma (pnpm db:check is clean)", async () => {
    expect(await diffSchemaAgainstMigrations()).toBeNull();
  });

  describe.each(backends)("on %s", (backend: Backend) => {
    let url = "memory:";
    let drop = async () => {};
    beforeAll(async () => {
      if (backend === "postgres") ({ url, drop } = await createEmptyPostgresDatabase());
    });
    afterAll(() => drop());

    it("apply cleanly to an empty database, then have nothing left to apply", async () => {
      const db = await openDatabase(
        backend === "postgres" ? { kind: "postgres", url } : { kind: "memory" },
      );
      try {
        const first = await applyMigrations(db.adapterFactory);
        expect(first.length).toBeGreaterThan(0);
        expect(await applyMigrations(db.adapterFactory)).toEqual([]);
        const tables = await db.prisma.$queryRaw<{ table_name: string }[]>`
          SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`;
        expect(tables.map((t) => t.table_name)).toEqual(
          expect.arrayContaining([
            "Unit",
            "UnitClosure",
            "Activity",
            "Model",
            "Award",
            "Commitment",
            "User",
            "AuditLog",
            "_prisma_migrations",
          ]),
        );
        // Recorded like the stock CLI does, so `prisma migrate deploy` can take over later.
        const recorded = await db.prisma.$queryRaw<{ migration_name: string }[]>`
          SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL`;
        expect(recorded.map((r) => r.migration_name).sort()).toEqual([...first].sort());
      } finally {
        await db.close();
      }
    });
  });
});

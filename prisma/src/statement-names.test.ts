// The statement-name table: a name stands for one text only (values are never part of a text:
// Prisma.sql binds them), and however many shapes of question callers send, the table stays
// bounded; texts past it run unnamed, as every statement did before.
import { describe, expect, it } from "vitest";
import { statementNames } from "./statement-names";

// A table of its own: the process's table is shared by every test file in the same worker.
describe("statementNames", () => {
  it("names one text the same way every time, and two texts differently", () => {
    const statementName = statementNames(300);
    const a = statementName({ sql: 'SELECT "x" FROM "Unit" WHERE "id" = $1 -- names test a' });
    const b = statementName({ sql: 'SELECT "x" FROM "Unit" WHERE "id" = $1 -- names test b' });
    expect(a).toMatch(/^d05_/);
    expect(statementName({ sql: 'SELECT "x" FROM "Unit" WHERE "id" = $1 -- names test a' })).toBe(
      a,
    );
    expect(b).not.toBe(a);
  });

  it("stops naming new texts once the table is full, and keeps the names it gave", () => {
    const STATEMENT_NAMES = 300;
    const statementName = statementNames(STATEMENT_NAMES);
    const first = statementName({ sql: "SELECT 1 -- names test first" });
    for (let i = 0; i < STATEMENT_NAMES + 10; i++) statementName({ sql: `SELECT ${i} -- filler` });
    expect(statementName({ sql: "SELECT 2 -- one text too many" })).toBe("");
    expect(statementName({ sql: "SELECT 1 -- names test first" })).toBe(first);
  });
});

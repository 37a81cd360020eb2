// Bulk import of the official post-2025 list of administrative units (34 provinces, 3,321
// communes): parsed and checked row by row in memory, then written with a handful of set-based
// statements (INSERT ... SELECT over jsonb_to_recordset), so the whole list lands in one short
// transaction instead of ~10,000 round trips.
import type { Prisma, UnitKind } from "@d05/prisma";
import { isStorableText, UNSTORABLE_MESSAGE } from "../validation";
import { UNIT_CODE, UNIT_NAME_MAX } from "./rules";

type Tx = Prisma.TransactionClient;

export interface ImportRowError {
  /** Where in the file, e.g. "Wards[12] of province 01". */
  row: string;
  field: string;
  message: string;
}

export interface ImportPlanRow {
  code: string;
  name: string;
  kind: UnitKind;
  /** Code of the parent row in the file; null for a province (it goes under the import's parent). */
  parentCode: string | null;
  /** Where the row is in the file, for the report. */
  row: string;
}

export interface ImportReport {
  ok: boolean;
  created: number;
  updated: number;
  errors: ImportRowError[];
}

/** Reads the file `vn-admin-units-2025.json` as published: [{Code, FullName, Wards: [...]}]. */
export function parseVnAdminUnits2025(content: string): {
  rows: ImportPlanRow[];
  errors: ImportRowError[];
} {
  const errors: ImportRowError[] = [];
  const rows: ImportPlanRow[] = [];
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    return {
      rows,
      errors: [
        { row: "file", field: "content", message: `Not valid JSON: ${(error as Error).message}` },
      ],
    };
  }
  if (!Array.isArray(data)) {
    return {
      rows,
      errors: [{ row: "file", field: "content", message: "Expected an array of provinces." }],
    };
  }
  const seen = new Map<string, string>();
  const checkCode = (row: string, value: unknown): string | null => {
    if (typeof value !== "string" || value.length === 0) {
      errors.push({ row, field: "Code", message: "Code is missing." });
      return null;
    }
    if (!UNIT_CODE.test(value)) {
      errors.push({
        row,
        field: "Code",
        message: `Code "${value}" must be 1–32 of A–Z a–z 0–9 . _ -.`,
      });
      return null;
    }
    const first = seen.get(value);
    if (first !== undefined) {
      errors.push({ row, field: "Code", message: `Code "${value}" is already used by ${first}.` });
      return null;
    }
    seen.set(value, row);
    return value;
  };
  const checkName = (row: string, value: unknown): string | null => {
    const name = typeof value === "string" ? value.trim() : "";
    if (!isStorableText(name)) {
      errors.push({ row, field: "FullName", message: UNSTORABLE_MESSAGE });
      return null;
    }
    if (name.length === 0 || name.length > UNIT_NAME_MAX) {
      errors.push({
        row,
        field: "FullName",
        message: `FullName must be 1–${UNIT_NAME_MAX} characters.`,
      });
      return null;
    }
    return name;
  };

  data.forEach((province: unknown, p) => {
    const provinceRow = `[${p}]`;
    if (typeof province !== "object" || province === null || Array.isArray(province)) {
      errors.push({ row: provinceRow, field: "", message: "Expected a province object." });
      return;
    }
    const record = province as Record<string, unknown>;
    const code = checkCode(provinceRow, record.Code);
    const name = checkName(provinceRow, record.FullName);
    if (code !== null && name !== null)
      rows.push({ code, name, kind: "PROVINCE", parentCode: null, row: provinceRow });
    const label = typeof record.Code === "string" ? record.Code : provinceRow;
    if (!Array.isArray(record.Wards)) {
      errors.push({ row: `province ${label}`, field: "Wards", message: "Wards must be an array." });
      return;
    }
    record.Wards.forEach((ward: unknown, w) => {
      const row = `Wards[${w}] of province ${label}`;
      if (typeof ward !== "object" || ward === null || Array.isArray(ward)) {
        errors.push({ row, field: "", message: "Expected a ward object." });
        return;
      }
      const wardRecord = ward as Record<string, unknown>;
      const wardCode = checkCode(row, wardRecord.Code);
      const wardName = checkName(row, wardRecord.FullName);
      if (wardRecord.ProvinceCode !== undefined && wardRecord.ProvinceCode !== record.Code) {
        errors.push({
          row,
          field: "ProvinceCode",
          message: `ProvinceCode "${String(wardRecord.ProvinceCode)}" differs from the enclosing province's Code.`,
        });
        return;
      }
      if (wardCode !== null && wardName !== null && code !== null) {
        rows.push({ code: wardCode, name: wardName, kind: "COMMUNE", parentCode: code, row });
      }
    });
  });
  return { rows, errors };
}

interface ExistingUnit {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
}

/**
 * Compares the rows with the units already stored (matched by code): new rows are created, rows
 * whose name changed are updated, and a code held by a unit of another kind or under another
 * parent is an error, since importing must never silently move units.
 */
export async function planImport(
  tx: Tx,
  rows: ImportPlanRow[],
  parent: { id: number | null },
): Promise<{ create: ImportPlanRow[]; update: ImportPlanRow[]; errors: ImportRowError[] }> {
  const existing = await tx.unit.findMany({
    where: { code: { in: rows.map((r) => r.code) } },
    select: { id: true, code: true, name: true, kind: true, parentId: true },
  });
  const byCode = new Map<string, ExistingUnit>(existing.map((u) => [u.code, u]));
  const create: ImportPlanRow[] = [];
  const update: ImportPlanRow[] = [];
  const errors: ImportRowError[] = [];
  for (const row of rows) {
    const found = byCode.get(row.code);
    if (!found) {
      create.push(row);
      continue;
    }
    const expectedParent =
      row.parentCode === null ? parent.id : (byCode.get(row.parentCode)?.id ?? undefined);
    if (found.kind !== row.kind || found.parentId !== expectedParent) {
      errors.push({
        row: row.row,
        field: "Code",
        message: `Code "${row.code}" already belongs to another unit (a ${found.kind} elsewhere in the tree).`,
      });
      continue;
    }
    if (found.name !== row.name) update.push(row);
  }
  return { create, update, errors };
}

/** Writes a plan: names first, then provinces, then communes, each with its closure rows. */
export async function applyImport(
  tx: Tx,
  plan: { create: ImportPlanRow[]; update: ImportPlanRow[] },
  parent: { id: number | null; path: string | null; depth: number },
  activeFrom: Date | null,
): Promise<void> {
  if (plan.update.length > 0) {
    await tx.$executeRaw`
      UPDATE "Unit" u SET "name" = v."name", "updatedAt" = now()
        FROM jsonb_to_recordset(${JSON.stringify(plan.update)}::jsonb) AS v("code" text, "name" text)
       WHERE u."code" = v."code"`;
  }
  const provinces = plan.create.filter((r) => r.parentCode === null);
  const communes = plan.create.filter((r) => r.parentCode !== null);
  if (provinces.length > 0) {
    const rootPath = parent.path ?? "/";
    await tx.$executeRaw`
      WITH v AS (
        SELECT nextval(pg_get_serial_sequence('"Unit"', 'id'))::int AS "id", r."code", r."name"
          FROM jsonb_to_recordset(${JSON.stringify(provinces)}::jsonb) AS r("code" text, "name" text)
      )
      INSERT INTO "Unit" ("id", "code", "name", "kind", "parentId", "path", "depth", "activeFrom", "updatedAt")
      SELECT v."id", v."code", v."name", 'PROVINCE', ${parent.id}::int, ${rootPath} || v."id" || '/',
             ${parent.id === null ? 0 : parent.depth + 1}::int, ${activeFrom}::date, now()
        FROM v`;
    await insertClosureRows(
      tx,
      provinces.map((r) => r.code),
    );
  }
  if (communes.length > 0) {
    await tx.$executeRaw`
      WITH v AS (
        SELECT nextval(pg_get_serial_sequence('"Unit"', 'id'))::int AS "id", r."code", r."name",
               p."id" AS "parentId", p."path" AS "parentPath", p."depth" AS "parentDepth"
          FROM jsonb_to_recordset(${JSON.stringify(communes)}::jsonb) AS r("code" text, "name" text, "parentCode" text)
          JOIN "Unit" p ON p."code" = r."parentCode"
      )
      INSERT INTO "Unit" ("id", "code", "name", "kind", "parentId", "path", "depth", "activeFrom", "updatedAt")
      SELECT v."id", v."code", v."name", 'COMMUNE', v."parentId", v."parentPath" || v."id" || '/',
             v."parentDepth" + 1, ${activeFrom}::date, now()
        FROM v`;
    await insertClosureRows(
      tx,
      communes.map((r) => r.code),
    );
  }
}

/** Closure rows of freshly inserted units whose parents already have theirs. */
async function insertClosureRows(tx: Tx, codes: string[]): Promise<void> {
  await tx.$executeRaw`
    WITH n AS (
      SELECT u."id", u."parentId" FROM "Unit" u
       WHERE u."code" IN (SELECT jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))
    )
    INSERT INTO "UnitClosure" ("ancestorId", "descendantId", "distance")
    SELECT n."id", n."id", 0 FROM n
    UNION ALL
    SELECT c."ancestorId", n."id", c."distance" + 1
      FROM n JOIN "UnitClosure" c ON c."descendantId" = n."parentId"`;
}

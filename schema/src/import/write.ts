import type { Prisma } from "@d05/prisma";
import type { ActivityRecord, AwardRecord, ImportKind, ModelRecord } from "./kinds";

type Tx = Prisma.TransactionClient;

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for the widest table. */
const CHUNK = 1_000;

/** Ids of the records written, in file order, with the unit each belongs to. */
export interface Written {
  ids: number[];
  unitIds: number[];
}

/**
 * Takes `n` ids from the table's sequence up front, so the bulk INSERTs can carry them: a model's
 * history and contribution rows need its id, and the change events name a record per unit,
 * without reading 20,000 rows back.
 */
async function reserveIds(tx: Tx, table: "Activity" | "Model" | "Award", n: number) {
  const rows = await tx.$queryRawUnsafe<{ id: number }[]>(
    `SELECT nextval(pg_get_serial_sequence('"${table}"', 'id'))::int AS id FROM generate_series(1, $1::int)`,
    n,
  );
  return rows.map((r) => r.id);
}

async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Bulk inserts of validated records; the rollup triggers run per row inside the same transaction. */
export async function writeRecords(
  tx: Tx,
  kind: ImportKind,
  records: unknown[],
  createdById: number,
): Promise<Written> {
  if (kind === "ACTIVITIES") {
    const rows = records as ActivityRecord[];
    const ids = await reserveIds(tx, "Activity", rows.length);
    const data = rows.map((r, i) => ({ id: ids[i] as number, ...r, createdById }));
    await inChunks(data, (chunk) => tx.activity.createMany({ data: chunk }));
    return { ids, unitIds: rows.map((r) => r.unitId) };
  }
  if (kind === "AWARDS") {
    const rows = records as AwardRecord[];
    const ids = await reserveIds(tx, "Award", rows.length);
    const data = rows.map((r, i) => ({ id: ids[i] as number, ...r, createdById }));
    await inChunks(data, (chunk) => tx.award.createMany({ data: chunk }));
    return { ids, unitIds: rows.map((r) => r.unitId) };
  }
  const rows = records as ModelRecord[];
  const ids = await reserveIds(tx, "Model", rows.length);
  const models = rows.map(({ contribution: _c, ...m }, i) => ({
    id: ids[i] as number,
    ...m,
    createdById,
  }));
  await inChunks(models, (chunk) => tx.model.createMany({ data: chunk }));
  // The first step of each lifecycle, as registerModel writes it.
  const history = rows.map((m, i) => ({
    modelId: ids[i] as number,
    status: m.status,
    effectiveOn: m.startedOn,
    note: "Đăng ký (registered)",
  }));
  await inChunks(history, (chunk) => tx.modelStatusChange.createMany({ data: chunk }));
  const contributions = rows.flatMap((m, i) =>
    m.contribution ? [{ modelId: ids[i] as number, ...m.contribution }] : [],
  );
  await inChunks(contributions, (chunk) => tx.modelContribution.createMany({ data: chunk }));
  return { ids, unitIds: rows.map((r) => r.unitId) };
}

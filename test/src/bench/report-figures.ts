// Where a province report's time goes before its file is laid out: reading its figures (every
// query the report makes, on the server's thread with PGlite), measured in this process on the
// bench's PGlite data set; and the per-unit queries of the subordinate table with the analytics
// engine's GROUP BY as it is and as it was before (the members column, unit_members_on(), in the
// group key: PostgreSQL then called it once per rollup row joined instead of once per unit). Both
// forms run here, interleaved, on the same data: the ratio is old ÷ new.

import { openDatabase, Prisma, type PrismaClient } from "@d05/prisma";
import { computeRaw, type EngineQuery } from "../../../schema/src/analytics/engine";
import type { Measure } from "../../../schema/src/analytics/measures";
import { gatherFigures } from "../../../schema/src/report/figures";
import { comparableSpan } from "../../../schema/src/report/span";
import type { DatasetInfo, Target } from "./env";

export interface FigureBenchRow {
  what: string;
  medianMs: number;
  /** The same read as the code was before (old GROUP BY), median ms; null when not applicable. */
  oldMedianMs: number | null;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/**
 * The engine's GROUP BY as it was: the members column (the one after the 2n key columns) in the
 * group key instead of the unit's id.
 */
function oldGrouping(text: string): string {
  return text.replace(/GROUP BY ((?:\d+, )*\d+), du\."id"/g, (_, keys: string) => {
    const n = keys.split(", ").length;
    return `GROUP BY ${keys}, ${n + 1}`;
  });
}

/** A client whose raw reads (Prisma.sql or a tagged template) are sent with the old GROUP BY. */
function withOldGrouping(prisma: PrismaClient): Parameters<typeof gatherFigures>[0] {
  const $queryRaw = (first: Prisma.Sql | TemplateStringsArray, ...values: unknown[]) => {
    const sql = first instanceof Prisma.Sql ? first : Prisma.sql(first, ...values);
    return prisma.$queryRawUnsafe(oldGrouping(sql.text), ...sql.values);
  };
  return { $queryRaw, unit: prisma.unit } as unknown as Parameters<typeof gatherFigures>[0];
}

/** The subordinate table's per-unit measures, one query per source (as subordinateRows asks). */
const UNIT_MEASURES: Measure[] = ["SESSIONS", "ATTENDANCE", "MODELS_ACTIVE", "AWARDS"];

export async function reportFigures(
  target: Target,
  info: DatasetInfo,
  runs: number,
  log: (line: string) => void,
): Promise<FigureBenchRow[]> {
  if (target.kind !== "pglite") return [];
  const db = await openDatabase({ kind: "pglite", dataDir: target.dataDir });
  try {
    const prisma = db.prisma;
    const province = await prisma.unit.findUniqueOrThrow({ where: { id: info.provinceId } });
    const year = new Date().getUTCFullYear() - 1;
    const period = { from: new Date(`${year}-01-01`), to: new Date(`${year}-12-31`) };
    const span = comparableSpan(period, new Date());
    // The SQL of the per-unit reads, captured from the engine rather than copied.
    const captured: Prisma.Sql[] = [];
    const capture = {
      $queryRaw: async (sql: Prisma.Sql) => {
        captured.push(sql);
        return [];
      },
    } as unknown as Parameters<typeof computeRaw>[0];
    const query: EngineQuery = {
      rootId: province.id,
      measures: UNIT_MEASURES,
      dimensions: ["UNIT"],
      unitLevel: "COMMUNE",
      period,
      filters: {},
    };
    await computeRaw(capture, query);
    const now = captured.map((sql) => ({ text: sql.text, values: sql.values }));
    const before = now.map((q) => ({ ...q, text: oldGrouping(q.text) }));
    if (before.some((q, i) => q.text === now[i]?.text)) {
      throw new Error("report figures bench: the engine's GROUP BY changed; update the old form");
    }
    const readAll = (qs: typeof now) => async () => {
      for (const q of qs) await prisma.$queryRawUnsafe(q.text, ...q.values);
    };
    const old = withOldGrouping(prisma);
    // One unmeasured round: PGlite reads the pages into its cache.
    await gatherFigures(prisma, province, span);
    await gatherFigures(old, province, span);
    await readAll(now)();
    await readAll(before)();
    const gather: number[] = [];
    const oldGather: number[] = [];
    const newUnit: number[] = [];
    const oldUnit: number[] = [];
    for (let r = 0; r < runs; r++) {
      gather.push(await timed(() => gatherFigures(prisma, province, span)));
      oldGather.push(await timed(() => gatherFigures(old, province, span)));
      newUnit.push(await timed(readAll(now)));
      oldUnit.push(await timed(readAll(before)));
    }
    const f = (xs: number[]) => xs.map((t) => t.toFixed(0)).join(", ");
    log(`report figures: gatherFigures new ${f(gather)} ms, old ${f(oldGather)} ms`);
    log(`report figures: per-unit reads new ${f(newUnit)} ms, old ${f(oldUnit)} ms`);
    const communes = `${info.provinceName} (${info.communesInProvince} communes), năm ${year}`;
    return [
      {
        what: `every figure of the report (gatherFigures), ${communes}`,
        medianMs: median(gather),
        oldMedianMs: median(oldGather),
      },
      {
        what: `the ${now.length} per-commune reads of the subordinate table (${UNIT_MEASURES.join(", ")})`,
        medianMs: median(newUnit),
        oldMedianMs: median(oldUnit),
      },
    ];
  } finally {
    await db.close();
  }
}

export function figureTable(rows: FigureBenchRow[]): string {
  const f = (v: number) => v.toFixed(0);
  return [
    "| report figures, in-process (embedded PGlite) | median ms | before (old GROUP BY) ms | old ÷ new |",
    "| --- | ---: | ---: | ---: |",
    ...rows.map(
      (r) =>
        `| ${r.what} | ${f(r.medianMs)} | ${r.oldMedianMs === null ? "–" : f(r.oldMedianMs)} | ${r.oldMedianMs === null ? "–" : (r.oldMedianMs / r.medianMs).toFixed(1)} |`,
    ),
  ].join("\n");
}

// Every figure a periodic report states, for its span and for "cùng kỳ", read through the
// analytics engine (rollups only). The one exception is the programme breakdown ("Dân vận khéo"):
// no measure splits by programme yet (issue 12 adds that filter), so it is read from the models
// and their contributions under the unit, for the span only.
import { Prisma, type PrismaClient, type Unit, type UnitKind } from "@d05/prisma";
import {
  type Cell,
  computeRaw,
  type EngineQuery,
  finalValue,
  type RawRow,
} from "../analytics/engine";
import type { Measure } from "../analytics/measures";
import {
  bucketLabel,
  buckets,
  type Granularity,
  isoDay,
  type Period,
  periodMonths,
} from "../analytics/periods";
import { runComparison } from "../analytics/reports";
import {
  activityKinds,
  awardForms,
  awardGrounds as awardGroundTable,
  type EnumTable,
  modelSectors,
  recipientKinds,
} from "../domain/enums";
import type { ReportSpan } from "./span";

type Db = Pick<PrismaClient, "$queryRaw" | "unit">;

export const TOTAL_MEASURES = [
  "SESSIONS",
  "ATTENDANCE",
  "ACTIVITIES",
  "ATTENDANCE_PER_100_MEMBERS",
  "MODELS_ACTIVE",
  "MODELS_REPLICATED_STOCK",
  "MODELS_DISCONTINUED_STOCK",
  "MODELS_STARTED",
  "MODELS_REPLICATED",
  "MODEL_PARTICIPANTS",
  "CONTRIBUTION_VND",
  "CONTRIBUTION_LAND_M2",
  "CONTRIBUTION_WORKDAYS",
  "AWARDS",
  "AWARDS_COLLECTIVE",
  "AWARDS_INDIVIDUAL",
  "COMMITMENTS_REGISTERED",
  "COMMITMENTS_COMPLETED",
  "REGISTRATION_RATE",
] as const satisfies readonly Measure[];
export type TotalMeasure = (typeof TOTAL_MEASURES)[number];

/** A figure now and in the compared span (null: undefined, e.g. a rate without any chi bộ). */
export interface Compared {
  value: number | null;
  previous: number | null;
}

export interface KeyedFigures {
  key: string;
  label: string;
  values: Compared[];
}

export interface SubordinateRow {
  name: string;
  sessions: number;
  attendance: number;
  attendancePer100: number | null;
  modelsActive: number;
  awards: number;
  registrationRate: number | null;
  reported: boolean;
  /** In the lowest quarter by attendance per 100 party members (or without a figure). */
  lagging: boolean;
  rank: number;
}

export interface ProgrammeFigures {
  programme: string;
  models: number;
  participants: number;
  /** landValueVnd + cashVnd + inKindVnd. */
  totalVnd: number;
  landM2: number;
  landValueVnd: number;
  cashVnd: number;
  inKindVnd: number;
  workdays: number;
}

export interface ReportFigures {
  unit: Unit;
  parent: Unit | null;
  span: ReportSpan;
  totals: Record<TotalMeasure, Compared>;
  /** Chi bộ that registered / chi bộ existing at the end of each span. */
  registration: { registered: Compared; eligible: Compared };
  /** Per activity kind: sessions, attendance. */
  activities: KeyedFigures[];
  /** Per sector: models active at the end, models started in the span. */
  modelsBySector: KeyedFigures[];
  programmes: ProgrammeFigures[];
  /** Per ground (theme, else form of award): collectives, individuals. */
  awards: KeyedFigures[];
  /** Attendance bucket by bucket (months, quarters or years), with the bucket a year earlier. */
  attendanceTrend: KeyedFigures[];
  subordinateLevel: UnitKind | null;
  subordinates: SubordinateRow[];
}

/** The kind of unit a report's table compares: communes under a province, chi bộ under a commune. */
export function subordinateLevelOf(kind: UnitKind): UnitKind | null {
  if (kind === "PROVINCE" || kind === "DISTRICT") return "COMMUNE";
  if (kind === "COMMUNE") return "PARTY_CELL";
  return null;
}

function query(root: Unit, measures: Measure[], period: Period, more: Partial<EngineQuery> = {}) {
  return {
    rootId: root.id,
    measures,
    dimensions: [],
    unitLevel: null,
    period,
    filters: {},
    ...more,
  } satisfies EngineQuery;
}

const cellOf = (raw: Map<string, RawRow>, key: string, m: Measure) => raw.get(key)?.cells.get(m);

/** Rows of both spans keyed alike, in the order of `order` (keys of either span). */
function keyed(
  now: Map<string, RawRow>,
  before: Map<string, RawRow>,
  measures: Measure[],
  label: (key: string, row: RawRow | undefined) => string,
  members: number,
): KeyedFigures[] {
  const keys = [...new Set([...now.keys(), ...before.keys()])].sort(byEnumOrder);
  return keys.map((key) => ({
    key,
    label: label(key, now.get(key) ?? before.get(key)),
    values: measures.map((m) => ({
      value: finalValue(m, cellOf(now, key, m), members),
      previous: finalValue(m, cellOf(before, key, m), members),
    })),
  }));
}

export async function gatherFigures(db: Db, unit: Unit, span: ReportSpan): Promise<ReportFigures> {
  const { current, previous } = span;
  const both = (q: (p: Period) => EngineQuery) =>
    Promise.all([computeRaw(db, q(current)), computeRaw(db, q(previous))]);
  const level = subordinateLevelOf(unit.kind);
  const [totals, activities, sectors, awards, months, programmes, subordinates, parent] =
    await Promise.all([
      both((p) => query(unit, [...TOTAL_MEASURES], p)),
      both((p) => query(unit, ["SESSIONS", "ATTENDANCE"], p, { dimensions: ["ACTIVITY_KIND"] })),
      both((p) => query(unit, ["MODELS_ACTIVE"], p, { dimensions: ["SECTOR"] })),
      both((p) =>
        query(unit, ["AWARDS"], p, { dimensions: ["AWARD_GROUND", "THEME", "RECIPIENT_KIND"] }),
      ),
      both((p) => query(unit, ["ATTENDANCE"], p, { dimensions: [trendStep(current)] })),
      programmeFigures(db, unit.id, current),
      level ? subordinateRows(db, unit, level, current) : Promise.resolve([]),
      unit.parentId ? db.unit.findUnique({ where: { id: unit.parentId } }) : null,
    ]);
  const [totalNow, totalBefore] = totals;
  const started = await computeRaw(
    db,
    query(unit, ["MODELS_STARTED"], current, { dimensions: ["SECTOR"] }),
  );
  const members = unit.partyMembers;
  const total = Object.fromEntries(
    TOTAL_MEASURES.map((m) => [
      m,
      {
        value: finalValue(m, cellOf(totalNow, "", m), members),
        previous: finalValue(m, cellOf(totalBefore, "", m), members),
      },
    ]),
  ) as Record<TotalMeasure, Compared>;
  const registrationCell = (raw: Map<string, RawRow>): Cell | undefined =>
    cellOf(raw, "", "REGISTRATION_RATE");
  const modelsBySector = keyed(sectors[0], sectors[1], ["MODELS_ACTIVE"], labelOf, members).map(
    (row) => ({
      ...row,
      values: [
        ...row.values,
        { value: cellOf(started, row.key, "MODELS_STARTED")?.num ?? 0, previous: null },
      ],
    }),
  );
  return {
    unit,
    parent,
    span,
    totals: total,
    registration: {
      registered: {
        value: registrationCell(totalNow)?.num ?? 0,
        previous: registrationCell(totalBefore)?.num ?? 0,
      },
      eligible: {
        value: registrationCell(totalNow)?.den ?? 0,
        previous: registrationCell(totalBefore)?.den ?? 0,
      },
    },
    activities: keyed(activities[0], activities[1], ["SESSIONS", "ATTENDANCE"], labelOf, members),
    modelsBySector,
    programmes,
    awards: awardGrounds(awards[0], awards[1]),
    attendanceTrend: trendRows(current, previous, months[0], months[1]),
    subordinateLevel: level,
    subordinates,
  };
}

/** Vietnamese names of the enum values a report lists, in schema.prisma's order. */
const ENUM_LABELS: Record<string, string> = Object.fromEntries(
  (
    [
      modelSectors,
      activityKinds,
      awardForms,
      recipientKinds,
      awardGroundTable,
    ] as EnumTable<string>[]
  ).flatMap((t) => Object.entries(t.values).map(([key, label]) => [key, label.vi])),
);

// Sectors and activity kinds in the order the reports list them (the label table's order).
const ENUM_ORDER = Object.keys(ENUM_LABELS);
function byEnumOrder(a: string, b: string): number {
  return ENUM_ORDER.indexOf(a) - ENUM_ORDER.indexOf(b) || a.localeCompare(b);
}

function labelOf(key: string): string {
  return ENUM_LABELS[key] ?? key;
}

/**
 * Awards per ground (căn cứ khen thưởng), counted in the emulation year they honour (the analytics'
 * default): the awards for 2023 decided on 19/01/2024 are in the 2023 report. An award for a
 * year's theme is named with its theme ("Thực hiện chuyên đề năm 2023 …").
 */
function awardGrounds(now: Map<string, RawRow>, before: Map<string, RawRow>): KeyedFigures[] {
  const grounds = new Map<string, KeyedFigures>();
  const add = (raw: Map<string, RawRow>, which: "value" | "previous") => {
    for (const row of raw.values()) {
      const [groundKey, themeKey, recipient] = row.keys as [string, string, string];
      const byTheme = groundKey === "YEAR_THEME" && themeKey !== "0";
      const key = byTheme ? `${groundKey}:${themeKey}` : groundKey;
      const label = byTheme
        ? `Thực hiện chuyên đề ${row.labels[1] ?? ""}`.trim()
        : (ENUM_LABELS[groundKey] ?? groundKey);
      let ground = grounds.get(key);
      if (!ground) {
        ground = {
          key,
          label,
          values: [
            { value: 0, previous: 0 },
            { value: 0, previous: 0 },
          ],
        };
        grounds.set(key, ground);
      }
      const slot = ground.values[recipient === "COLLECTIVE" ? 0 : 1] as Compared;
      slot[which] = (slot[which] ?? 0) + (row.cells.get("AWARDS")?.num ?? 0);
    }
  };
  add(now, "value");
  add(before, "previous");
  return [...grounds.values()].sort(
    (a, b) =>
      byEnumOrder(a.key.split(":")[0] ?? "", b.key.split(":")[0] ?? "") ||
      a.key.localeCompare(b.key),
  );
}

/** Months for up to a year, quarters up to three years, years beyond: a chart of ≤ 12–20 bars. */
export function trendStep(period: Period): Granularity {
  const months = periodMonths(period);
  return months <= 12 ? "MONTH" : months <= 36 ? "QUARTER" : "YEAR";
}

function trendRows(
  current: Period,
  previous: Period,
  now: Map<string, RawRow>,
  before: Map<string, RawRow>,
): KeyedFigures[] {
  const step = trendStep(current);
  const earlier = buckets(previous, step);
  return buckets(current, step).map((b, i) => ({
    key: b.key,
    label: bucketLabel(b.key),
    values: [
      {
        value: cellOf(now, b.key, "ATTENDANCE")?.num ?? 0,
        previous: cellOf(before, earlier[i]?.key ?? "", "ATTENDANCE")?.num ?? 0,
      },
    ],
  }));
}

/**
 * The subordinate units ranked by attendance per 100 party members (the comparison the dashboard
 * draws), with their other figures beside. A merged unit's predecessors count toward it.
 */
async function subordinateRows(
  db: Db,
  root: Unit,
  level: UnitKind,
  period: Period,
): Promise<SubordinateRow[]> {
  const measures: Measure[] = [
    "SESSIONS",
    "ATTENDANCE",
    "MODELS_ACTIVE",
    "AWARDS",
    "REGISTRATION_RATE",
  ];
  const [ranking, raw] = await Promise.all([
    // The period is already the counted span: compared as a whole (asOf = its last day).
    runComparison(
      db,
      root,
      level,
      "ATTENDANCE_PER_100_MEMBERS",
      period,
      false,
      "SAME_PERIOD_LAST_YEAR",
      period.to,
    ),
    computeRaw(db, query(root, measures, period, { dimensions: ["UNIT"], unitLevel: level })),
  ]);
  const ranked = ranking.rows.filter((r) => r.value !== null).length;
  return ranking.rows.map((row) => {
    const sum = (m: Measure): Cell => {
      const cell: Cell = { num: 0, den: m === "REGISTRATION_RATE" ? 0 : null };
      for (const u of row.includes) {
        const c = cellOf(raw, String(u.id), m);
        if (!c) continue;
        cell.num += c.num;
        if (cell.den !== null) cell.den += c.den ?? 0;
      }
      return cell;
    };
    return {
      name: row.unit.name,
      sessions: sum("SESSIONS").num,
      attendance: sum("ATTENDANCE").num,
      attendancePer100: row.value,
      modelsActive: sum("MODELS_ACTIVE").num,
      awards: sum("AWARDS").num,
      registrationRate: finalValue("REGISTRATION_RATE", sum("REGISTRATION_RATE"), null),
      reported: row.reported,
      lagging: row.value === null || (ranked >= 4 && row.quartile === 4),
      rank: row.rank,
    };
  });
}

/** Models of each programme started in the span, and what people contributed to them in it. */
async function programmeFigures(
  db: Db,
  rootId: number,
  period: Period,
): Promise<ProgrammeFigures[]> {
  const from = Prisma.sql`${isoDay(period.from)}::date`;
  const to = Prisma.sql`${isoDay(period.to)}::date`;
  const rows = await db.$queryRaw<
    {
      programme: string;
      models: number;
      participants: number;
      land: number;
      landValue: number;
      cash: number;
      inKind: number;
      workdays: number;
    }[]
  >`
    WITH m AS (
      SELECT m."id", m."programme", m."startedOn" FROM "Model" m
      JOIN "UnitClosure" c ON c."descendantId" = m."unitId" AND c."ancestorId" = ${rootId}
      WHERE m."programme" IS NOT NULL
    ), given AS (
      SELECT m."programme", SUM(mc."participants")::float8 AS participants,
        SUM(mc."landM2")::float8 AS land, SUM(mc."landValueVnd")::float8 AS "landValue",
        SUM(mc."cashVnd")::float8 AS cash, SUM(mc."inKindVnd")::float8 AS "inKind",
        SUM(mc."workdays")::float8 AS workdays
      FROM "ModelContribution" mc JOIN m ON m."id" = mc."modelId"
      WHERE mc."recordedOn" BETWEEN ${from} AND ${to}
      GROUP BY 1
    ), begun AS (
      SELECT m."programme", COUNT(*)::int AS models FROM m
      WHERE m."startedOn" BETWEEN ${from} AND ${to} GROUP BY 1
    )
    SELECT COALESCE(b."programme", g."programme") AS programme, COALESCE(b.models, 0)::int AS models,
      COALESCE(g.participants, 0) AS participants, COALESCE(g.land, 0) AS land,
      COALESCE(g."landValue", 0) AS "landValue", COALESCE(g.cash, 0) AS cash,
      COALESCE(g."inKind", 0) AS "inKind", COALESCE(g.workdays, 0) AS workdays
    FROM begun b FULL JOIN given g ON g."programme" = b."programme"
    ORDER BY 1`;
  return rows.map((r) => ({
    programme: r.programme,
    models: Number(r.models),
    participants: Number(r.participants),
    totalVnd: Number(r.landValue) + Number(r.cash) + Number(r.inKind),
    landM2: Number(r.land),
    landValueVnd: Number(r.landValue),
    cashVnd: Number(r.cash),
    inKindVnd: Number(r.inKind),
    workdays: Number(r.workdays),
  }));
}

// Every figure a periodic report states, for its span and for "cùng kỳ", read through the
// analytics engine (rollups only). The one exception is the programme breakdown ("Dân vận khéo"):
// no measure splits by programme yet (issue 12 adds that filter), so it is read from the models
// and their contributions under the unit, for the span only.
import type { PrismaClient, Unit, UnitKind } from "@d05/prisma";
import {
  type Cell,
  computeRaw,
  computeRawOver,
  type EngineQuery,
  finalValue,
  type RawRow,
} from "../analytics/engine";
import type { Period } from "../analytics/periods";
import { MEASURES, type Measure } from "../domain/measures";
import { awardGrounds, cellOf, keyed, labelOf, query, trendRows, trendStep } from "./figure-rows";
import { type ProgrammeFigures, programmeFigures } from "./programme-figures";
import type { ReportSpan } from "./span";
import { type SubordinateRow, subordinateRows } from "./subordinate-figures";

export type { ProgrammeFigures } from "./programme-figures";
export type { SubordinateRow } from "./subordinate-figures";

type Db = Pick<PrismaClient, "$queryRaw" | "unit">;

/** Measures the report does not total: the contribution's parts, the commitments in progress. */
const NOT_TOTALLED = [
  "CONTRIBUTION_LAND_VALUE_VND",
  "CONTRIBUTION_CASH_VND",
  "CONTRIBUTION_IN_KIND_VND",
  "COMMITMENTS_IN_PROGRESS",
] as const satisfies readonly Measure[];
export type TotalMeasure = Exclude<Measure, (typeof NOT_TOTALLED)[number]>;

/** The measures a report totals over the unit, in the measures' order. */
export const TOTAL_MEASURES: readonly TotalMeasure[] = MEASURES.filter(
  (m): m is TotalMeasure => !(NOT_TOTALLED as readonly Measure[]).includes(m),
);

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

export async function gatherFigures(db: Db, unit: Unit, span: ReportSpan): Promise<ReportFigures> {
  const { current, previous } = span;
  const both = (q: (p: Period) => EngineQuery) =>
    computeRawOver(db, q(current), [current, previous]) as Promise<
      [Map<string, RawRow>, Map<string, RawRow>]
    >;
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

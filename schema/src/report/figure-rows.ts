// Shapes the engine's raw answers into the report's rows: both spans keyed alike and in the order
// the reports list them, awards per ground, attendance bucket by bucket.
import type { Unit } from "@d05/prisma";
import { type EngineQuery, finalValue, type RawRow } from "../analytics/engine";
import type { Measure } from "../analytics/measures";
import {
  bucketLabel,
  buckets,
  type Granularity,
  type Period,
  periodMonths,
} from "../analytics/periods";
import {
  activityKinds,
  awardForms,
  awardGrounds as awardGroundTable,
  type EnumTable,
  modelSectors,
  recipientKinds,
} from "../domain/enums";
import type { Compared, KeyedFigures } from "./figures";

export function query(
  root: Unit,
  measures: Measure[],
  period: Period,
  more: Partial<EngineQuery> = {},
) {
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

export const cellOf = (raw: Map<string, RawRow>, key: string, m: Measure) =>
  raw.get(key)?.cells.get(m);

/** Rows of both spans keyed alike, in the order of `order` (keys of either span). */
export function keyed(
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

export function labelOf(key: string): string {
  return ENUM_LABELS[key] ?? key;
}

/**
 * Awards per ground (căn cứ khen thưởng), counted in the emulation year they honour (the analytics'
 * default): the awards for 2023 decided on 19/01/2024 are in the 2023 report. An award for a
 * year's theme is named with its theme ("Thực hiện chuyên đề năm 2023 …").
 */
export function awardGrounds(
  now: Map<string, RawRow>,
  before: Map<string, RawRow>,
): KeyedFigures[] {
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

export function trendRows(
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

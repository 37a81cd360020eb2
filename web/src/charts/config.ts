// Colours and labels of every chart in one place (shadcn's ChartConfig idea): charts look the
// same everywhere, on a projector as in an exported PNG.
import { createElement } from "react";
import { Rectangle, type RectangleProps } from "recharts";
import type { AwardLevel, ModelSector, ModelStatus, RecipientKind } from "../lib/labels";
import type { RankStatus } from "../lib/shape";

export interface SeriesConfig {
  label: { vi: string; en: string };
  color: string;
}

/**
 * Colours chosen to stay distinct for the common colour-vision deficiencies and on dark slides.
 * Each is a design token (styles/tokens.css, where its contrast is stated and tested): SVG fills
 * take `var(--…)`, so the theme decides the value and no hex lives outside the tokens.
 */
export const palette = {
  red: "var(--chart-red)",
  gold: "var(--chart-gold)",
  /** The laggards' colour: ≥ 4.5:1 on white for text, ≥ 3:1 on both slide themes. */
  laggard: "var(--laggard)",
  blue: "var(--chart-blue)",
  teal: "var(--chart-teal)",
  purple: "var(--chart-purple)",
  grey: "var(--chart-grey)",
  green: "var(--chart-green)",
} as const;

/**
 * Props of every recharts chart: the drawing is not a tab stop. Recharts' accessibility layer makes
 * the SVG a focusable `role="application"` named by its axis text run together, and the pie's
 * group a nameless stop; the figures reach keyboard and screen-reader users through the chart's
 * data table and summary (ChartFrame), so the drawing itself stays out of the tab order.
 */
export const chartRoot = { accessibilityLayer: false } as const;
/** The pie's group: focusable by script only (recharts replaces `undefined` by 0). */
export const pieRoot = { rootTabIndex: -1 } as const;

export const series = {
  attendance: { label: { vi: "Lượt người tham dự", en: "Attendance" }, color: palette.red },
  sessions: { label: { vi: "Số buổi", en: "Sessions" }, color: palette.blue },
  models: { label: { vi: "Mô hình", en: "Models" }, color: palette.teal },
  awards: { label: { vi: "Khen thưởng", en: "Awards" }, color: palette.gold },
  value: { label: { vi: "Giá trị", en: "Value" }, color: palette.blue },
} as const satisfies Record<string, SeriesConfig>;

export const sectorColors = {
  ECONOMY: palette.gold,
  CULTURE_SOCIETY: palette.red,
  SECURITY_ORDER: palette.blue,
  PARTY_BUILDING: palette.purple,
  ENVIRONMENT: palette.green,
} as const satisfies Record<ModelSector, string>;

export const statusColors = {
  REGISTERED: palette.blue,
  MAINTAINED: palette.teal,
  REPLICATED: palette.gold,
  DISCONTINUED: palette.grey,
} as const satisfies Record<ModelStatus, string>;

export const awardLevelColors = {
  NATIONAL: palette.red,
  PROVINCE: palette.gold,
  DISTRICT: palette.blue,
  COMMUNE: palette.teal,
} as const satisfies Record<AwardLevel, string>;

export const recipientColors = {
  COLLECTIVE: palette.red,
  INDIVIDUAL: palette.gold,
} as const satisfies Record<RecipientKind, string>;

export const rankColors = {
  normal: palette.blue,
  lowest: palette.laggard,
  notReported: palette.red,
} as const satisfies Record<RankStatus, string>;

/** A colour for any key: from the table when it knows the key, else from the palette in turn. */
export function colorFor(table: Record<string, string>, key: string, index: number): string {
  const fallback = Object.values(palette);
  return table[key] ?? fallback[index % fallback.length] ?? palette.grey;
}

/**
 * A bar's `shape` that draws the usual rectangle. Recharts drops a bar of zero length, and its
 * labels with it (no name on a stacked chart, no "0" after it), unless the bar has a custom
 * shape: with this one, a category or unit whose figure is 0 keeps its name and its "0" (a 0 is
 * a fact, not a missing row).
 */
export function keepZeroBar(props: unknown) {
  return createElement(Rectangle, props as RectangleProps);
}

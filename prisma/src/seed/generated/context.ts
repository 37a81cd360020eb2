// What every generator needs to know about one generated commune: its active window, its chi bộ
// and organisations, and the factors that give the figures a believable shape over time.
import type { DemoBuilder } from "../builder";
import { AS_OF, FIRST_GENERATED_YEAR, addDays, earliest, latest, ymd } from "../calendar";
import { type GeneratedCommune, type MassOrganisation, massOrganisationCode } from "../units";

export interface CellInfo {
  code: string;
  name: string;
  partyMembers: number;
  from: Date;
  until: Date;
}

/**
 * What generated records must leave alone in a seed-report commune, whose reported figures are
 * asserted for all time (test/src/seed/demo.test.ts). Generated communes have none of these.
 */
export interface Limits {
  /** Chi bộ meetings and thematic sessions go in as commune totals, none under a chi bộ. */
  cellTotalsAtCommune?: boolean;
  noConferences?: boolean;
  noModels?: boolean;
  noExemplary?: boolean;
  /** Programmes whose models here are all in the report: generated models join none of them. */
  closedProgrammes?: readonly string[];
}

export interface ContextOptions {
  /** A narrower window than the generated years (a seed commune's years without a report). */
  from?: Date;
  until?: Date;
  limits?: Limits;
}

export interface CommuneContext {
  commune: GeneratedCommune;
  builder: DemoBuilder;
  /** Prefix of the commune's random streams: its code, plus the window's first year if narrowed. */
  key: string;
  limits: Limits;
  /** First and last day the commune has records (within the generated years). */
  from: Date;
  until: Date;
  /** Last day with activity records: earlier than `until` for communes that went quiet. */
  reportUntil: Date;
  cells: CellInfo[];
  massOrganisation(organisation: MassOrganisation): string;
  /** "xã An Phú", for titles and issuers. */
  place: string;
}

export function communeContext(
  builder: DemoBuilder,
  commune: GeneratedCommune,
  options: ContextOptions = {},
): CommuneContext {
  const first = options.from ?? ymd(FIRST_GENERATED_YEAR, 1, 1);
  const from = latest(first, commune.activeFrom ?? first);
  const until = earliest(options.until ?? AS_OF, commune.activeUntil ?? AS_OF);
  const reportUntil = commune.silentFrom ? earliest(until, addDays(commune.silentFrom, -1)) : until;
  const cells = builder.childrenOf(commune.code, "PARTY_CELL").map((code): CellInfo => {
    const info = builder.unitInfo(code);
    return {
      code,
      name: info.name,
      partyMembers: info.partyMembers,
      from: latest(from, (info.activeFrom as Date | null) ?? from),
      until: earliest(until, (info.activeUntil as Date | null) ?? until),
    };
  });
  return {
    commune,
    builder,
    // Each window draws its own numbers: two windows of one commune do not repeat each other.
    key: options.from ? `${commune.code}/${from.getUTCFullYear()}` : commune.code,
    limits: options.limits ?? {},
    from,
    until,
    reportUntil,
    cells,
    massOrganisation: (organisation) => massOrganisationCode(commune.code, organisation),
    place: commune.name.charAt(0).toLowerCase() + commune.name.slice(1),
  };
}

/** Chi bộ active on a given day. */
export function cellsOn(context: CommuneContext, date: Date): CellInfo[] {
  return context.cells.filter((cell) => cell.from <= date && date <= cell.until);
}

// Tết in late January / February thins meetings out; May (Uncle Ho's birthday, 19/5), September
// (National Day) and December (year-end reviews) are busy.
const SEASON = [1.0, 0.82, 1.05, 1.0, 1.15, 1.0, 0.95, 0.95, 1.05, 1.0, 1.0, 1.1];

// 2021's fourth COVID-19 wave: gatherings were capped or suspended from May to October.
const COVID_2021: Record<number, number> = { 5: 0.85, 6: 0.75, 7: 0.55, 8: 0.4, 9: 0.5, 10: 0.8 };

/** Multiplier for turnout in a month: season, the 2021 wave, and the commune's own trend. */
export function turnoutFactor(context: CommuneContext, year: number, month: number): number {
  const covid = year === 2021 ? (COVID_2021[month] ?? 1) : 1;
  // Engaged communes improve a little every year; the lagging ones slide.
  const trend = 1 + (context.commune.engagement - 0.7) * 0.12 * (year - FIRST_GENERATED_YEAR);
  return (SEASON[month - 1] ?? 1) * covid * trend;
}

/** Every (year, month) from `from` to `until`, both included. */
export function months(from: Date, until: Date): [year: number, month: number][] {
  const result: [number, number][] = [];
  let year = from.getUTCFullYear();
  let month = from.getUTCMonth() + 1;
  while (ymd(year, month, 1) <= until) {
    result.push([year, month]);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return result;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

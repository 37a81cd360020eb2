// What the engine is asked (EngineQuery, Filters) and what it answers (RawRow, Cell), and the
// source kinds its SQL distinguishes.
import type { PrismaClient, UnitKind } from "@d05/prisma";
import type { Dimension, Measure, Source } from "../measures";
import type { Period } from "../periods";

export interface Filters {
  activityKinds?: readonly string[] | null;
  sectors?: readonly string[] | null;
  awardLevels?: readonly string[] | null;
  awardForms?: readonly string[] | null;
  recipientKinds?: readonly string[] | null;
  /** Theme ids (database ids). */
  themeIds?: readonly number[] | null;
  awardGrounds?: readonly string[] | null;
  /** Model programmes, matched whole and case-insensitively ("Dân vận khéo"). */
  programmes?: readonly string[] | null;
  leadOrganisations?: readonly string[] | null;
  modelLevels?: readonly string[] | null;
  /** Awards by decision month instead of emulation year (the default). */
  awardsByDecisionDate?: boolean;
}

export interface EngineQuery {
  rootId: number;
  measures: readonly Measure[];
  dimensions: readonly Dimension[];
  /** Kind of the UNIT rows; null: the root's direct children. */
  unitLevel: UnitKind | null;
  period: Period;
  /** The whole period asked for, when `period` is cut at today: its buckets are all listed. */
  listedPeriod?: Period;
  filters: Filters;
  /**
   * The caller lists the units itself, with their names and party members (the comparison, for
   * two days): UNIT rows carry only the unit's id (labels and `members` come back null).
   */
  unitsListed?: boolean;
  /**
   * Also count, per row, the records of the measures' flow sources in the period (RawRow.records):
   * "reported" read with the figures instead of by a query of its own.
   */
  countRecords?: boolean;
}

/** A measure's figure before division: per-100 and rate measures carry their denominator. */
export interface Cell {
  num: number;
  den: number | null;
}

export interface RawRow {
  /** Raw keys per dimension: unit id, theme id ("0": none), enum value, bucket key. */
  keys: string[];
  /** Labels the SQL knows (unit and theme names), else null. */
  labels: (string | null)[];
  /** partyMembers of the row's unit when UNIT is a dimension. */
  members: number | null;
  cells: Map<Measure, Cell>;
  /** Records of the row's flow sources in the period, when the query asked (countRecords). */
  records?: number;
}

export type Db = Pick<PrismaClient, "$queryRaw">;

export type TableSource = Exclude<Source, "registration">;
/** Sources read as flows over the period (the rest are stocks read on its last day). */
export type FlowSource = Exclude<TableSource, "modelStock" | "modelStatus" | "commitmentStock">;

/** A row as PostgreSQL returns it: k0, l0, … (keys, labels), members, v0, … (values). */
export type SqlRow = Record<string, string | number | null>;

/** One string per combination of dimension keys. */
export const rowKey = (keys: string[]) => keys.join("\u0001");

// The measures × dimensions × filters engine. Reads ONLY the rollup tables and Unit/UnitClosure,
// with bound parameters: every identifier spliced with Prisma.raw comes from the constant tables
// below, never from the caller. One query per rollup source a request needs.
// One file per part: the query types, where each source is read from, the SQL of filters and
// grouping, flows (with the partial month read from the records), stocks, which rows reported,
// and the party members a per-100 figure divides by.
export { computeRaw, computeRawOver, finalValue } from "./compute";
export { membersOfUnitsOn, membersOn, unitsWithMembersOn } from "./members";
export { reportedKeys, reportedWithFigures } from "./reported";
export type { Cell, EngineQuery, Filters, RawRow } from "./types";

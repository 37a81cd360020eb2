// Exact model counts for the Models page's charts, asked as aliased `models(first: 1)`
// connections (their totalCount) so they follow the list's own filter, programme and a sector
// drill included.
import { graphql, type ResultOf, type SchemaEnum } from "./tada";

/** How many models are in each status: four exact counts in one request. */
export const ModelStatusCountsQuery = graphql(`
  query ModelStatusCounts($underUnitId: ID!, $programme: String, $sector: ModelSector, $to: Date) {
    registered: models(filter: { underUnitId: $underUnitId, programme: $programme, sector: $sector, to: $to, status: REGISTERED }, first: 1) {
      totalCount
    }
    maintained: models(filter: { underUnitId: $underUnitId, programme: $programme, sector: $sector, to: $to, status: MAINTAINED }, first: 1) {
      totalCount
    }
    replicated: models(filter: { underUnitId: $underUnitId, programme: $programme, sector: $sector, to: $to, status: REPLICATED }, first: 1) {
      totalCount
    }
    discontinued: models(filter: { underUnitId: $underUnitId, programme: $programme, sector: $sector, to: $to, status: DISCONTINUED }, first: 1) {
      totalCount
    }
  }
`);

/**
 * Models of a programme by sector. The analytics have no programme filter, so when the list is
 * narrowed to a programme the sector chart counts the same models the list shows: started by the
 * end of the period (alias = sector) and, of those, the discontinued ones (current status).
 */
export const ModelSectorCountsQuery = graphql(`
  query ModelSectorCounts($underUnitId: ID!, $programme: String!, $to: Date!) {
    ECONOMY: models(filter: { underUnitId: $underUnitId, programme: $programme, to: $to, sector: ECONOMY }, first: 1) { totalCount }
    ECONOMY_DISCONTINUED: models(filter: { underUnitId: $underUnitId, programme: $programme, to: $to, sector: ECONOMY, status: DISCONTINUED }, first: 1) { totalCount }
    CULTURE_SOCIETY: models(filter: { underUnitId: $underUnitId, programme: $programme, to: $to, sector: CULTURE_SOCIETY }, first: 1) { totalCount }
    CULTURE_SOCIETY_DISCONTINUED: models(filter: { underUnitId: $underUnitId, programme: $programme, to: $to, sector: CULTURE_SOCIETY, status: DISCONTINUED }, first: 1) { totalCount }
    SECURITY_ORDER: models(filter: { underUnitId: $underUnitId, programme: $programme, to: $to, sector: SECURITY_ORDER }, first: 1) { totalCount }
    SECURITY_ORDER_DISCONTINUED: models(filter: { underUnitId: $underUnitId, programme: $programme, to: $to, sector: SECURITY_ORDER, status: DISCONTINUED }, first: 1) { totalCount }
    PARTY_BUILDING: models(filter: { underUnitId: $underUnitId, programme: $programme, to: $to, sector: PARTY_BUILDING }, first: 1) { totalCount }
    PARTY_BUILDING_DISCONTINUED: models(filter: { underUnitId: $underUnitId, programme: $programme, to: $to, sector: PARTY_BUILDING, status: DISCONTINUED }, first: 1) { totalCount }
    ENVIRONMENT: models(filter: { underUnitId: $underUnitId, programme: $programme, to: $to, sector: ENVIRONMENT }, first: 1) { totalCount }
    ENVIRONMENT_DISCONTINUED: models(filter: { underUnitId: $underUnitId, programme: $programme, to: $to, sector: ENVIRONMENT, status: DISCONTINUED }, first: 1) { totalCount }
  }
`);

type ModelSector = SchemaEnum<"ModelSector">;

/** Every sector, in the chart's order; tsc fails here if the schema gains or loses one. */
const SECTORS = Object.keys({
  ECONOMY: true,
  CULTURE_SOCIETY: true,
  SECURITY_ORDER: true,
  PARTY_BUILDING: true,
  ENVIRONMENT: true,
} satisfies Record<ModelSector, true>) as ModelSector[];

/** The chart's categories from ModelSectorCountsQuery's answer: active = started − discontinued. */
export function activeBySector(
  data: ResultOf<typeof ModelSectorCountsQuery>,
): { key: ModelSector; value: number }[] {
  return SECTORS.map((key) => ({
    key,
    value: Math.max(0, data[key].totalCount - data[`${key}_DISCONTINUED`].totalCount),
  }));
}

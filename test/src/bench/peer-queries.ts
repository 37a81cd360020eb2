// The dashboard's four questions asked of the peer (PostGraphile v5 + @graphile/pg-aggregates +
// the connection filter, test/peer/postgraphile) the way a PostGraphile user would ask them: one
// GraphQL request per question over the raw tables, the unit subtree taken through "UnitClosure"
// with relation filters, sums and counts by pg-aggregates, and only what GraphQL cannot express
// folded on the client (days into months/years — pg-aggregates truncates timestamps, not dates —
// and the "active on the last day" rule, which needs each model's latest status). No custom SQL.
// Each answer is normalised like dashboard.ts's, so it can be compared with ours value by value.

import { KPI_MEASURES } from "@d05/schema";
import type { Answer } from "./dashboard";
import { FIVE_YEARS, PREVIOUS_YEAR, YEAR } from "./dashboard";
import type { GraphqlClient } from "./env";

type Period = { from: string; to: string };
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const range = (p: Period) => `{ greaterThanOrEqualTo: "${p.from}", lessThanOrEqualTo: "${p.to}" }`;
/** Rows whose "unitId" lies in the subtree of $root. */
const UNDER = `unitByUnitId: { unitClosuresByDescendantId: { some: { ancestorId: { equalTo: $root } } } }`;

// ───────────────────────────── overview ─────────────────────────────

/** Party cells in force on the day: activeFrom and activeUntil null or around it. */
const activeOn = (day: string) => `and: [
  { or: [{ activeFrom: { isNull: true } }, { activeFrom: { lessThanOrEqualTo: "${day}" } }] },
  { or: [{ activeUntil: { isNull: true } }, { activeUntil: { greaterThanOrEqualTo: "${day}" } }] }]`;

const overviewPart = (a: string, p: Period) => `
  ${a}activities: allActivities(filter: { occurredOn: ${range(p)}, ${UNDER} }) {
    totalCount aggregates { sum { sessions attendance } } }
  ${a}started: allModels(filter: { startedOn: ${range(p)}, ${UNDER} }) { totalCount }
  ${a}replicated: allModels(filter: { ${UNDER},
      modelStatusChangesByModelId: { some: { status: { equalTo: REPLICATED }, effectiveOn: ${range(p)} } },
      not: { modelStatusChangesByModelId: { some: { status: { equalTo: REPLICATED }, effectiveOn: { lessThan: "${p.from}" } } } } }) { totalCount }
  ${a}models: allModels(filter: { ${UNDER} }) { nodes {
      status startedOn
      latest: modelStatusChangesByModelId(filter: { effectiveOn: { lessThanOrEqualTo: "${p.to}" } },
        orderBy: [EFFECTIVE_ON_DESC, ROW_ID_DESC], first: 1) { nodes { status } }
      changes: modelStatusChangesByModelId { totalCount } } }
  ${a}contributions: allModelContributions(filter: { recordedOn: ${range(p)}, modelByModelId: { ${UNDER} } }) {
    aggregates { sum { participants landValueVnd cashVnd inKindVnd } } }
  ${a}awards: allAwards(filter: { awardedOn: ${range(p)}, ${UNDER} }) { aggregates { sum { recipientCount } } }
  ${a}commitments: allCommitments(filter: { registeredOn: ${range(p)}, ${UNDER} }) { totalCount }
  ${a}cells: allUnits(filter: { kind: { equalTo: PARTY_CELL }, unitClosuresByDescendantId: { some: { ancestorId: { equalTo: $root } } },

      ${activeOn(p.to)} }) {
    totalCount }
  ${a}registered: allUnits(filter: { kind: { equalTo: PARTY_CELL }, unitClosuresByDescendantId: { some: { ancestorId: { equalTo: $root } } },

      ${activeOn(p.to)},
      commitmentsByUnitId: { some: { year: { equalTo: ${Number(p.to.slice(0, 4))} } } } }) { totalCount }`;

export const PEER_OVERVIEW = `query PeerOverview($root: Int!) {
  root: unitByRowId(rowId: $root) { partyMembers }
  ${overviewPart("y_", YEAR)}
  ${overviewPart("p_", PREVIOUS_YEAR)}
}`;

type Agg<T> = { aggregates: { sum: T } };
type ModelNode = {
  status: string;
  startedOn: string;
  latest: { nodes: { status: string }[] };
  changes: { totalCount: number };
};

/** The 12 KPIs in dashboard.ts's order from one period's part of the answer. */
function overviewFigures(d: Record<string, unknown>, a: string, p: Period, members: number) {
  const get = <T>(k: string) => d[`${a}${k}`] as T;
  const act = get<{ totalCount: number } & Agg<{ sessions: string; attendance: string }>>(
    "activities",
  );
  const money = get<Agg<Record<string, string>>>("contributions").aggregates.sum;
  // The product's rule: the latest status on or before the last day is not DISCONTINUED; a model
  // without any history counts with its current status from startedOn.
  const active = get<{ nodes: ModelNode[] }>("models").nodes.filter((m) => {
    const latest = m.latest.nodes[0]?.status;
    if (latest) return latest !== "DISCONTINUED";
    return m.changes.totalCount === 0 && m.startedOn <= p.to && m.status !== "DISCONTINUED";
  }).length;
  const cells = get<{ totalCount: number }>("cells").totalCount;
  const attendance = num(act.aggregates.sum.attendance);
  return [
    num(act.aggregates.sum.sessions),
    attendance,
    act.totalCount,
    members ? (100 * attendance) / members : null,
    active,
    get<{ totalCount: number }>("started").totalCount,
    get<{ totalCount: number }>("replicated").totalCount,
    num(money.participants),
    num(money.landValueVnd) + num(money.cashVnd) + num(money.inKindVnd),
    num(get<Agg<{ recipientCount: string }>>("awards").aggregates.sum.recipientCount),
    get<{ totalCount: number }>("commitments").totalCount,
    cells ? (100 * get<{ totalCount: number }>("registered").totalCount) / cells : null,
  ];
}

export async function peerOverview(client: GraphqlClient, rootId: number): Promise<Answer> {
  const d = await client.request<Record<string, unknown>>(PEER_OVERVIEW, { root: rootId });
  const members = num((d.root as { partyMembers: number } | null)?.partyMembers);
  const now = overviewFigures(d, "y_", YEAR, members);
  const before = overviewFigures(d, "p_", PREVIOUS_YEAR, members);
  return new Map(KPI_MEASURES.map((k, i) => [k, [now[i] ?? null, before[i] ?? null]]));
}

// ───────────────────────────── comparison ─────────────────────────────

const ANY_RECORD = (p: Period) => `or: [
  { activitiesByUnitId: { some: { occurredOn: ${range(p)} } } },
  { awardsByUnitId: { some: { awardedOn: ${range(p)} } } },
  { commitmentsByUnitId: { some: { registeredOn: ${range(p)} } } },
  { modelsByUnitId: { some: { or: [
    { startedOn: ${range(p)} },
    { modelContributionsByModelId: { some: { recordedOn: ${range(p)} } } },
    { modelStatusChangesByModelId: { some: { effectiveOn: ${range(p)} } } } ] } } } ]`;

const LEVEL = `kind: { equalTo: $kind }, unitClosuresByDescendantId: { some: { ancestorId: { equalTo: $root } } }`;

/** Attendance summed per descendant of each unit at the level, then added up on the client. */
export const PEER_COMPARISON = `query PeerComparison($root: Int!, $kind: UnitKind!) {
  units: allUnits(filter: { ${LEVEL} }) { nodes { rowId
    unitClosuresByAncestorId { nodes { unitByDescendantId {
      now: activitiesByUnitId(filter: { occurredOn: ${range(YEAR)} }) { aggregates { sum { attendance } } }
      before: activitiesByUnitId(filter: { occurredOn: ${range(PREVIOUS_YEAR)} }) { aggregates { sum { attendance } } }
    } } } } }
  reported: allUnits(filter: { ${LEVEL},
    unitClosuresByAncestorId: { some: { unitByDescendantId: { ${ANY_RECORD(YEAR)} } } } }) { nodes { rowId } }
}`;

type Sum = { aggregates: { sum: { attendance: string | null } } };

export async function peerComparison(
  client: GraphqlClient,
  rootId: number,
  childLevel: string,
): Promise<Answer> {
  const d = await client.request<{
    units: {
      nodes: {
        rowId: number;
        unitClosuresByAncestorId: { nodes: { unitByDescendantId: { now: Sum; before: Sum } }[] };
      }[];
    };
    reported: { nodes: { rowId: number }[] };
  }>(PEER_COMPARISON, { root: rootId, kind: childLevel });
  const reported = new Set(d.reported.nodes.map((n) => n.rowId));
  return new Map(
    d.units.nodes.map((u) => {
      let now = 0;
      let before = 0;
      for (const c of u.unitClosuresByAncestorId.nodes) {
        now += num(c.unitByDescendantId.now.aggregates.sum.attendance);
        before += num(c.unitByDescendantId.before.aggregates.sum.attendance);
      }
      return [String(u.rowId), [now, before, reported.has(u.rowId) ? 1 : 0]];
    }),
  );
}

// ───────────────────────────── trend ─────────────────────────────

export const PEER_TREND = `query PeerTrend($root: Int!) {
  allActivities(filter: { occurredOn: ${range(FIVE_YEARS)}, ${UNDER} }) {
    groupedAggregates(groupBy: OCCURRED_ON) { keys sum { attendance } } }
}`;

export async function peerTrend(client: GraphqlClient, rootId: number): Promise<Answer> {
  const d = await client.request<{
    allActivities: {
      groupedAggregates: { keys: string[]; sum: { attendance: string } }[];
    };
  }>(PEER_TREND, { root: rootId });
  const out: Answer = new Map();
  // Every month of the period, as ours answers (0 where nothing happened).
  for (let y = Number(FIVE_YEARS.from.slice(0, 4)); y <= Number(FIVE_YEARS.to.slice(0, 4)); y++) {
    for (let m = 1; m <= 12; m++) out.set(`${y}-${String(m).padStart(2, "0")}`, [0]);
  }
  for (const g of d.allActivities.groupedAggregates) {
    const month = String(g.keys[0]).slice(0, 7);
    const row = out.get(month);
    if (row) row[0] = (row[0] ?? 0) + num(g.sum.attendance);
  }
  return out;
}

// ───────────────────────────── metrics ─────────────────────────────

const SECTORS = [
  "ECONOMY",
  "CULTURE_SOCIETY",
  "SECURITY_ORDER",
  "PARTY_BUILDING",
  "ENVIRONMENT",
] as const;

/** Contributions carry no sector: one aliased connection per sector, filtered through the model. */
export const PEER_METRICS = `query PeerMetrics($root: Int!) {
  started: allModels(filter: { startedOn: ${range(FIVE_YEARS)}, ${UNDER} }) {
    groupedAggregates(groupBy: [SECTOR, STARTED_ON]) { keys distinctCount { rowId } } }
  ${SECTORS.map(
    (s) => `${s}: allModelContributions(filter: { recordedOn: ${range(FIVE_YEARS)},
      modelByModelId: { sector: { equalTo: ${s} }, ${UNDER} } }) {
    groupedAggregates(groupBy: RECORDED_ON) { keys sum { participants landValueVnd cashVnd inKindVnd } } }`,
  ).join("\n  ")}
}`;

type Group<T> = { keys: string[] } & T;

export async function peerMetrics(client: GraphqlClient, rootId: number): Promise<Answer> {
  const d = await client.request<Record<string, { groupedAggregates: Group<unknown>[] }>>(
    PEER_METRICS,
    { root: rootId },
  );
  const out: Answer = new Map();
  const row = (key: string) => {
    let r = out.get(key);
    if (!r) {
      r = [0, 0, 0];
      out.set(key, r);
    }
    return r;
  };
  for (const g of (d.started?.groupedAggregates ?? []) as Group<{
    distinctCount: { rowId: string };
  }>[]) {
    const r = row(`${g.keys[0]}/${String(g.keys[1]).slice(0, 4)}`);
    r[0] = (r[0] ?? 0) + num(g.distinctCount.rowId);
  }
  for (const s of SECTORS) {
    for (const g of (d[s]?.groupedAggregates ?? []) as Group<{ sum: Record<string, string> }>[]) {
      const r = row(`${s}/${String(g.keys[0]).slice(0, 4)}`);
      r[1] = (r[1] ?? 0) + num(g.sum.participants);
      r[2] = (r[2] ?? 0) + num(g.sum.landValueVnd) + num(g.sum.cashVnd) + num(g.sum.inKindVnd);
    }
  }
  return out;
}

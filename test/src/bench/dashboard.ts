// The dashboard's questions, asked two ways: through GraphQL (read from the rollups) and the plain
// way, SQL aggregates over the raw records joined to the unit closure. Each question has both
// forms and a normaliser, so one answer of each can be checked equal before timing them.

import { KPI_MEASURES } from "@d05/schema";
import type pg from "pg";
import type { GraphqlClient } from "./env";
import { globalId } from "./env";

export const LAST_YEAR = 2025;
export const YEAR = { from: `${LAST_YEAR}-01-01`, to: `${LAST_YEAR}-12-31` };
export const PREVIOUS_YEAR = { from: `${LAST_YEAR - 1}-01-01`, to: `${LAST_YEAR - 1}-12-31` };
export const FIVE_YEARS = { from: `${LAST_YEAR - 4}-01-01`, to: `${LAST_YEAR}-12-31` };

type Period = { from: string; to: string };
/** A question's answer, normalised: key → figures (numbers, or null where undefined). */
export type Answer = Map<string, (number | null)[]>;

export interface Question {
  name: string;
  description: string;
  graphql(client: GraphqlClient): Promise<Answer>;
  plain(pool: pg.Pool): Promise<Answer>;
  /** What the peer (peer-queries.ts) needs to ask the same question. */
  peer?:
    | { kind: "overview" | "trend" | "metrics"; rootId: number }
    | { kind: "comparison"; rootId: number; childLevel: string };
}

const decodeId = (id: string) => Number(Buffer.from(id, "base64").toString().split(":")[1]);

// ───────────────────────────── overview ─────────────────────────────

const OVERVIEW = `query Overview($u: ID!, $p: PeriodInput!) {
  overview(unitId: $u, period: $p) { __typename ... on Overview { figures { measure value previousValue } } }
}`;

const IN_SUBTREE = (alias: string) =>
  `JOIN "UnitClosure" c ON c."descendantId" = ${alias}."unitId" AND c."ancestorId" = $1`;

/** The 12 KPIs of a subtree over a period, from the raw records. */
async function plainKpis(pool: pg.Pool, rootId: number, members: number, p: Period) {
  const args = [rootId, p.from, p.to];
  const one = async (sql: string) =>
    (await pool.query(sql, args)).rows[0] as Record<string, number>;
  const a = await one(`SELECT coalesce(sum(a."sessions"), 0)::float8 AS s,
      coalesce(sum(a."attendance"), 0)::float8 AS att, count(*)::float8 AS n
    FROM "Activity" a ${IN_SUBTREE("a")} WHERE a."occurredOn" BETWEEN $2 AND $3`);
  // Active on the last day: the latest status on or before it is not DISCONTINUED (a model
  // without history counts as its current status from startedOn).
  const active = await one(`SELECT count(*)::float8 AS n FROM "Model" m ${IN_SUBTREE("m")}
    WHERE coalesce(
      (SELECT s."status" FROM "ModelStatusChange" s WHERE s."modelId" = m."id" AND s."effectiveOn" <= $3
       ORDER BY s."effectiveOn" DESC, s."id" DESC LIMIT 1),
      CASE WHEN m."startedOn" <= $3 AND NOT EXISTS (SELECT 1 FROM "ModelStatusChange" x WHERE x."modelId" = m."id")
        THEN m."status" END) <> 'DISCONTINUED' AND $2::date IS NOT NULL`);
  const started = await one(`SELECT count(*)::float8 AS n FROM "Model" m ${IN_SUBTREE("m")}
    WHERE m."startedOn" BETWEEN $2 AND $3`);
  const replicated = await one(`SELECT count(*)::float8 AS n FROM (
      SELECT s."modelId", min(s."effectiveOn") AS d FROM "ModelStatusChange" s
      WHERE s."status" = 'REPLICATED' GROUP BY 1) r
    JOIN "Model" m ON m."id" = r."modelId" ${IN_SUBTREE("m")} WHERE r.d BETWEEN $2 AND $3`);
  const k = await one(`SELECT coalesce(sum(k."participants"), 0)::float8 AS p,
      coalesce(sum(k."landValueVnd" + k."cashVnd" + k."inKindVnd"), 0)::float8 AS v
    FROM "ModelContribution" k JOIN "Model" m ON m."id" = k."modelId" ${IN_SUBTREE("m")}
    WHERE k."recordedOn" BETWEEN $2 AND $3`);
  const w = await one(`SELECT coalesce(sum(w."recipientCount"), 0)::float8 AS n
    FROM "Award" w ${IN_SUBTREE("w")} WHERE w."awardedOn" BETWEEN $2 AND $3`);
  const r = await one(`SELECT count(*)::float8 AS n FROM "Commitment" r ${IN_SUBTREE("r")}
    WHERE r."registeredOn" BETWEEN $2 AND $3`);
  const rate = await one(`SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Commitment" k
        WHERE k."unitId" = u."id" AND k."year" = extract(year FROM $3::date)::int))::float8 AS num,
      count(*)::float8 AS den
    FROM "Unit" u JOIN "UnitClosure" c ON c."descendantId" = u."id" AND c."ancestorId" = $1
    WHERE u."kind" = 'PARTY_CELL' AND $2::date IS NOT NULL
      AND (u."activeFrom" IS NULL OR u."activeFrom" <= $3) AND (u."activeUntil" IS NULL OR u."activeUntil" >= $3)`);
  return [
    a.s,
    a.att,
    a.n,
    members ? (100 * (a.att ?? 0)) / members : null,
    active.n,
    started.n,
    replicated.n,
    k.p,
    k.v,
    w.n,
    r.n,
    rate.den ? (100 * (rate.num ?? 0)) / rate.den : null,
  ].map((v) => (v === null || v === undefined ? null : Number(v)));
}

export function overviewQuestion(rootId: number, members: number, label: string): Question {
  return {
    name: `overview ${label}`,
    description: `overview of ${label}, year ${LAST_YEAR} and the year before (12 KPIs)`,
    peer: { kind: "overview", rootId },
    async graphql(client) {
      const data = await client.request<{
        overview: {
          figures: { measure: string; value: number | null; previousValue: number | null }[];
        };
      }>(OVERVIEW, { u: globalId("Unit", rootId), p: YEAR });
      return new Map(data.overview.figures.map((f) => [f.measure, [f.value, f.previousValue]]));
    },
    async plain(pool) {
      const [now, before] = await Promise.all([
        plainKpis(pool, rootId, members, YEAR),
        plainKpis(pool, rootId, members, PREVIOUS_YEAR),
      ]);
      return new Map(KPI_MEASURES.map((m, i) => [m, [now[i] ?? null, before[i] ?? null]]));
    },
  };
}

// ───────────────────────────── comparison ─────────────────────────────

const COMPARISON = `query Comparison($u: ID!, $k: UnitKind!, $p: PeriodInput!) {
  comparison(unitId: $u, childLevel: $k, measure: ATTENDANCE, period: $p) {
    __typename ... on Comparison { rows { unit { id } value previousValue reported } }
  }
}`;

export function comparisonQuestion(
  rootId: number,
  childLevel: "COMMUNE" | "PROVINCE",
  label: string,
): Question {
  const level = childLevel === "COMMUNE" ? "communes" : "provinces";
  const unitAttendance = `SELECT cu."id", coalesce(sum(a."attendance"), 0)::float8 AS v
    FROM "Unit" cu JOIN "UnitClosure" r ON r."descendantId" = cu."id" AND r."ancestorId" = $1
    JOIN "UnitClosure" c ON c."ancestorId" = cu."id"
    JOIN "Activity" a ON a."unitId" = c."descendantId" AND a."occurredOn" BETWEEN $2 AND $3
    WHERE cu."kind"::text = $4 GROUP BY 1`;
  // "Reported": any record of any kind in the period under the commune.
  const reported = `WITH u AS (
      SELECT cu."id" FROM "Unit" cu JOIN "UnitClosure" r ON r."descendantId" = cu."id" AND r."ancestorId" = $1
      WHERE cu."kind"::text = $4),
    d AS (SELECT u."id" AS commune, c."descendantId" AS unit FROM u JOIN "UnitClosure" c ON c."ancestorId" = u."id")
    SELECT commune AS "id", sum(n)::float8 AS v FROM (
      SELECT d.commune, count(*) AS n FROM d JOIN "Activity" a ON a."unitId" = d.unit
        WHERE a."occurredOn" BETWEEN $2 AND $3 GROUP BY 1
      UNION ALL SELECT d.commune, count(*) FROM d JOIN "Award" w ON w."unitId" = d.unit
        WHERE w."awardedOn" BETWEEN $2 AND $3 GROUP BY 1
      UNION ALL SELECT d.commune, count(*) FROM d JOIN "Model" m ON m."unitId" = d.unit
        JOIN "ModelContribution" k ON k."modelId" = m."id" WHERE k."recordedOn" BETWEEN $2 AND $3 GROUP BY 1
      UNION ALL SELECT d.commune, count(*) FROM d JOIN "Model" m ON m."unitId" = d.unit
        WHERE m."startedOn" BETWEEN $2 AND $3 GROUP BY 1
      UNION ALL SELECT d.commune, count(*) FROM d JOIN "Model" m ON m."unitId" = d.unit
        JOIN "ModelStatusChange" s ON s."modelId" = m."id" WHERE s."effectiveOn" BETWEEN $2 AND $3 GROUP BY 1
      UNION ALL SELECT d.commune, count(*) FROM d JOIN "Commitment" k ON k."unitId" = d.unit
        WHERE k."registeredOn" BETWEEN $2 AND $3 GROUP BY 1
    ) x GROUP BY 1`;
  return {
    name: `comparison of ${level} of ${label}`,
    description: `${level} of ${label} ranked by attendance in ${LAST_YEAR}, with the year before`,
    peer: { kind: "comparison", rootId, childLevel },
    async graphql(client) {
      const data = await client.request<{
        comparison: {
          rows: {
            unit: { id: string };
            value: number | null;
            previousValue: number | null;
            reported: boolean;
          }[];
        };
      }>(COMPARISON, { u: globalId("Unit", rootId), k: childLevel, p: YEAR });
      return new Map(
        data.comparison.rows.map((r) => [
          String(decodeId(r.unit.id)),
          [r.value, r.previousValue, r.reported ? 1 : 0],
        ]),
      );
    },
    async plain(pool) {
      const [now, before, records, communes] = await Promise.all([
        pool.query(unitAttendance, [rootId, YEAR.from, YEAR.to, childLevel]),
        pool.query(unitAttendance, [rootId, PREVIOUS_YEAR.from, PREVIOUS_YEAR.to, childLevel]),
        pool.query(reported, [rootId, YEAR.from, YEAR.to, childLevel]),
        pool.query(
          `SELECT cu."id" FROM "Unit" cu JOIN "UnitClosure" r ON r."descendantId" = cu."id"
           AND r."ancestorId" = $1 WHERE cu."kind"::text = $2`,
          [rootId, childLevel],
        ),
      ]);
      const byId = (rows: { id: number; v: number }[]) =>
        new Map(rows.map((r) => [String(r.id), Number(r.v)]));
      const n = byId(now.rows);
      const b = byId(before.rows);
      const rec = byId(records.rows);
      return new Map(
        communes.rows.map((c: { id: number }) => {
          const id = String(c.id);
          return [id, [n.get(id) ?? 0, b.get(id) ?? 0, (rec.get(id) ?? 0) > 0 ? 1 : 0]];
        }),
      );
    },
  };
}

// ───────────────────────────── trend ─────────────────────────────

const TREND = `query Trend($u: ID!, $p: PeriodInput!) {
  trend(unitId: $u, measure: ATTENDANCE, granularity: MONTH, period: $p) {
    __typename ... on Trend { points { key value } }
  }
}`;

export function trendQuestion(rootId: number, label: string): Question {
  return {
    name: `trend ${label}`,
    description: `monthly attendance of ${label}, ${FIVE_YEARS.from.slice(0, 4)}–${LAST_YEAR} (60 points)`,
    peer: { kind: "trend", rootId },
    async graphql(client) {
      const data = await client.request<{
        trend: { points: { key: string; value: number | null }[] };
      }>(TREND, { u: globalId("Unit", rootId), p: FIVE_YEARS });
      return new Map(data.trend.points.map((p) => [p.key, [p.value]]));
    },
    async plain(pool) {
      const { rows } = await pool.query(
        // A month without any activity is "not reported" (null), as the API answers it, not 0.
        `SELECT to_char(m, 'YYYY-MM') AS k, t.v::float8 AS v
         FROM generate_series($2::date, $3::date, interval '1 month') m
         LEFT JOIN (
           SELECT date_trunc('month', a."occurredOn") AS month, sum(a."attendance") AS v
           FROM "Activity" a ${IN_SUBTREE("a")} WHERE a."occurredOn" BETWEEN $2 AND $3 GROUP BY 1
         ) t ON t.month = m ORDER BY 1`,
        [rootId, FIVE_YEARS.from, FIVE_YEARS.to],
      );
      return new Map(
        rows.map((r: { k: string; v: number | null }) => [
          r.k,
          [r.v === null ? null : Number(r.v)],
        ]),
      );
    },
  };
}

// ───────────────────────────── metrics ─────────────────────────────

const METRICS = `query Metrics($i: MetricsInput!) {
  metrics(input: $i) { __typename ... on Metrics { rows { keys { key } values } } }
}`;

export function metricsQuestion(provinceId: number, label: string): Question {
  return {
    name: `metrics ${label}`,
    description: `models started, participants and money by sector × year in ${label}, ${FIVE_YEARS.from.slice(0, 4)}–${LAST_YEAR}`,
    peer: { kind: "metrics", rootId: provinceId },
    async graphql(client) {
      const data = await client.request<{
        metrics: { rows: { keys: { key: string }[]; values: (number | null)[] }[] };
      }>(METRICS, {
        i: {
          unitId: globalId("Unit", provinceId),
          measures: ["MODELS_STARTED", "MODEL_PARTICIPANTS", "CONTRIBUTION_VND"],
          dimensions: ["SECTOR", "YEAR"],
          period: FIVE_YEARS,
        },
      });
      return new Map(data.metrics.rows.map((r) => [r.keys.map((k) => k.key).join("/"), r.values]));
    },
    async plain(pool) {
      const args = [provinceId, FIVE_YEARS.from, FIVE_YEARS.to];
      const [started, given] = await Promise.all([
        pool.query(
          `SELECT m."sector"::text AS s, extract(year FROM m."startedOn")::int AS y, count(*)::float8 AS n
           FROM "Model" m ${IN_SUBTREE("m")} WHERE m."startedOn" BETWEEN $2 AND $3 GROUP BY 1, 2`,
          args,
        ),
        pool.query(
          `SELECT m."sector"::text AS s, extract(year FROM k."recordedOn")::int AS y,
             sum(k."participants")::float8 AS p, sum(k."landValueVnd" + k."cashVnd" + k."inKindVnd")::float8 AS v
           FROM "ModelContribution" k JOIN "Model" m ON m."id" = k."modelId" ${IN_SUBTREE("m")}
           WHERE k."recordedOn" BETWEEN $2 AND $3 GROUP BY 1, 2`,
          args,
        ),
      ]);
      const out: Answer = new Map();
      const row = (key: string) => {
        let r = out.get(key);
        if (!r) {
          // A measure without records in its group is "not reported" (null), not 0.
          r = [null, null, null];
          out.set(key, r);
        }
        return r;
      };
      for (const r of started.rows) row(`${r.s}/${r.y}`)[0] = Number(r.n);
      for (const r of given.rows) {
        const x = row(`${r.s}/${r.y}`);
        x[1] = Number(r.p);
        x[2] = Number(r.v);
      }
      return out;
    },
  };
}

/** Differences between two answers (empty when equal), at most `limit` of them. */
export function compareAnswers(a: Answer, b: Answer, limit = 5): string[] {
  const problems: string[] = [];
  const keys = new Set([...a.keys(), ...b.keys()]);
  for (const key of keys) {
    const x = a.get(key);
    const y = b.get(key);
    // A group one side leaves out and the other lists with no reported value is the same answer:
    // the API lists empty groups (reported: false) where plain SQL has no row.
    const unreported = (r: (number | null)[] | undefined) => !r || r.every((v) => v === null);
    const same =
      (unreported(x) && unreported(y)) ||
      (x !== undefined &&
        y !== undefined &&
        x.length === y.length &&
        x.every((v, i) => {
          const w = y[i];
          if (v === null || w === null || w === undefined) return v === w;
          return Math.abs(v - w) <= 1e-9 * Math.max(1, Math.abs(v));
        }));
    if (!same) problems.push(`${key}: graphql ${JSON.stringify(x)} vs plain ${JSON.stringify(y)}`);
    if (problems.length >= limit) break;
  }
  return problems;
}

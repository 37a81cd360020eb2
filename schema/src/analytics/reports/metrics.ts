// The rows of a `metrics` answer: the engine's raw figures with public keys and labels, the empty
// groups (chưa báo cáo) beside them, in the order asked for.
import type { PrismaClient } from "@d05/prisma";
import { encodeGlobalID } from "@pothos/plugin-relay";
import { type Cell, computeRaw, type EngineQuery, finalValue, type RawRow } from "../engine";
import {
  DIMENSION_ENUMS,
  type Dimension,
  isTimeDimension,
  MEASURE_DEFINITIONS,
  type Measure,
} from "../measures";
import { emptyGroups } from "../metrics-empty";
import { bucketLabel } from "../periods";

/** metrics lists every group: also the themes and models (see metrics-empty.ts). */
type MetricsDb = Pick<PrismaClient, "$queryRaw" | "unit" | "theme" | "model">;

export const NO_THEME_KEY = "NONE";

export interface MetricsKey {
  dimension: Dimension;
  key: string;
  label: string;
}
export interface MetricsRow {
  keys: MetricsKey[];
  values: (number | null)[];
  /** Party members the row's per-100 figures divide by (its unit's, or the root's). */
  members: number | null;
  /** Per rate measure, its numerator and denominator (registered and eligible); else null. */
  parts: (Cell | null)[];
  /** False for an empty group (a unit or bucket without any record: values null), see emptyGroups. */
  reported: boolean;
}

export interface MetricsOrder {
  measure?: Measure | null;
  dimension?: Dimension | null;
  direction: "ASC" | "DESC";
}

function publicKey(dimension: Dimension, raw: string, sqlLabel: string | null): MetricsKey {
  if (dimension === "UNIT") {
    return { dimension, key: encodeGlobalID("Unit", raw), label: sqlLabel ?? raw };
  }
  if (dimension === "THEME") {
    return raw === "0"
      ? { dimension, key: NO_THEME_KEY, label: "Không theo chuyên đề" }
      : { dimension, key: encodeGlobalID("Theme", raw), label: sqlLabel ?? raw };
  }
  if (isTimeDimension(dimension)) return { dimension, key: raw, label: bucketLabel(raw) };
  if (dimension === "MODEL") {
    return { dimension, key: encodeGlobalID("Model", raw), label: sqlLabel ?? raw };
  }
  const label = DIMENSION_ENUMS[dimension]?.values[raw]?.vi;
  return { dimension, key: raw, label: label ?? raw };
}

/** Units and themes sort by name; everything else (enum values, bucket keys) by key. */
function sortText(k: MetricsKey): string {
  return k.dimension === "UNIT" || k.dimension === "THEME" || k.dimension === "MODEL"
    ? k.label
    : k.key;
}

const collator = new Intl.Collator("vi");

export async function runMetrics(
  db: MetricsDb,
  q: EngineQuery,
  rootMembers: number | null,
  orderBy: MetricsOrder | null,
  limit: number,
): Promise<{ rows: MetricsRow[]; totalRows: number; emptyGroupsOmitted: boolean }> {
  const raw = await computeRaw(db, q);
  const empty = await emptyGroups(db, q, raw);
  // With UNIT rows, each row divides by its own unit's members (null: none recorded then).
  const byUnit = q.dimensions.includes("UNIT");
  const toRow = (r: RawRow, reported: boolean): MetricsRow => {
    const members = byUnit ? r.members : rootMembers;
    return {
      keys: r.keys.map((k, i) => publicKey(q.dimensions[i] as Dimension, k, r.labels[i] ?? null)),
      values: q.measures.map((m) => (reported ? finalValue(m, r.cells.get(m), members) : null)),
      members,
      parts: q.measures.map((m) =>
        !MEASURE_DEFINITIONS[m].isRate
          ? null
          : reported
            ? (r.cells.get(m) ?? { num: 0, den: 0 })
            : null,
      ),
      reported,
    };
  };
  const rows = [
    ...[...raw.values()].map((r) => toRow(r, empty?.reported.has(r.keys.join("\u0001")) ?? true)),
    // A group the raw answer lacks may still have reported: records whose figures sum to 0
    // (contributions all in cash: in kind 0). It reads 0, not chưa báo cáo.
    ...(empty?.missing ?? []).map((r) =>
      toRow(r, empty?.reported.has(r.keys.join("\u0001")) ?? false),
    ),
  ];
  const byKeys = (a: MetricsRow, b: MetricsRow) => {
    for (let i = 0; i < a.keys.length; i++) {
      const c = collator.compare(
        sortText(a.keys[i] as MetricsKey),
        sortText(b.keys[i] as MetricsKey),
      );
      if (c !== 0) return c;
    }
    return 0;
  };
  const sign = orderBy?.direction === "ASC" ? 1 : -1;
  if (orderBy?.measure) {
    const i = q.measures.indexOf(orderBy.measure);
    rows.sort((a, b) => {
      const va = a.values[i] ?? null;
      const vb = b.values[i] ?? null;
      if (va === null || vb === null) return va === vb ? byKeys(a, b) : va === null ? 1 : -1;
      return va === vb ? byKeys(a, b) : sign * (va - vb);
    });
  } else if (orderBy?.dimension) {
    const i = q.dimensions.indexOf(orderBy.dimension);
    rows.sort((a, b) => {
      const c = collator.compare(
        sortText(a.keys[i] as MetricsKey),
        sortText(b.keys[i] as MetricsKey),
      );
      return c !== 0 ? sign * c : byKeys(a, b);
    });
  } else {
    rows.sort(byKeys);
  }
  return {
    rows: rows.slice(0, limit),
    totalRows: rows.length,
    emptyGroupsOmitted: empty?.omitted ?? false,
  };
}

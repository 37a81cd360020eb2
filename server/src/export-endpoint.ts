import type http from "node:http";
import { type Measure, startsLikeFormula } from "@d05/schema";
import { measureLabels } from "@d05/schema/domain";
import ExcelJS from "exceljs";
import { requestLanguage, say } from "./language";

/**
 * GET /export/<answer>.<csv|xlsx>?args=<JSON>: an analytics answer (overview, comparison, trend,
 * metrics) as a file for spreadsheets. The answer is the GraphQL field's own: the same document
 * runs through yoga with the caller's Authorization header, so arguments, validation, scope rules,
 * limits and the analytics cache are the field's, not a copy. Excel-friendly for Vietnamese users:
 * CSV in UTF-8 with a byte-order mark, `;` between fields, decimal comma, no float noise, text a
 * spreadsheet would run as a formula quoted behind an apostrophe; Vietnamese headers.
 */

type Cell = string | number | null;
interface Table {
  title: string;
  headers: string[];
  rows: Cell[][];
}
type Json = Record<string, unknown>;
type Answer = "overview" | "comparison" | "trend" | "metrics";

const FACTS = `period { from to } previousPeriod { from to } asOf periodNote`;
const DOCUMENTS: Record<Answer, string> = {
  overview: `query($unitId: ID!, $period: PeriodInput, $relativePeriod: RelativePeriod) {
    answer: overview(unitId: $unitId, period: $period, relativePeriod: $relativePeriod) {
      __typename ... on Error { message }
      ... on Overview { unit { name } ${FACTS} figures { measure value previousValue change } } } }`,
  comparison: `query($unitId: ID!, $childLevel: UnitKind!, $measure: Measure!, $period: PeriodInput,
    $relativePeriod: RelativePeriod, $perCapita: Boolean, $compareWith: ComparisonBaseline,
    $order: ComparisonOrder, $limit: Int) {
    answer: comparison(unitId: $unitId, childLevel: $childLevel, measure: $measure, period: $period,
      relativePeriod: $relativePeriod, perCapita: $perCapita, compareWith: $compareWith,
      order: $order, limit: $limit) {
      __typename ... on Error { message }
      ... on Comparison { unit { name } measure ${FACTS} rows { rank unit { name } value
        perHundredMembers members { partyMembers } previousValue change reported
        mergedUnits { name } } } } }`,
  trend: `query($unitId: ID!, $measure: Measure!, $granularity: Granularity!, $period: PeriodInput,
    $relativePeriod: RelativePeriod) {
    answer: trend(unitId: $unitId, measure: $measure, granularity: $granularity, period: $period,
      relativePeriod: $relativePeriod) {
      __typename ... on Error { message }
      ... on Trend { unit { name } measure ${FACTS} points { label start to value reported complete } } } }`,
  metrics: `query($input: MetricsInput!) {
    answer: metrics(input: $input) {
      __typename ... on Error { message }
      ... on Metrics { unit { name } measures dimensions rows { keys { label } values reported } } } }`,
};

const DIMENSION_HEADERS: Record<string, string> = {
  UNIT: "Đơn vị",
  SECTOR: "Lĩnh vực",
  ACTIVITY_KIND: "Loại hoạt động",
  AWARD_LEVEL: "Cấp khen thưởng",
  AWARD_FORM: "Hình thức khen thưởng",
  RECIPIENT_KIND: "Tập thể / cá nhân",
  THEME: "Chuyên đề",
  YEAR: "Năm",
  QUARTER: "Quý",
  MONTH: "Tháng",
};

/** The dashboard's names of the measures (one table), so a file's headers read as the screen does. */
const label = (m: unknown) => measureLabels[m as Measure]?.vi ?? String(m);
const viDay = (iso: unknown) => String(iso).split("-").reverse().join("/");
const span = (p: unknown) => {
  const { from, to } = p as { from: string; to: string };
  return `${viDay(from)} – ${viDay(to)}`;
};
/** A change as a percentage figure (12,5 for +12.5 %). */
const percent = (v: unknown) => (typeof v === "number" ? v * 100 : null);
const num = (v: unknown) => (typeof v === "number" ? v : null);

function toTable(answer: Answer, a: Json): Table {
  const unit = (a.unit as { name: string }).name;
  if (answer === "overview") {
    const now = `Kỳ này (${span(a.period)})`;
    return {
      title: `Tổng quan ${unit}, ${a.periodNote}`,
      headers: ["Chỉ tiêu", now, `Kỳ so sánh (${span(a.previousPeriod)})`, "Thay đổi (%)"],
      rows: (a.figures as Json[]).map((f) => [
        label(f.measure),
        num(f.value),
        num(f.previousValue),
        percent(f.change),
      ]),
    };
  }
  if (answer === "comparison") {
    return {
      title: `So sánh ${label(a.measure)}, ${unit}, ${a.periodNote}`,
      headers: [
        "Hạng",
        "Đơn vị",
        `${label(a.measure)} (${span(a.period)})`,
        "Trên 100 đảng viên",
        `Đảng viên (ngày ${viDay((a.period as { to: string }).to)})`,
        `Kỳ so sánh (${span(a.previousPeriod)})`,
        "Thay đổi (%)",
        "Báo cáo",
        "Gồm đơn vị đã sáp nhập",
      ],
      rows: (a.rows as Json[]).map((r) => [
        num(r.rank),
        (r.unit as { name: string }).name,
        r.reported ? num(r.value) : null,
        r.reported ? num(r.perHundredMembers) : null,
        num((r.members as { partyMembers: number | null }).partyMembers),
        num(r.previousValue),
        percent(r.change),
        r.reported ? "Đã báo cáo" : "Chưa báo cáo",
        (r.mergedUnits as { name: string }[]).map((u) => u.name).join(", "),
      ]),
    };
  }
  if (answer === "trend") {
    return {
      title: `Xu hướng ${label(a.measure)}, ${unit}`,
      headers: ["Kỳ", "Từ ngày", "Đến ngày", label(a.measure), "Ghi chú"],
      rows: (a.points as Json[]).map((p) => [
        String(p.label),
        viDay(p.start),
        viDay(p.to),
        num(p.value),
        !p.reported ? "Chưa báo cáo" : !p.complete ? `Chưa hết kỳ (đến ngày ${viDay(p.to)})` : "",
      ]),
    };
  }
  return {
    title: `Số liệu ${unit}`,
    headers: [
      ...(a.dimensions as string[]).map((d) => DIMENSION_HEADERS[d] ?? d),
      ...(a.measures as string[]).map(label),
      "Tình trạng",
    ],
    rows: (a.rows as Json[]).map((r) => [
      ...(r.keys as { label: string }[]).map((k) => k.label),
      ...(r.values as (number | null)[]),
      r.reported ? "Đã báo cáo" : "Chưa báo cáo",
    ]),
  };
}

/** A figure with a decimal comma and no float noise: 0.1 + 0.2 → "0,3"; 1333980000 stays whole. */
export function csvNumber(v: number): string {
  const clean = Number(v.toFixed(6));
  return String(Object.is(clean, -0) ? 0 : clean).replace(".", ",");
}

export function csvField(v: Cell): string {
  if (v === null) return "";
  if (typeof v === "number") return csvNumber(v);
  const text = startsLikeFormula(v) ? `'${v}` : v;
  return /[";\r\n]/.test(text) || text !== v ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(t: Table): string {
  const lines = [t.headers, ...t.rows].map((r) => r.map(csvField).join(";"));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

async function toXlsx(t: Table): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Số liệu");
  sheet.addRow(t.headers).font = { bold: true };
  // Numbers rounded like the CSV; text cells are strings (never formulas) in an XLSX file.
  for (const r of t.rows) {
    sheet.addRow(r.map((c) => (typeof c === "number" ? Number(c.toFixed(6)) : c)));
  }
  sheet.columns.forEach((c) => {
    c.width = 18;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

const STATUS: Record<string, number> = { InputError: 400, NotFoundError: 404 };

/** Runs a GraphQL request through the app's yoga, as /graphql would (the subset used here). */
type GraphqlFetch = (
  url: string,
  init: RequestInit,
  serverContext: { req: http.IncomingMessage },
) => Promise<Response> | Response;

export function exportEndpoint(run: GraphqlFetch) {
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const fail = (status: number, message: string) =>
      res
        .writeHead(status, { "content-type": "application/json; charset=utf-8" })
        .end(JSON.stringify({ message }));
    const url = new URL(req.url ?? "/", "http://localhost");
    const match = /^\/export\/(overview|comparison|trend|metrics)\.(csv|xlsx)$/.exec(url.pathname);
    if (!match) return fail(404, say("exportNoSuchFile"));
    if (req.method !== "GET") return fail(405, say("methodNotAllowed", { methods: "GET" }));
    const answer = match[1] as Answer;
    const format = match[2] as "csv" | "xlsx";
    let args: unknown;
    try {
      args = JSON.parse(url.searchParams.get("args") ?? "{}");
    } catch {
      return fail(400, say("argsNotJson"));
    }
    if (typeof args !== "object" || args === null || Array.isArray(args)) {
      return fail(400, say("argsNotObject"));
    }
    const response = await run(
      "http://localhost/graphql",
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json",
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
          // The field's own refusals (typed errors, limits) in the caller's language too.
          "accept-language": requestLanguage(),
        },
        body: JSON.stringify({ query: DOCUMENTS[answer], variables: args }),
      },
      { req },
    );
    const body = (await response.json()) as {
      data?: { answer?: Json };
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    const error = body.errors?.[0];
    if (error) {
      const code = error.extensions?.code;
      const status =
        code === "UNAUTHENTICATED" || code === "NOT_AUTHENTICATED"
          ? 401
          : Math.max(response.status, 400);
      return fail(status, error.message);
    }
    const result = body.data?.answer;
    if (!result || typeof result.__typename !== "string") return fail(500, say("noResult"));
    if (result.__typename in STATUS || typeof result.message === "string") {
      return fail(STATUS[result.__typename] ?? 400, String(result.message));
    }
    const table = toTable(answer, result);
    const name = `${answer}.${format}`;
    const disposition = `attachment; filename="${name}"`;
    if (format === "csv") {
      res.writeHead(200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": disposition,
        "cache-control": "no-store",
      });
      return res.end(toCsv(table));
    }
    res.writeHead(200, {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": disposition,
      "cache-control": "no-store",
    });
    return res.end(await toXlsx(table));
  };
}

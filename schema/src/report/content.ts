// The report's text, written from the figures in the order and words of the offices' own reviews
// (sơ kết, tổng kết): results by area, each compared with "cùng kỳ", then the parts the figures
// cannot write (assessment, shortcomings, directions), recipients and signature.
import type { Period } from "../analytics/periods";
import type { Block, ReportDocument, TableRow } from "./document";
import { type KeyedFigures, type ProgrammeFigures, type ReportFigures, trendStep } from "./figures";
import { issuerOf, reportHeader } from "./header";
import {
  changeText,
  countInWords,
  moneyInWords,
  viCount,
  viDate,
  viNumber,
  viPercent,
} from "./numbers";
import { templateData } from "./template-data";

/** What the user typed in the dialog; an empty part stays a marked placeholder. */
export interface Narrative {
  assessment?: string;
  limitations?: string;
  directions?: string;
  signerName?: string;
}

const SUBORDINATE_NAMES: Record<string, string> = {
  COMMUNE: "xã, phường",
  PARTY_CELL: "chi bộ",
};

/** "năm 2023", "6 tháng đầu năm 2026", "quý III năm 2024", "tháng 01 năm 2024", else a range. */
export function spanLabel(p: Period): string {
  const y = p.from.getUTCFullYear();
  const m1 = p.from.getUTCMonth() + 1;
  const m2 = p.to.getUTCMonth() + 1;
  const sameYear = y === p.to.getUTCFullYear();
  if (sameYear && m1 === 1 && m2 === 12) return `năm ${y}`;
  if (sameYear && m1 === 1 && m2 === 6) return `6 tháng đầu năm ${y}`;
  if (sameYear && m1 === 7 && m2 === 12) return `6 tháng cuối năm ${y}`;
  if (sameYear && m2 - m1 === 2 && m1 % 3 === 1) {
    return `quý ${["I", "II", "III", "IV"][(m1 - 1) / 3]} năm ${y}`;
  }
  if (sameYear && m1 === m2) return `tháng ${String(m1).padStart(2, "0")} năm ${y}`;
  return `từ ngày ${viDate(p.from)} đến ngày ${viDate(p.to)}`;
}

const compared = (value: number | null, previous: number | null) => {
  const text = changeText(value, previous);
  return text ? ` (${text}${text.startsWith("cùng kỳ") ? "" : " so với cùng kỳ"})` : "";
};

/** "Xây dựng Đảng …" → "xây dựng Đảng …": proper nouns inside keep their capitals. */
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase("vi-VN") + s.slice(1);

const p = (...runs: (string | { text: string; bold?: boolean })[]): Block => ({
  kind: "paragraph",
  runs: runs.map((r) => (typeof r === "string" ? { text: r } : r)),
});

function listOf(rows: KeyedFigures[], index: number, unit: (n: number) => string): string {
  return rows
    .filter((r) => (r.values[index]?.value ?? 0) > 0)
    .map((r) => `${lowerFirst(r.label)} ${unit(r.values[index]?.value ?? 0)}`)
    .join(", ");
}

function studying(f: ReportFigures): Block[] {
  const t = f.totals;
  const blocks: Block[] = [
    { kind: "heading", text: "1. Công tác học tập, quán triệt, tuyên truyền" },
  ];
  // No activity record in the span is "not reported", not "0 buổi … giảm 100%" (DESIGN.md).
  if ((t.ACTIVITIES.value ?? 0) === 0) {
    const before = t.ATTENDANCE.previous ?? 0;
    blocks.push(
      p(
        { text: "Chưa báo cáo", bold: true },
        ` hội nghị, sinh hoạt, học tập nào trong kỳ`,
        before > 0
          ? ` (cùng kỳ: ${viCount(t.SESSIONS.previous ?? 0)} buổi với ${viNumber(before)} lượt người tham dự).`
          : ".",
      ),
    );
    return blocks;
  }
  const per100 = t.ATTENDANCE_PER_100_MEMBERS.value;
  const kinds = f.activities
    .filter((a) => (a.values[0]?.value ?? 0) > 0)
    .map(
      (a) =>
        `${lowerFirst(a.label)} ${viCount(a.values[0]?.value ?? 0)} buổi với ${viNumber(a.values[1]?.value ?? 0)} lượt người tham dự`,
    );
  blocks.push(
    p(
      `Trong kỳ, ${f.unit.kind === "PARTY_CELL" ? "chi bộ" : "toàn Đảng bộ"} đã tổ chức ${viCount(t.SESSIONS.value ?? 0)} buổi hội nghị, sinh hoạt, học tập với `,
      { text: `${viNumber(t.ATTENDANCE.value ?? 0)} lượt người tham dự`, bold: true },
      `${compared(t.ATTENDANCE.value, t.ATTENDANCE.previous)}`,
      per100 === null ? "" : `, bình quân ${viNumber(per100)} lượt trên 100 đảng viên`,
      kinds.length ? `; trong đó: ${kinds.join("; ")}.` : ".",
    ),
  );
  if (f.subordinateLevel === "PARTY_CELL" && f.subordinates.length > 0) {
    const held = f.subordinates.filter((s) => s.sessions > 0).length;
    blocks.push(
      p(
        `Có ${viCount(held)}/${viCount(f.subordinates.length)} chi bộ trực thuộc tổ chức sinh hoạt, học tập chuyên đề trong kỳ (${viPercent((100 * held) / f.subordinates.length)}).`,
      ),
    );
  }
  blocks.push({
    kind: "table",
    caption: "Bảng 1. Hội nghị, sinh hoạt, học tập theo loại hoạt động",
    columns: [
      { title: "Loại hoạt động", width: 34, align: "left" },
      { title: "Số buổi", width: 14, align: "right" },
      { title: "Lượt người tham dự", width: 18, align: "right" },
      { title: "Cùng kỳ (lượt)", width: 16, align: "right" },
      { title: "So với cùng kỳ", width: 18, align: "center" },
    ],
    rows: [
      ...f.activities.map((a) => ({
        cells: [
          a.label,
          viNumber(a.values[0]?.value ?? 0),
          viNumber(a.values[1]?.value ?? 0),
          viNumber(a.values[1]?.previous ?? 0),
          changeText(a.values[1]?.value ?? 0, a.values[1]?.previous ?? 0),
        ],
      })),
      {
        total: true,
        cells: [
          "Tổng cộng",
          viNumber(t.SESSIONS.value ?? 0),
          viNumber(t.ATTENDANCE.value ?? 0),
          viNumber(t.ATTENDANCE.previous ?? 0),
          changeText(t.ATTENDANCE.value, t.ATTENDANCE.previous),
        ],
      },
    ],
  });
  if (f.attendanceTrend.length > 1) {
    const step = { MONTH: "tháng", QUARTER: "quý", YEAR: "năm" }[trendStep(f.span.current)];
    blocks.push({
      kind: "chart",
      tag: "attendanceChart",
      chart: {
        title: `Lượt người tham dự theo ${step}, so với cùng kỳ`,
        categories: f.attendanceTrend.map((m) => m.label),
        series: [
          { name: "Kỳ báo cáo", values: f.attendanceTrend.map((m) => m.values[0]?.value ?? 0) },
          { name: "Cùng kỳ", values: f.attendanceTrend.map((m) => m.values[0]?.previous ?? 0) },
        ],
      },
    });
  }
  return blocks;
}

/** ", trong đó hiến 1.226 m² đất trị giá 1.051.980.000 đồng, tiền mặt 282.000.000 đồng", as reported. */
function contributionParts(g: ProgrammeFigures): string {
  const parts = [
    g.landM2 > 0 || g.landValueVnd > 0
      ? `hiến ${viNumber(g.landM2)} m² đất${g.landValueVnd > 0 ? ` trị giá ${viNumber(g.landValueVnd)} đồng` : ""}`
      : "",
    g.cashVnd > 0 ? `tiền mặt ${viNumber(g.cashVnd)} đồng` : "",
    g.inKindVnd > 0 ? `hiện vật trị giá ${viNumber(g.inKindVnd)} đồng` : "",
  ].filter(Boolean);
  return parts.length > 0 ? `, trong đó ${parts.join(", ")}` : "";
}

function models(f: ReportFigures): Block[] {
  const t = f.totals;
  const end = viDate(f.span.current.to);
  const bySector = listOf(f.modelsBySector, 0, (n) => viCount(n));
  const blocks: Block[] = [
    { kind: "heading", text: "2. Xây dựng, nhân rộng mô hình học tập và làm theo Bác" },
    p(
      `Đến ngày ${end}, đang duy trì `,
      { text: countInWords(t.MODELS_ACTIVE.value ?? 0, "mô hình"), bold: true },
      compared(t.MODELS_ACTIVE.value, t.MODELS_ACTIVE.previous),
      bySector ? `, trong đó: ${bySector}` : "",
      `. Trong kỳ có ${viCount(t.MODELS_STARTED.value ?? 0)} mô hình mới, ${viCount(t.MODELS_REPLICATED.value ?? 0)} mô hình được nhân rộng.`,
    ),
    p(...statusStocks(f)),
  ];
  for (const g of f.programmes) {
    blocks.push(
      p(
        `Mô hình “${g.programme}”: `,
        { text: countInWords(g.models, "mô hình"), bold: true },
        ` có ${viNumber(g.participants)} người dân tham gia với tổng kinh phí đóng góp là `,
        { text: moneyInWords(g.totalVnd), bold: true },
        contributionParts(g),
        g.workdays > 0 ? `; ${viNumber(g.workdays)} ngày công lao động` : "",
        ".",
      ),
    );
  }
  blocks.push(
    p(
      `Tổng hợp chung, nhân dân đóng góp cho các mô hình ${viNumber(t.CONTRIBUTION_VND.value ?? 0)} đồng${compared(t.CONTRIBUTION_VND.value, t.CONTRIBUTION_VND.previous)}, hiến ${viNumber(t.CONTRIBUTION_LAND_M2.value ?? 0)} m² đất, ${viNumber(t.CONTRIBUTION_WORKDAYS.value ?? 0)} ngày công, với ${viNumber(t.MODEL_PARTICIPANTS.value ?? 0)} lượt người tham gia.`,
    ),
  );
  blocks.push({
    kind: "table",
    caption: `Bảng 2. Mô hình theo lĩnh vực (đang duy trì đến ngày ${end}; mới trong kỳ)`,
    columns: [
      { title: "Lĩnh vực", width: 40, align: "left" },
      { title: "Đang duy trì", width: 15, align: "right" },
      { title: "Cùng kỳ", width: 15, align: "right" },
      { title: "Mới trong kỳ", width: 15, align: "right" },
      { title: "So với cùng kỳ", width: 15, align: "center" },
    ],
    rows: [
      ...f.modelsBySector.map((s) => ({
        cells: [
          s.label,
          viNumber(s.values[0]?.value ?? 0),
          viNumber(s.values[0]?.previous ?? 0),
          viNumber(s.values[1]?.value ?? 0),
          changeText(s.values[0]?.value ?? 0, s.values[0]?.previous ?? 0),
        ],
      })),
      {
        total: true,
        cells: [
          "Tổng cộng",
          viNumber(t.MODELS_ACTIVE.value ?? 0),
          viNumber(t.MODELS_ACTIVE.previous ?? 0),
          viNumber(t.MODELS_STARTED.value ?? 0),
          changeText(t.MODELS_ACTIVE.value, t.MODELS_ACTIVE.previous),
        ],
      },
    ],
  });
  if (f.modelsBySector.length > 0) {
    blocks.push({
      kind: "chart",
      tag: "modelsChart",
      chart: {
        title: `Mô hình đang duy trì theo lĩnh vực, so với cùng kỳ`,
        categories: f.modelsBySector.map((s) => s.label),
        series: [
          { name: "Kỳ báo cáo", values: f.modelsBySector.map((s) => s.values[0]?.value ?? 0) },
          { name: "Cùng kỳ", values: f.modelsBySector.map((s) => s.values[0]?.previous ?? 0) },
        ],
      },
    });
  }
  return blocks;
}

/**
 * The models by status on the span's last day (stocks, as the seed reports count them: "hiện đang
 * duy trì 13 mô hình"), each against the same day a year earlier. Active = registered + maintained
 * + replicated, so the maintained share is active minus replicated.
 */
function statusStocks(f: ReportFigures): string[] {
  const t = f.totals;
  const stock = (value: number | null, previous: number | null) =>
    `${viCount(value ?? 0)} (cùng kỳ ${viCount(previous ?? 0)})`;
  const maintained = (x: "value" | "previous") =>
    (t.MODELS_ACTIVE[x] ?? 0) - (t.MODELS_REPLICATED_STOCK[x] ?? 0);
  return [
    `Theo trạng thái đến ngày ${viDate(f.span.current.to)} (số tồn): đăng ký, duy trì ${stock(maintained("value"), maintained("previous"))}; `,
    `đang nhân rộng ${stock(t.MODELS_REPLICATED_STOCK.value, t.MODELS_REPLICATED_STOCK.previous)}; `,
    `đã ngừng ${stock(t.MODELS_DISCONTINUED_STOCK.value, t.MODELS_DISCONTINUED_STOCK.previous)} mô hình.`,
  ];
}

function commitments(f: ReportFigures): Block[] {
  const t = f.totals;
  const { registered, eligible } = f.registration;
  const rate = t.REGISTRATION_RATE.value;
  return [
    { kind: "heading", text: "3. Đăng ký, cam kết làm theo" },
    p(
      eligible.value
        ? `Có ${viCount(registered.value ?? 0)}/${viCount(eligible.value)} chi bộ đăng ký làm theo (tỷ lệ ${viPercent(rate ?? 0)}; cùng kỳ ${viCount(registered.previous ?? 0)}/${viCount(eligible.previous ?? 0)}). `
        : "Đơn vị không có chi bộ trực thuộc để tính tỷ lệ đăng ký. ",
      `Trong kỳ có ${viCount(t.COMMITMENTS_REGISTERED.value ?? 0)} bản đăng ký, đề tài, sáng kiến được đăng ký${compared(t.COMMITMENTS_REGISTERED.value, t.COMMITMENTS_REGISTERED.previous)}; ${viCount(t.COMMITMENTS_COMPLETED.value ?? 0)} đăng ký hoàn thành, được tổng kết nhân rộng.`,
    ),
  ];
}

function awards(f: ReportFigures): Block[] {
  const t = f.totals;
  const grounds = f.awards
    .filter((g) => (g.values[0]?.value ?? 0) + (g.values[1]?.value ?? 0) > 0)
    .map(
      (g) =>
        `${viCount(g.values[0]?.value ?? 0)} tập thể, ${viCount(g.values[1]?.value ?? 0)} cá nhân (${g.label})`,
    );
  const blocks: Block[] = [
    { kind: "heading", text: "4. Biểu dương, khen thưởng" },
    p(
      "Trong kỳ đã khen thưởng ",
      {
        text: `${viCount(t.AWARDS_COLLECTIVE.value ?? 0)} tập thể, ${viCount(t.AWARDS_INDIVIDUAL.value ?? 0)} cá nhân`,
        bold: true,
      },
      compared(t.AWARDS.value, t.AWARDS.previous),
      grounds.length ? `; trong đó: ${grounds.join("; ")}.` : ".",
    ),
  ];
  if (f.awards.length > 0) {
    blocks.push({
      kind: "table",
      caption: "Bảng 3. Khen thưởng theo nội dung",
      columns: [
        { title: "Nội dung khen thưởng", width: 52, align: "left" },
        { title: "Tập thể", width: 12, align: "right" },
        { title: "Cá nhân", width: 12, align: "right" },
        { title: "Cùng kỳ (TT/CN)", width: 24, align: "center" },
      ],
      rows: f.awards.map((g) => ({
        cells: [
          g.label,
          viCount(g.values[0]?.value ?? 0),
          viCount(g.values[1]?.value ?? 0),
          `${viCount(g.values[0]?.previous ?? 0)}/${viCount(g.values[1]?.previous ?? 0)}`,
        ],
      })),
    });
  }
  return blocks;
}

function subordinates(f: ReportFigures): Block[] {
  const what = f.subordinateLevel ? SUBORDINATE_NAMES[f.subordinateLevel] : null;
  const heading: Block = { kind: "heading", text: "5. Kết quả của các đơn vị trực thuộc" };
  if (!what || f.subordinates.length === 0) {
    return [heading, p("Đơn vị không có đơn vị trực thuộc để tổng hợp, so sánh.")];
  }
  const silent = f.subordinates.filter((s) => !s.reported);
  const lagging = f.subordinates.filter((s) => s.reported && s.lagging);
  // A unit without activity records in the span has no session figures ("–"), not zeros; its
  // models are a stock and its awards other records, so they stay counted.
  const flow = (s: (typeof f.subordinates)[number], n: number | null, write = viNumber) =>
    !s.reported || n === null ? "–" : write(n);
  const rows: TableRow[] = f.subordinates.map((s, i) => ({
    marked: !s.reported || s.lagging,
    cells: [
      String(i + 1),
      s.name,
      flow(s, s.sessions),
      flow(s, s.attendance),
      flow(s, s.attendancePer100),
      viNumber(s.modelsActive),
      viNumber(s.awards),
      s.registrationRate === null ? "–" : viPercent(s.registrationRate),
      !s.reported ? "Chưa báo cáo" : s.lagging ? "Thấp nhất" : "",
    ],
  }));
  return [
    heading,
    p(
      `Tổng hợp ${viCount(f.subordinates.length)} ${what} trực thuộc, xếp theo lượt người tham dự trên 100 đảng viên. `,
      silent.length
        ? `Có ${viCount(silent.length)} đơn vị chưa báo cáo trong kỳ: ${silent.map((s) => s.name).join(", ")}. `
        : "Tất cả các đơn vị đã báo cáo. ",
      lagging.length
        ? `Các đơn vị có kết quả thấp nhất (nhóm 25% cuối): ${lagging.map((s) => s.name).join(", ")}.`
        : "",
    ),
    {
      kind: "table",
      caption: `Bảng 4. Kết quả của các ${what} trực thuộc`,
      columns: [
        { title: "TT", width: 5, align: "center" },
        { title: "Đơn vị", width: 25, align: "left" },
        { title: "Số buổi", width: 9, align: "right" },
        { title: "Lượt tham dự", width: 11, align: "right" },
        { title: "/100 đảng viên", width: 10, align: "right" },
        { title: "Mô hình", width: 9, align: "right" },
        { title: "Khen thưởng", width: 10, align: "right" },
        { title: "Tỷ lệ đăng ký", width: 10, align: "right" },
        { title: "Ghi chú", width: 11, align: "center" },
      ],
      rows,
      note: "Ghi chú: “Chưa báo cáo”: đơn vị không có số liệu nào trong kỳ (không phải bằng 0; ô số liệu ghi “–”); “Thấp nhất”: nhóm 25% thấp nhất theo lượt tham dự trên 100 đảng viên.",
    },
  ];
}

const PLACEHOLDER = (what: string) =>
  `[Phần này do đơn vị tự viết: ${what}. Số liệu không tự viết được nội dung này.]`;

function narrative(text: string | undefined, what: string): Block {
  return text?.trim() ? p(text.trim()) : { kind: "placeholder", text: PLACEHOLDER(what) };
}

export function writeReport(f: ReportFigures, today: Date, typed: Narrative = {}): ReportDocument {
  const who = issuerOf(f.unit, f.parent);
  const span = spanLabel(f.span.current);
  const asOf = f.span.asOf ? ` (số liệu đến ngày ${viDate(f.span.asOf)})` : "";
  const intro = p(
    `Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, ${who.inSentence} báo cáo kết quả thực hiện ${span}${asOf}, so sánh với cùng kỳ (${spanLabel(f.span.previous)}), như sau:`,
  );
  const results = [
    ...studying(f),
    ...models(f),
    ...commitments(f),
    ...awards(f),
    ...subordinates(f),
  ];
  const assessment = narrative(typed.assessment, "ưu điểm, kết quả nổi bật");
  const limitations = narrative(typed.limitations, "hạn chế, khuyết điểm và nguyên nhân");
  const directions = narrative(typed.directions, "phương hướng, nhiệm vụ, giải pháp");
  const blocks: Block[] = [
    intro,
    { kind: "heading", text: "I. KẾT QUẢ THỰC HIỆN" },
    ...results,
    { kind: "heading", text: "II. ĐÁNH GIÁ CHUNG" },
    { kind: "heading", text: "1. Ưu điểm" },
    assessment,
    { kind: "heading", text: "2. Hạn chế, nguyên nhân" },
    limitations,
    { kind: "heading", text: "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI" },
    directions,
  ];
  const charts = Object.fromEntries(
    blocks.flatMap((b) => (b.kind === "chart" ? [[b.tag, b.chart]] : [])),
  );
  const doc: Omit<ReportDocument, "data" | "charts"> = {
    header: reportHeader(f.unit, f.parent, today),
    kind: "BÁO CÁO",
    title: [
      "kết quả học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
      `${span}${asOf}`,
    ],
    blocks,
    recipients: [
      f.parent ? `Cấp ủy ${f.parent.name} (để báo cáo),` : "Cấp ủy cấp trên (để báo cáo),",
      "Các đơn vị trực thuộc,",
      "Lưu Văn phòng.",
    ],
    signature: {
      capacity: who.capacity,
      title: who.signerTitle,
      name: typed.signerName?.trim() || "(Ký, ghi rõ họ tên)",
    },
    fileName: `bao-cao-${asciiSlug(f.unit.name)}-${f.span.current.from.toISOString().slice(0, 7)}-${f.span.current.to.toISOString().slice(0, 7)}`,
  };
  const data = templateData(
    doc,
    f,
    { results, assessment, limitations, directions },
    {
      period: `${span}${asOf}`,
      comparedPeriod: spanLabel(f.span.previous),
      intro: intro.kind === "paragraph" ? intro.runs.map((r) => r.text).join("") : "",
    },
  );
  return { ...doc, data, charts };
}

/** "Xã Long Bình" → "xa-long-binh", for a file name every system accepts. */
export function asciiSlug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

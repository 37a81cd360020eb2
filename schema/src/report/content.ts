// The report's text, written from the figures in the order and words of the offices' own reviews
// (sơ kết, tổng kết): results by area, each compared with "cùng kỳ", then the parts the figures
// cannot write (assessment, shortcomings, directions), recipients and signature.
// Each results section is written in sections/; this file puts the report together.

import { p } from "./blocks";
import type { Block, ReportDocument } from "./document";
import type { ReportFigures } from "./figures";
import { issuerOf, reportHeader } from "./header";
import { viDate } from "./numbers";
import { awards } from "./sections/awards";
import { commitments } from "./sections/commitments";
import { models } from "./sections/models";
import { studying } from "./sections/studying";
import { subordinates } from "./sections/subordinates";
import { spanLabel } from "./span";
import { templateData } from "./template-data";

/** What the user typed in the dialog; an empty part stays a marked placeholder. */
export interface Narrative {
  assessment?: string;
  limitations?: string;
  directions?: string;
  signerName?: string;
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

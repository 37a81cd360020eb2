// What an uploaded Word template may say: its docxtemplater tags ({issuer}, {#subordinates}…
// {/subordinates}) and the text each is filled with. A template is data a province uploads, so
// the list below is its whole vocabulary: a tag outside it is refused at upload, by name.
// docxtemplater tags rather than the `docx` library's building blocks, because an office edits
// its own Word file (fonts, letterhead, wording) and marks places in it; building blocks would
// need code for every layout.
import type { Block, ReportDocument, TemplateData } from "./document";
import type { ReportFigures } from "./figures";
import { viCount, viNumber, viPercent } from "./numbers";

/** A plain tag, or a loop with the tags of one item. Descriptions are shown in docs/REPORT.md. */
export const TEMPLATE_TAGS = {
  parentBody: "cơ quan cấp trên (chữ in hoa)",
  issuer: "cơ quan ban hành (chữ in hoa)",
  number: "số, ký hiệu (số để trống cho văn thư)",
  placeAndDate: "địa danh, ngày tháng năm",
  nationalHeader: "“ĐẢNG CỘNG SẢN VIỆT NAM” hoặc Quốc hiệu, theo loại đơn vị",
  nationalMotto: "Tiêu ngữ (để trống với cấp ủy Đảng)",
  kind: "tên loại văn bản (BÁO CÁO)",
  title: "trích yếu",
  unitName: "tên đơn vị",
  period: "kỳ báo cáo (năm 2023, 6 tháng đầu năm 2026…)",
  comparedPeriod: "kỳ so sánh (cùng kỳ)",
  intro: "đoạn mở đầu",
  sessions: "số buổi hội nghị, sinh hoạt",
  attendance: "lượt người tham dự",
  attendancePer100: "lượt tham dự trên 100 đảng viên",
  modelsActive: "mô hình đang hoạt động cuối kỳ (tồn)",
  modelsMaintained: "mô hình đăng ký, duy trì cuối kỳ (tồn)",
  modelsReplicatedStock: "mô hình đang nhân rộng cuối kỳ (tồn)",
  modelsDiscontinuedStock: "mô hình đã ngừng cuối kỳ (tồn)",
  modelsStarted: "mô hình mới trong kỳ",
  modelsReplicated: "mô hình được nhân rộng trong kỳ",
  modelParticipants: "lượt người tham gia mô hình",
  contributionVnd: "kinh phí đóng góp (đồng)",
  contributionLandM2: "đất hiến (m²)",
  contributionWorkdays: "ngày công",
  awardsCollective: "tập thể được khen thưởng",
  awardsIndividual: "cá nhân được khen thưởng",
  commitmentsRegistered: "bản đăng ký, đề tài trong kỳ",
  commitmentsCompleted: "đăng ký hoàn thành",
  registrationRate: "tỷ lệ chi bộ đăng ký làm theo",
  results: {
    heading: "tiêu đề mục (1. Công tác học tập…)",
    paragraphs: { text: "một đoạn của mục" },
  },
  sectors: {
    sector: "lĩnh vực",
    active: "đang duy trì",
    previous: "cùng kỳ",
    started: "mới trong kỳ",
  },
  programmes: {
    programme: "phong trào (Dân vận khéo…)",
    models: "số mô hình",
    participants: "người tham gia",
    money: "tổng giá trị đóng góp (đồng)",
    land: "đất hiến (m²)",
    landValue: "trị giá đất hiến (đồng)",
    cash: "tiền mặt (đồng)",
    inKind: "hiện vật quy ra tiền (đồng)",
    workdays: "ngày công",
  },
  awards: { ground: "nội dung khen thưởng", collective: "tập thể", individual: "cá nhân" },
  subordinates: {
    no: "số thứ tự",
    name: "đơn vị",
    sessions: "số buổi (– khi chưa báo cáo)",
    attendance: "lượt tham dự",
    attendancePer100: "trên 100 đảng viên",
    models: "mô hình",
    awards: "khen thưởng",
    registrationRate: "tỷ lệ đăng ký",
    note: "Chưa báo cáo / Thấp nhất",
  },
  assessment: "ưu điểm (chữ đã nhập, hoặc dòng đánh dấu để tự viết)",
  limitations: "hạn chế, nguyên nhân",
  directions: "phương hướng, nhiệm vụ",
  recipients: { text: "một dòng nơi nhận" },
  signerCapacity: "quyền hạn ký (T/M ĐẢNG ỦY)",
  signerTitle: "chức vụ người ký",
  signerName: "họ tên người ký",
} as const;

/**
 * Charts a template may place, each alone in its paragraph as `{%tag}` (docxtemplater's prefix for
 * a module's tag): the same images the default report draws.
 */
export const CHART_TAGS = {
  attendanceChart: "biểu đồ lượt người tham dự theo tháng (quý, năm), so với cùng kỳ",
  modelsChart: "biểu đồ mô hình đang duy trì theo lĩnh vực, so với cùng kỳ",
} as const;
export type ChartTag = keyof typeof CHART_TAGS;

export type TagTree = { readonly [tag: string]: string | TagTree };

const textOf = (b: Block): string =>
  b.kind === "paragraph"
    ? b.runs.map((r) => r.text).join("")
    : b.kind === "placeholder"
      ? b.text
      : "";

/**
 * The values of every tag, as the default report writes them (vi-VN numbers, "–" where a unit did
 * not report). Built from the same figures and blocks, so both files say the same thing.
 */
export function templateData(
  doc: Omit<ReportDocument, "data" | "charts">,
  f: ReportFigures,
  sections: { results: Block[]; assessment: Block; limitations: Block; directions: Block },
  labels: { period: string; comparedPeriod: string; intro: string },
): TemplateData {
  const t = f.totals;
  const n = (v: number | null) => viNumber(v ?? 0);
  const results: { heading: string; paragraphs: { text: string }[] }[] = [];
  for (const b of sections.results) {
    if (b.kind === "heading") results.push({ heading: b.text, paragraphs: [] });
    else if (b.kind === "paragraph") results.at(-1)?.paragraphs.push({ text: textOf(b) });
  }
  // The section headings ("I. KẾT QUẢ THỰC HIỆN") have no paragraphs of their own.
  const filled = results.filter((r) => r.paragraphs.length > 0);
  const party = doc.header.style === "party";
  return {
    parentBody: doc.header.parentBody ?? "",
    issuer: doc.header.issuer,
    number: doc.header.number,
    placeAndDate: doc.header.placeAndDate,
    nationalHeader: party ? "ĐẢNG CỘNG SẢN VIỆT NAM" : "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    nationalMotto: party ? "" : "Độc lập - Tự do - Hạnh phúc",
    kind: doc.kind,
    title: doc.title.join(" "),
    unitName: f.unit.name,
    ...labels,
    sessions: n(t.SESSIONS.value),
    attendance: n(t.ATTENDANCE.value),
    attendancePer100:
      t.ATTENDANCE_PER_100_MEMBERS.value === null ? "–" : n(t.ATTENDANCE_PER_100_MEMBERS.value),
    modelsActive: n(t.MODELS_ACTIVE.value),
    modelsMaintained: n((t.MODELS_ACTIVE.value ?? 0) - (t.MODELS_REPLICATED_STOCK.value ?? 0)),
    modelsReplicatedStock: n(t.MODELS_REPLICATED_STOCK.value),
    modelsDiscontinuedStock: n(t.MODELS_DISCONTINUED_STOCK.value),
    modelsStarted: n(t.MODELS_STARTED.value),
    modelsReplicated: n(t.MODELS_REPLICATED.value),
    modelParticipants: n(t.MODEL_PARTICIPANTS.value),
    contributionVnd: n(t.CONTRIBUTION_VND.value),
    contributionLandM2: n(t.CONTRIBUTION_LAND_M2.value),
    contributionWorkdays: n(t.CONTRIBUTION_WORKDAYS.value),
    awardsCollective: viCount(t.AWARDS_COLLECTIVE.value ?? 0),
    awardsIndividual: viCount(t.AWARDS_INDIVIDUAL.value ?? 0),
    commitmentsRegistered: viCount(t.COMMITMENTS_REGISTERED.value ?? 0),
    commitmentsCompleted: viCount(t.COMMITMENTS_COMPLETED.value ?? 0),
    registrationRate:
      t.REGISTRATION_RATE.value === null ? "–" : viPercent(t.REGISTRATION_RATE.value),
    results: filled,
    sectors: f.modelsBySector.map((s) => ({
      sector: s.label,
      active: n(s.values[0]?.value ?? 0),
      previous: n(s.values[0]?.previous ?? 0),
      started: n(s.values[1]?.value ?? 0),
    })),
    programmes: f.programmes.map((g) => ({
      programme: g.programme,
      models: viCount(g.models),
      participants: n(g.participants),
      money: n(g.totalVnd),
      land: n(g.landM2),
      landValue: n(g.landValueVnd),
      cash: n(g.cashVnd),
      inKind: n(g.inKindVnd),
      workdays: n(g.workdays),
    })),
    awards: f.awards.map((g) => ({
      ground: g.label,
      collective: viCount(g.values[0]?.value ?? 0),
      individual: viCount(g.values[1]?.value ?? 0),
    })),
    subordinates: f.subordinates.map((s, i) => ({
      no: String(i + 1),
      name: s.name,
      sessions: s.reported ? n(s.sessions) : "–",
      attendance: s.reported ? n(s.attendance) : "–",
      attendancePer100: s.reported && s.attendancePer100 !== null ? n(s.attendancePer100) : "–",
      models: n(s.modelsActive),
      awards: n(s.awards),
      registrationRate: s.registrationRate === null ? "–" : viPercent(s.registrationRate),
      note: !s.reported ? "Chưa báo cáo" : s.lagging ? "Thấp nhất" : "",
    })),
    assessment: textOf(sections.assessment),
    limitations: textOf(sections.limitations),
    directions: textOf(sections.directions),
    recipients: doc.recipients.map((text) => ({ text })),
    signerCapacity: doc.signature.capacity,
    signerTitle: doc.signature.title,
    signerName: doc.signature.name,
  };
}

/**
 * Tags of a template (docxtemplater's nested tag list: a loop holds its item's tags) that the
 * vocabulary lacks, as "tag" or "loop.tag". Inside a loop, the tags around it may be used too.
 */
export function unknownTags(
  found: Record<string, unknown>,
  known: TagTree = TEMPLATE_TAGS,
): string[] {
  const out: string[] = [];
  const walk = (tags: Record<string, unknown>, scopes: TagTree[], prefix: string) => {
    for (const [tag, inner] of Object.entries(tags)) {
      const def = scopes.map((s) => s[tag]).find((d) => d !== undefined);
      if (def === undefined) {
        out.push(prefix + tag);
        continue;
      }
      const children = inner as Record<string, unknown>;
      if (typeof def === "object") walk(children, [def, ...scopes], `${prefix}${tag}.`);
      else if (Object.keys(children).length > 0) walk(children, scopes, `${prefix}${tag}.`);
    }
  };
  walk(found, [known], "");
  return out;
}

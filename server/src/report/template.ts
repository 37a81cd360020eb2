// Uploaded Word templates: checked once at upload (every problem named in Vietnamese, nothing
// stored when there is one) and filled with the report's text (docxtemplater). Both run in the
// report worker (render-worker.ts): a crafted file costs CPU there, not on the request path.
import { CHART_TAGS, type ReportDocument, unknownTags } from "@d05/schema/report";
import Docxtemplater from "docxtemplater";
import InspectModule from "docxtemplater/js/inspect-module.js";
import PizZip from "pizzip";
import { chartPng } from "./chart";
import { CHART_MODULE, ChartModule, isChartTag } from "./template-charts";

/** A template the report cannot use; `problems` are the reasons, one line each. */
export class TemplateProblem extends Error {
  constructor(readonly problems: string[]) {
    super(`Mẫu báo cáo không dùng được: ${problems.join(" ")}`);
  }
}

interface XtError {
  properties?: {
    id?: string;
    xtag?: string;
    openingtag?: string;
    closingtag?: string;
    errors?: XtError[];
  };
}

/** docxtemplater's error ids, as a person editing the Word file understands them. */
function explain(e: XtError): string {
  const p = e.properties ?? {};
  const tag = p.xtag ?? "";
  switch (p.id) {
    case "unclosed_tag":
      return `Thẻ “{${tag}” thiếu dấu đóng “}”.`;
    case "unopened_tag":
      return `Thẻ “${tag}}” thiếu dấu mở “{”.`;
    case "duplicate_open_tag":
      return `Thẻ “${tag}” có hai dấu mở “{{”: chỉ dùng một.`;
    case "duplicate_close_tag":
      return `Thẻ “${tag}” có hai dấu đóng “}}”: chỉ dùng một.`;
    case "unclosed_loop":
      return `Vòng lặp “{#${tag}}” chưa có thẻ kết thúc “{/${tag}}”.`;
    case "unopened_loop":
      return `Thẻ kết thúc “{/${tag}}” không có thẻ mở “{#${tag}}”.`;
    case "closing_tag_does_not_match_opening_tag":
      return `Thẻ kết thúc “{/${p.closingtag ?? tag}}” không khớp thẻ mở “{#${p.openingtag ?? ""}}”.`;
    case "chart_tag_outside_paragraph":
      return `Thẻ biểu đồ “{%${tag}}” phải đứng một mình trong một đoạn văn.`;
    case "raw_xml_tag_should_be_only_text_in_paragraph":
    case "raw_tag_outerxml_invalid":
      return `Thẻ “{@${tag}}” (chèn XML) không được dùng trong mẫu.`;
    default:
      return `Mẫu có lỗi ở thẻ “${tag}” (${p.id ?? "không rõ"}).`;
  }
}

function compile(
  bytes: Uint8Array,
  modules: { inspect?: InspectModule; charts?: ChartModule } = {},
): Docxtemplater {
  let zip: PizZip;
  try {
    zip = new PizZip(bytes);
  } catch {
    throw new TemplateProblem(["Tệp không phải là tệp Word .docx (không mở được dạng nén ZIP)."]);
  }
  if (!zip.file("word/document.xml")) {
    throw new TemplateProblem(["Tệp không phải là tệp Word .docx (thiếu word/document.xml)."]);
  }
  try {
    return new Docxtemplater(zip, {
      modules: [modules.charts ?? new ChartModule(), ...(modules.inspect ? [modules.inspect] : [])],
      paragraphLoop: true,
      linebreaks: true,
      errorLogging: false,
      // Every tag is checked at upload; a loop's item tag read outside its loop is left empty.
      nullGetter: () => "",
    });
  } catch (error) {
    const e = error as XtError;
    const all = e.properties?.errors ?? [e];
    throw new TemplateProblem(all.map(explain));
  }
}

/** Checks a template; returns its tags ("issuer", "subordinates.name", …) or throws TemplateProblem. */
export function inspectTemplate(bytes: Uint8Array): string[] {
  const inspect = new InspectModule();
  compile(bytes, { inspect });
  const structured = inspect.getAllStructuredTags();
  const raw = structured.filter((p) => p.module === "rawxml");
  const problems = raw.map((p) => `Thẻ “{@${p.value}}” (chèn XML) không được dùng trong mẫu.`);
  const charts = structured.filter((p) => p.module === CHART_MODULE).map((p) => String(p.value));
  for (const tag of charts.filter((t) => !isChartTag(t))) {
    problems.push(
      `Thẻ biểu đồ “{%${tag}}” không có trong danh sách biểu đồ của báo cáo (${Object.keys(
        CHART_TAGS,
      )
        .map((t) => `{%${t}}`)
        .join(", ")}).`,
    );
  }
  const found = Object.fromEntries(
    Object.entries(inspect.getAllTags()).filter(([tag]) => !charts.includes(tag)),
  );
  for (const tag of unknownTags(found)) {
    problems.push(
      `Thẻ “{${tag.split(".").at(-1)}}”${tag.includes(".") ? ` (trong vòng lặp “${tag.split(".").slice(0, -1).join(".")}”)` : ""} không có trong danh sách thẻ của báo cáo.`,
    );
  }
  const tags = [...flatten(found), ...new Set(charts.map((t) => `%${t}`))];
  if (tags.length === 0) {
    problems.push(
      `Mẫu không có thẻ nào: hãy đánh dấu chỗ điền số liệu bằng thẻ, ví dụ {issuer}, {period}, {attendance} (danh sách: docs/REPORT.md).`,
    );
  }
  if (problems.length > 0) throw new TemplateProblem(problems);
  return tags;
}

function flatten(tags: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(tags).flatMap(([tag, inner]) => [
    prefix + tag,
    ...flatten(inner as Record<string, unknown>, `${prefix}${tag}.`),
  ]);
}

/** The report's text and charts in an (already checked) template. */
export async function fillTemplate(
  bytes: Uint8Array,
  report: Pick<ReportDocument, "data" | "charts">,
): Promise<Buffer> {
  // Only the charts the template places are drawn.
  const used = new Set(
    inspectTemplateCharts(bytes).filter((t) => report.charts[t as keyof typeof report.charts]),
  );
  const drawn = Object.fromEntries(
    await Promise.all(
      Object.entries(report.charts)
        .filter(([tag]) => used.has(tag))
        .map(async ([tag, chart]) => [tag, { chart, png: await chartPng(chart) }] as const),
    ),
  );
  const charts = new ChartModule(drawn);
  const doc = compile(bytes, { charts });
  doc.render(report.data);
  charts.addParts(doc.getZip());
  return doc.toBuffer({ compression: "DEFLATE" }) as Buffer;
}

/** The chart tags a template places. */
function inspectTemplateCharts(bytes: Uint8Array): string[] {
  const inspect = new InspectModule();
  compile(bytes, { inspect });
  return inspect
    .getAllStructuredTags()
    .filter((p) => p.module === CHART_MODULE)
    .map((p) => String(p.value));
}

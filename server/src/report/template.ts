// Uploaded Word templates: checked once at upload (every problem named in Vietnamese, nothing
// stored when there is one) and filled with the report's text (docxtemplater). Both run in the
// report worker (render-worker.ts): a crafted file costs CPU there, not on the request path.
import { type TemplateData, unknownTags } from "@d05/schema/report";
import Docxtemplater from "docxtemplater";
import InspectModule from "docxtemplater/js/inspect-module.js";
import PizZip from "pizzip";

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
    case "raw_xml_tag_should_be_only_text_in_paragraph":
    case "raw_tag_outerxml_invalid":
      return `Thẻ “{@${tag}}” (chèn XML) không được dùng trong mẫu.`;
    default:
      return `Mẫu có lỗi ở thẻ “${tag}” (${p.id ?? "không rõ"}).`;
  }
}

function compile(bytes: Uint8Array, inspect?: InspectModule): Docxtemplater {
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
      modules: inspect ? [inspect] : [],
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
  compile(bytes, inspect);
  const raw = inspect.getAllStructuredTags().filter((p) => p.module === "rawxml");
  const problems = raw.map((p) => `Thẻ “{@${p.value}}” (chèn XML) không được dùng trong mẫu.`);
  const found = inspect.getAllTags();
  for (const tag of unknownTags(found)) {
    problems.push(
      `Thẻ “{${tag.split(".").at(-1)}}”${tag.includes(".") ? ` (trong vòng lặp “${tag.split(".").slice(0, -1).join(".")}”)` : ""} không có trong danh sách thẻ của báo cáo.`,
    );
  }
  const tags = flatten(found);
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

/** The report's text in an (already checked) template. */
export function fillTemplate(bytes: Uint8Array, data: TemplateData): Buffer {
  const doc = compile(bytes);
  doc.render(data);
  return doc.toBuffer({ compression: "DEFLATE" }) as Buffer;
}

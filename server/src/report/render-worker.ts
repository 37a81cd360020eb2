// The worker thread that writes report files for render-pool.ts, one job at a time, answered by
// id: the Word or PDF file of a report (charts drawn here too), or the check of an uploaded
// template. Fonts are parsed once per worker and kept.
import { parentPort } from "node:worker_threads";
import type { ReportDocument } from "@d05/schema/report";
import { chartPng } from "./chart";
import { renderDocx } from "./docx";
import { renderPdf } from "./pdf";
import { fillTemplate, inspectTemplate, TemplateProblem } from "./template";

export type RenderJob =
  | {
      id: number;
      kind: "render";
      format: "docx" | "pdf";
      document: ReportDocument;
      /** An uploaded Word template (docx only). */
      template?: Uint8Array;
    }
  | { id: number; kind: "inspect"; template: Uint8Array };

export type RenderAnswer =
  | { id: number; file: Uint8Array }
  | { id: number; tags: string[] }
  | { id: number; problems: string[] }
  | { id: number; failure: string };

async function run(job: RenderJob): Promise<RenderAnswer> {
  if (job.kind === "inspect") return { id: job.id, tags: inspectTemplate(job.template) };
  const { document, format, template } = job;
  if (template) return { id: job.id, file: await fillTemplate(template, document) };
  const charts = await Promise.all(
    document.blocks.flatMap((b) => (b.kind === "chart" ? [chartPng(b.chart)] : [])),
  );
  const file =
    format === "docx" ? await renderDocx(document, charts) : await renderPdf(document, charts);
  return { id: job.id, file };
}

parentPort?.on("message", async (job: RenderJob) => {
  let answer: RenderAnswer;
  try {
    answer = await run(job);
  } catch (error) {
    answer =
      error instanceof TemplateProblem
        ? { id: job.id, problems: error.problems }
        : { id: job.id, failure: (error as Error)?.message ?? String(error) };
  }
  // A copy of its own: a Buffer may be a view of a pool shared with other buffers.
  if ("file" in answer) answer = { id: answer.id, file: new Uint8Array(answer.file) };
  parentPort?.postMessage(answer, "file" in answer ? [answer.file.buffer as ArrayBuffer] : []);
});

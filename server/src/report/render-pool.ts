// Report files are written off the request path, in worker threads (@d05/schema/worker-pool):
// laying out a province's Word or PDF file costs the CPU up to a second or more, taken on the main
// thread from every other request. The main thread reads the figures (async SQL) and hands the
// worker a plain document; a worker over its memory ceiling or deadline is replaced.
import type { ReportDocument } from "@d05/schema/report";
import { WorkerPool } from "@d05/schema/worker-pool";
import type { RenderAnswer, RenderJob } from "./render-worker";
import { TemplateProblem } from "./template";

const DEADLINE_MS = 60_000;

/** The pool is full: the caller may try again shortly (503). */
export class RenderBusy extends Error {}

type Job = RenderJob extends infer J ? (J extends unknown ? Omit<J, "id"> : never) : never;

const pool = new WorkerPool<Job, RenderAnswer>({
  entry: new URL("./render-worker.mjs", import.meta.url),
  // Files written at the same time; the machine may have 2 cores and the server other work.
  workers: 2,
  maxWaiting: 16,
  resourceLimits: { maxOldGenerationSizeMb: 512, stackSizeMb: 4 },
  deadlineMs: DEADLINE_MS,
  failures: {
    busy: () => new RenderBusy("Máy chủ đang lập nhiều báo cáo, hãy thử lại sau ít phút."),
    timeout: (ms) => new Error(`writing the report took over ${ms / 1000} s`),
    crashed: (error) => error,
    exited: () => new Error("the report worker stopped"),
  },
});

async function submit(job: Job): Promise<RenderAnswer> {
  const answer = await pool.run(job);
  if ("problems" in answer) throw new TemplateProblem(answer.problems);
  if ("failure" in answer) throw new Error(`report worker: ${answer.failure}`);
  return answer;
}

/** The report's file, written in a worker; with a template, that template filled (Word only). */
export async function renderOffThread(
  format: "docx" | "pdf",
  document: ReportDocument,
  template?: Uint8Array,
): Promise<Buffer> {
  const answer = await submit({ kind: "render", format, document, template });
  if (!("file" in answer)) throw new Error("report worker: no file");
  return Buffer.from(answer.file.buffer, answer.file.byteOffset, answer.file.byteLength);
}

/** The tags of an uploaded template, checked in a worker; throws TemplateProblem. */
export async function inspectOffThread(template: Uint8Array): Promise<string[]> {
  const answer = await submit({ kind: "inspect", template });
  if (!("tags" in answer)) throw new Error("report worker: no tags");
  return answer.tags;
}

// Report files are written off the request path, in worker threads: laying out a province's
// Word or PDF file costs the CPU up to a second or more, and on the main thread that time would be
// taken from every other request (`/healthz` included). The main thread reads the figures (async
// SQL) and hands the worker a plain document. Workers are kept for the next report (starting one
// and parsing its fonts costs ~1 s); one over its memory ceiling or deadline is replaced.
import { Worker } from "node:worker_threads";
import type { ReportDocument } from "@d05/schema/report";
import type { RenderAnswer, RenderJob } from "./render-worker";
import { TemplateProblem } from "./template";

/** Files written at the same time; the machine may have 2 cores and the server other work. */
const WORKERS = 2;
/** Jobs waiting for a worker; more are refused at once rather than queued for minutes. */
const MAX_WAITING = 16;
const WORKER_MEMORY_MB = 512;
const DEADLINE_MS = 60_000;

const ENTRY = new URL("./render-worker.mjs", import.meta.url);

/** The pool is full: the caller may try again shortly (503). */
export class RenderBusy extends Error {}

type Job = RenderJob extends infer J ? (J extends unknown ? Omit<J, "id"> : never) : never;

interface Pending {
  job: RenderJob;
  resolve(answer: RenderAnswer): void;
  reject(error: Error): void;
}

class RenderWorker {
  private readonly worker = new Worker(ENTRY, {
    resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB, stackSizeMb: 4 },
  });
  private current: (Pending & { timer: NodeJS.Timeout }) | null = null;
  dead = false;

  constructor(private readonly onIdle: (self: RenderWorker) => void) {
    this.worker.on("message", (answer: RenderAnswer) => {
      const current = this.current;
      if (!current || current.job.id !== answer.id) return;
      clearTimeout(current.timer);
      this.current = null;
      current.resolve(answer);
      this.onIdle(this);
    });
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", () => this.fail(new Error("the report worker stopped")));
    // After the listeners (a "message" listener refs the port): an idle worker must not keep a
    // process from exiting.
    this.worker.unref();
  }

  run(pending: Pending): void {
    const timer = setTimeout(
      () => this.fail(new Error(`writing the report took over ${DEADLINE_MS / 1000} s`)),
      DEADLINE_MS,
    );
    this.current = { ...pending, timer };
    this.worker.postMessage(pending.job);
  }

  private fail(error: Error): void {
    if (this.dead) return;
    this.dead = true;
    void this.worker.terminate();
    const current = this.current;
    this.current = null;
    if (current) {
      clearTimeout(current.timer);
      current.reject(error);
    }
    this.onIdle(this);
  }
}

const idle: RenderWorker[] = [];
let live = 0;
const waiting: Pending[] = [];
let nextId = 1;

function dispatch(): void {
  while (waiting.length > 0 && (idle.length > 0 || live < WORKERS)) {
    const pending = waiting.shift() as Pending;
    let worker = idle.pop();
    if (!worker) {
      live++;
      worker = new RenderWorker(released);
    }
    worker.run(pending);
  }
}

function released(worker: RenderWorker): void {
  if (worker.dead) {
    live--;
    const at = idle.indexOf(worker);
    if (at !== -1) idle.splice(at, 1);
  } else idle.push(worker);
  dispatch();
}

async function submit(job: Job): Promise<RenderAnswer> {
  if (waiting.length >= MAX_WAITING) {
    throw new RenderBusy("Máy chủ đang lập nhiều báo cáo, hãy thử lại sau ít phút.");
  }
  const answer = await new Promise<RenderAnswer>((resolve, reject) => {
    waiting.push({ job: { ...job, id: nextId++ } as RenderJob, resolve, reject });
    dispatch();
  });
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

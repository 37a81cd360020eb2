// Spreadsheets are read off the request path, in worker threads: reading a large or crafted file
// costs CPU in whole seconds, and on the main thread that time would be taken from every other
// request (`/healthz` included) of every user. Each worker has a memory ceiling (resourceLimits)
// and each file a deadline; a worker over either is terminated and replaced, and the import gets a
// typed error naming the limit. Workers are kept for the next file (starting one costs ~0.5 s).
import { Worker } from "node:worker_threads";
import { InputError } from "../errors";
import { importText } from "./messages";
import type { ReadAnswer, ReadJob } from "./parse-worker";
import type { SheetFormat } from "./read-sheet";
import { fileProblem, MAX_READ_MS, type Sheet } from "./sheet";

/** Files read at the same time; the server has other work, and the machine may have 2 cores. */
const WORKERS = 2;
/** Files waiting for a worker; more are refused at once rather than queued for minutes. */
const MAX_WAITING = 16;
/** Memory of one worker: a 12 MB file, its text, its rows and the XML parser's state fit. */
const WORKER_MEMORY_MB = 384;

const ENTRY = new URL("./parse-worker.mjs", import.meta.url);

interface Pending {
  job: ReadJob;
  deadlineMs: number;
  resolve(sheet: Sheet): void;
  reject(error: Error): void;
}

class ReadingWorker {
  private readonly worker: Worker;
  private current: (Pending & { timer: NodeJS.Timeout }) | null = null;
  dead = false;

  constructor(private readonly onIdle: (self: ReadingWorker) => void) {
    this.worker = new Worker(ENTRY, {
      resourceLimits: {
        maxOldGenerationSizeMb: WORKER_MEMORY_MB,
        maxYoungGenerationSizeMb: 64,
        stackSizeMb: 4,
      },
    });
    this.worker.on("message", (answer: ReadAnswer) => this.answered(answer));
    this.worker.on("error", (error: Error & { code?: string }) => {
      const outOfMemory = error.code === "ERR_WORKER_OUT_OF_MEMORY";
      this.fail(
        outOfMemory
          ? fileProblem(importText("tooComplex", { mb: WORKER_MEMORY_MB }))
          : fileProblem(importText("unreadable", { detail: error.message })),
      );
    });
    this.worker.on("exit", () => {
      this.fail(fileProblem(importText("unreadable", { detail: null })));
    });
    // After the listeners: adding a "message" listener refs the worker's port again. An idle
    // reader must not keep a process from exiting.
    this.worker.unref();
  }

  run(pending: Pending): void {
    const timer = setTimeout(() => {
      const seconds = pending.deadlineMs / 1000;
      this.fail(fileProblem(importText("readTooLong", { seconds })));
    }, pending.deadlineMs);
    this.current = { ...pending, timer };
    this.worker.postMessage(pending.job);
  }

  private answered(answer: ReadAnswer): void {
    const current = this.current;
    if (!current || current.job.id !== answer.id) return;
    clearTimeout(current.timer);
    this.current = null;
    if ("sheet" in answer) current.resolve(answer.sheet);
    else if ("issues" in answer) current.reject(new InputError(answer.issues));
    else {
      current.reject(fileProblem(importText("unreadable", { detail: answer.failure })));
    }
    this.onIdle(this);
  }

  /** Ends the current file with `error` and this worker with it (a new one takes its place). */
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

const idle: ReadingWorker[] = [];
/** Workers alive, idle or busy. */
let live = 0;
const waiting: Pending[] = [];
let nextId = 1;

function dispatch(): void {
  while (waiting.length > 0 && (idle.length > 0 || live < WORKERS)) {
    const pending = waiting.shift() as Pending;
    let worker = idle.pop();
    if (!worker) {
      live++;
      worker = new ReadingWorker(released);
    }
    worker.run(pending);
  }
}

function released(worker: ReadingWorker): void {
  if (worker.dead) {
    live--;
    const at = idle.indexOf(worker);
    if (at !== -1) idle.splice(at, 1);
  } else idle.push(worker);
  dispatch();
}

/**
 * Reads a CSV or XLSX file into a sheet in a worker thread, within the time and memory limits.
 * `deadlineMs` is MAX_READ_MS but for tests of the deadline itself.
 */
export function readSheetOffThread(
  format: SheetFormat,
  content: string,
  deadlineMs = MAX_READ_MS,
): Promise<Sheet> {
  if (waiting.length >= MAX_WAITING) {
    return Promise.reject(fileProblem(importText("readersBusy")));
  }
  return new Promise<Sheet>((resolve, reject) => {
    waiting.push({ job: { id: nextId++, format, content }, deadlineMs, resolve, reject });
    dispatch();
  });
}

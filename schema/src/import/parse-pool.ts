// Spreadsheets are read off the request path, in worker threads (../worker-pool.ts): reading a
// large or crafted file costs CPU in whole seconds, taken on the main thread from every request of
// every user. Each worker has a memory ceiling and each file a deadline; the import gets a typed
// error naming the limit it ran into.
import { InputError } from "../errors";
import { WorkerPool } from "../worker-pool";
import { importText } from "./messages";
import type { ReadAnswer, ReadJob } from "./parse-worker";
import type { SheetFormat } from "./read-sheet";
import { fileProblem, MAX_READ_MS, type Sheet } from "./sheet";

/** Memory of one worker: a 12 MB file, its text, its rows and the XML parser's state fit. */
const WORKER_MEMORY_MB = 384;

const pool = new WorkerPool<Omit<ReadJob, "id">, ReadAnswer>({
  entry: new URL("./parse-worker.mjs", import.meta.url),
  // Files read at the same time; the server has other work, and the machine may have 2 cores.
  workers: 2,
  maxWaiting: 16,
  resourceLimits: {
    maxOldGenerationSizeMb: WORKER_MEMORY_MB,
    maxYoungGenerationSizeMb: 64,
    stackSizeMb: 4,
  },
  deadlineMs: MAX_READ_MS,
  failures: {
    busy: () => fileProblem(importText("readersBusy")),
    timeout: (ms) => fileProblem(importText("readTooLong", { seconds: ms / 1000 })),
    crashed: (error) =>
      error.code === "ERR_WORKER_OUT_OF_MEMORY"
        ? fileProblem(importText("tooComplex", { mb: WORKER_MEMORY_MB }))
        : fileProblem(importText("unreadable", { detail: error.message })),
    exited: () => fileProblem(importText("unreadable", { detail: null })),
  },
});

/**
 * Reads a CSV or XLSX file into a sheet in a worker thread, within the time and memory limits.
 * `deadlineMs` is MAX_READ_MS but for tests of the deadline itself.
 */
export async function readSheetOffThread(
  format: SheetFormat,
  content: string,
  deadlineMs = MAX_READ_MS,
): Promise<Sheet> {
  const answer = await pool.run({ format, content }, deadlineMs);
  if ("sheet" in answer) return answer.sheet;
  if ("issues" in answer) throw new InputError(answer.issues);
  throw fileProblem(importText("unreadable", { detail: answer.failure }));
}

// The worker thread that reads spreadsheets for parse-pool.ts: one file at a time, answered by id.
import { parentPort } from "node:worker_threads";
import { InputError } from "../errors";
import { readSheet, type SheetFormat } from "./read-sheet";

export interface ReadJob {
  id: number;
  format: SheetFormat;
  content: string;
}

export type ReadAnswer =
  | { id: number; sheet: Awaited<ReturnType<typeof readSheet>> }
  | { id: number; issues: InputError["issues"] }
  | { id: number; failure: string };

parentPort?.on("message", async (job: ReadJob) => {
  let answer: ReadAnswer;
  try {
    answer = { id: job.id, sheet: await readSheet(job.format, job.content) };
  } catch (error) {
    answer =
      error instanceof InputError
        ? { id: job.id, issues: error.issues }
        : { id: job.id, failure: (error as Error)?.message ?? String(error) };
  }
  parentPort?.postMessage(answer);
});

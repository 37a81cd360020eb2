// A small pool of worker threads for CPU-heavy work kept off the request path (reading an
// uploaded spreadsheet, writing a report file): on the main thread that time would be taken from
// every other request (`/healthz` included). Workers are kept for the next job (starting one costs
// about a second); a worker over its memory ceiling (resourceLimits) or a job over its deadline is
// terminated and replaced, and the job fails with the error its caller names for that limit. Jobs
// beyond `maxWaiting` are refused at once rather than queued for minutes.
import { type ResourceLimits, Worker } from "node:worker_threads";

export interface WorkerPoolOptions {
  /** The worker's module (a .mjs file that loads the TypeScript entry through tsx). */
  entry: URL;
  /** Jobs run at the same time: the machine may have 2 cores and the server other work. */
  workers: number;
  /** Jobs waiting for a worker; one more is refused with `failures.busy()`. */
  maxWaiting: number;
  resourceLimits: ResourceLimits;
  /** A job's deadline unless `run` is given another. */
  deadlineMs: number;
  /** The error a job ends with, for each way it can fail. */
  failures: {
    busy(): Error;
    timeout(deadlineMs: number): Error;
    /** The worker threw or ran out of memory (`error.code` "ERR_WORKER_OUT_OF_MEMORY"). */
    crashed(error: Error & { code?: string }): Error;
    /** The worker stopped without answering. */
    exited(): Error;
  };
}

interface Pending<Answer> {
  message: { id: number };
  deadlineMs: number;
  resolve(answer: Answer): void;
  reject(error: Error): void;
}

/** One worker thread, one job at a time; answers carry the job's id. */
class PooledWorker<Answer extends { id: number }> {
  private readonly worker: Worker;
  private current: (Pending<Answer> & { timer: NodeJS.Timeout }) | null = null;
  dead = false;

  constructor(
    private readonly options: WorkerPoolOptions,
    private readonly onIdle: (self: PooledWorker<Answer>) => void,
  ) {
    this.worker = new Worker(options.entry, { resourceLimits: options.resourceLimits });
    this.worker.on("message", (answer: Answer) => this.answered(answer));
    this.worker.on("error", (error: Error) => this.fail(options.failures.crashed(error)));
    this.worker.on("exit", () => this.fail(options.failures.exited()));
    // After the listeners: adding a "message" listener refs the worker's port again. An idle
    // worker must not keep a process from exiting.
    this.worker.unref();
  }

  run(pending: Pending<Answer>): void {
    const timer = setTimeout(
      () => this.fail(this.options.failures.timeout(pending.deadlineMs)),
      pending.deadlineMs,
    );
    this.current = { ...pending, timer };
    this.worker.postMessage(pending.message);
  }

  private answered(answer: Answer): void {
    const current = this.current;
    if (!current || current.message.id !== answer.id) return;
    clearTimeout(current.timer);
    this.current = null;
    current.resolve(answer);
    this.onIdle(this);
  }

  /** Ends the current job with `error` and this worker with it (a new one takes its place). */
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

/** Jobs of type `Job` posted to the workers with an id; each answered by one `Answer`. */
export class WorkerPool<Job extends object, Answer extends { id: number }> {
  private readonly idle: PooledWorker<Answer>[] = [];
  /** Workers alive, idle or busy. */
  private live = 0;
  private readonly waiting: Pending<Answer>[] = [];
  private nextId = 1;

  constructor(private readonly options: WorkerPoolOptions) {}

  /** The worker's answer to `job`, or the error of the limit it ran into. */
  run(job: Job, deadlineMs = this.options.deadlineMs): Promise<Answer> {
    if (this.waiting.length >= this.options.maxWaiting) {
      return Promise.reject(this.options.failures.busy());
    }
    return new Promise<Answer>((resolve, reject) => {
      this.waiting.push({ message: { ...job, id: this.nextId++ }, deadlineMs, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.waiting.length > 0 && (this.idle.length > 0 || this.live < this.options.workers)) {
      const pending = this.waiting.shift() as Pending<Answer>;
      let worker = this.idle.pop();
      if (!worker) {
        this.live++;
        worker = new PooledWorker(this.options, (w) => this.released(w));
      }
      worker.run(pending);
    }
  }

  private released(worker: PooledWorker<Answer>): void {
    if (worker.dead) {
      this.live--;
      const at = this.idle.indexOf(worker);
      if (at !== -1) this.idle.splice(at, 1);
    } else this.idle.push(worker);
    this.dispatch();
  }
}

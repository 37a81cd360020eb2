// Entry of the report worker thread. The product runs its TypeScript through tsx; a worker does
// not always inherit that loader (a test runner's worker, for one), so it registers it first.
import { register } from "tsx/esm/api";

register();
await import("./render-worker.ts");

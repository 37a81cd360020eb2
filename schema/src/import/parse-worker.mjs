// Entry of the spreadsheet-reading worker thread. The product runs its TypeScript through tsx; a
// worker does not always inherit that loader (a test runner's worker, for one), so it registers
// it before loading the TypeScript module.
import { register } from "tsx/esm/api";

register();
await import("./parse-worker.ts");

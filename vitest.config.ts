import { createRequire } from "node:module";
import { relative } from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

// Vite would load graphql's ESM build for our source while Node loads its CJS build for yoga and
// the Pothos plugins: two copies of graphql break `instanceof GraphQLError` (yoga then masks every
// intended error). Point vite at the copy Node uses.
const graphqlMain = createRequire(new URL("./schema/package.json", import.meta.url)).resolve(
  "graphql",
);

// The files that take longest on the CI machine, longest first (per-file durations of full runs,
// about 100 to 220 s each before the cuts of December 2026). Vitest starts the files it has timings
// for longest first, but a fresh clone has none and it then starts the largest files first: a short
// file of long waits (the replica test) could start late and set the run's end. These start
// first; every other file follows in Vitest's own order.
const LONGEST_FIRST = [
  "test/src/e2e/presentation-a11y.test.ts",
  "test/src/e2e/dashboard.test.ts",
  "test/src/e2e/keyboard-a11y.test.ts",
  "test/src/e2e/presentation-map.test.ts",
  "test/src/hardening/faults-kill-import.test.ts",
  "test/src/ops/backup.test.ts",
  "test/src/ops/read-replicas.test.ts",
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const rank = (file: TestSpecification) => {
      const index = LONGEST_FIRST.indexOf(relative(root, file.moduleId));
      return index === -1 ? LONGEST_FIRST.length : index;
    };
    // Array.prototype.sort is stable: the rest keep Vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    sequence: { sequencer: LongestFirst },
    // Three test files at a time on the 2-vCPU CI machine: most integration tests spend their time
    // waiting on a server process, PostgreSQL or a browser, not on the CPU.
    maxWorkers: 3,
    projects: [
      {
        resolve: { alias: [{ find: /^graphql$/, replacement: graphqlMain }] },
        test: {
          name: "node",
          environment: "node",
          include: ["{prisma,schema,server,test}/src/**/*.test.ts"],
          // One migrated database for every file to copy (see the file).
          globalSetup: ["test/src/support/global-setup.ts"],
          // The files of a worker share its modules: importing the schema, Prisma's client and the
          // server costs seconds of CPU per file, about half of the suite's CPU when each file
          // imports them afresh. Each file builds its own app, database and browser, and restores
          // what it changes (timers), so nothing of one file's state reaches the next.
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      "web",
    ],
  },
});

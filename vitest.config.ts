import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// Vite would load graphql's ESM build for our source while Node loads its CJS build for yoga and
// the Pothos plugins: two copies of graphql break `instanceof GraphQLError` (yoga then masks every
// intended error). Point vite at the copy Node uses.
const graphqlMain = createRequire(new URL("./schema/package.json", import.meta.url)).resolve(
  "graphql",
);

export default defineConfig({
  test: {
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

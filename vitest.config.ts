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
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      "web",
    ],
  },
});

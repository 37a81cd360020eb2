import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: ["{prisma,schema,server,test}/src/**/*.test.ts"],
          // Integration files each own a database and servers; run files in parallel, tests in order.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      "web",
    ],
  },
});

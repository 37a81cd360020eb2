import { defineConfig } from "prisma/config";

// Used by the stock Prisma CLI (`prisma generate`, and `prisma migrate deploy` for users who can
// reach Prisma's binary host). This project's own migration tool lives in src/migrate/.
export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});

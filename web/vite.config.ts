/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In development Vite proxies the API to the server (pnpm dev); in production the server serves dist/.
export default defineConfig({
  plugins: [react()],
  // Styles are CSS Modules next to their component (Name.module.css); their classes read as
  // camelCase properties (styles.loginCard for .login-card).
  css: { modules: { localsConvention: "camelCaseOnly" } },
  server: {
    proxy: {
      "/graphql": { target: "http://127.0.0.1:4000", ws: true },
      "/report": { target: "http://127.0.0.1:4000" },
    },
  },
  build: {
    outDir: "dist",
    sourcemap: true,
    // Views are split by route; no chunk should come near this again (recharts is ~360 kB).
    chunkSizeWarningLimit: 500,
  },
  test: {
    name: "web",
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
  },
});

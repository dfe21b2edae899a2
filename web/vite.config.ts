/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// `npm run dev` proxies the API's paths to a running `./civic up` (port 5080), so the dev server serves the demo tenant.
const api = process.env.CIVIC_API ?? "http://127.0.0.1:5080";
const proxied = ["/graphql", "/exports", "/receipts", "/connect", "/account", "/.well-known"];

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    // Two pages: the site (index.html) and the developers' GraphiQL (graphiql.html, served at /graphql to browsers),
    // whose editor never loads with the site.
    rollupOptions: {
      input: { main: "index.html", graphiql: "graphiql.html" },
      // GraphiQL's packages carry React Compiler directives the bundler drops harmlessly.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
    },
    // The GraphiQL page's editor (Monaco) is large by nature; the site's own chunks are checked by the 200 KB test.
    chunkSizeWarningLimit: 3000,
  },
  server: { proxy: Object.fromEntries(proxied.map((path) => [path, { target: api, changeOrigin: false, ws: path === "/graphql" }])) },
  test: { environment: "node", include: ["src/**/*.test.{ts,tsx}"], setupFiles: ["src/test-setup.ts"] },
});

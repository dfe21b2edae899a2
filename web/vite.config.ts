/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// `npm run dev` proxies the API's paths to a running `./civic up` (port 5080), so the dev server serves the demo tenant.
const api = process.env.CIVIC_API ?? "http://127.0.0.1:5080";
const proxied = ["/graphql", "/exports", "/receipts", "/connect", "/account", "/.well-known"];

export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
  server: { proxy: Object.fromEntries(proxied.map((path) => [path, { target: api, changeOrigin: false }])) },
  test: { environment: "node", include: ["src/**/*.test.{ts,tsx}"], setupFiles: ["src/test-setup.ts"] },
});

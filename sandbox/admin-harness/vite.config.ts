/**
 * The admin harness's build: the project's Remix app, built into .cache/admin-harness so it
 * never races `npm run build` (build/) run by someone else on the same checkout. The Remix
 * options mirror vite.config.ts; only the build directory differs.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const HARNESS_BUILD_DIR = path.join(root, ".cache/admin-harness/build");

export default defineConfig({
  root,
  logLevel: "warn",
  plugins: [
    remix({
      appDirectory: path.join(root, "app"),
      buildDirectory: HARNESS_BUILD_DIR,
      ignoredRouteFiles: ["**/.*", "**/*.test.*"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: true,
        v3_routeConfig: false,
      },
    }),
  ],
  build: { assetsInlineLimit: 0 },
});

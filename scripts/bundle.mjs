// Bundles the browser build and the demo with esbuild, after tsc has built
// dist/. Every bundle sits directly in dist/, like dist/wasm-source.js, so
// the default hot path URL ../build/release.wasm resolves the same way.

import { build } from "esbuild";

const browser = {
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  sourcemap: true,
  // Only reached in Node, where the module loads build/release.wasm from
  // disk; browsers fetch it. The import is dynamic, so nothing loads it.
  external: ["node:fs/promises"],
  logLevel: "warning",
};

await Promise.all([
  build({
    ...browser,
    entryPoints: ["src/browser.ts"],
    outfile: "dist/episode-sampler.js",
  }),
  build({
    ...browser,
    entryPoints: {
      "demo-page": "demo/page.ts",
      "demo-worker": "demo/worker.ts",
    },
    outdir: "dist",
  }),
  build({
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    entryPoints: ["demo/server.ts"],
    outfile: "dist/demo-server.js",
    logLevel: "warning",
  }),
]);

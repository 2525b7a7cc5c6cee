// Loading and compiling the WebAssembly hot path, shared by every sampler.
// Node reads build/release*.wasm from disk and browsers fetch them with
// streaming compilation. Pages whose bundler moved the file pass its new
// location, or its bytes, to setHotPathSource.

import { EpisodeSamplerError, ErrorCode, describe } from "./errors.js";

/**
 * Build of the hot path: with SIMD (the default), scalar only, or with SIMD
 * on an imported shared memory for worker threads (src/wasm-shared.ts).
 */
export type HotPathBuild = "simd" | "scalar" | "shared";

const WASM_URLS: Record<HotPathBuild, URL> = {
  simd: new URL("../build/release.wasm", import.meta.url),
  scalar: new URL("../build/release-scalar.wasm", import.meta.url),
  shared: new URL("../build/release-shared.wasm", import.meta.url),
};

// A minimal module whose one function uses SIMD (i8x16.splat, then
// i8x16.popcnt): hosts without SIMD fail to validate it.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8,
  0, 65, 0, 253, 15, 253, 98, 11,
]);

/** Returns "simd" when this host validates SIMD code, else "scalar". */
export function preferredBuild(): HotPathBuild {
  return WebAssembly.validate(SIMD_PROBE) ? "simd" : "scalar";
}

/**
 * Source of the hot path's module: a URL (absolute, or relative to the
 * page), the bytes of `build/release.wasm`, or a compiled module.
 */
export type HotPathSource = string | URL | BufferSource | WebAssembly.Module;

// A source set by setHotPathSource replaces the default build's URL.
let source: HotPathSource | undefined;
const compiled = new Map<HotPathBuild, Promise<WebAssembly.Module>>();

/**
 * Sets where samplers created afterwards load the WebAssembly module from.
 * The default is `build/release.wasm` beside `dist/`, found through
 * `import.meta.url`; call this when a bundler or server puts it elsewhere.
 * The source replaces the build this host prefers (SIMD where it validates,
 * else scalar), so pass the matching file.
 * @throws EpisodeSamplerError ERR_INVALID_OPTION for any other type.
 */
export function setHotPathSource(next: HotPathSource): void {
  const valid =
    typeof next === "string" ||
    next instanceof URL ||
    next instanceof ArrayBuffer ||
    ArrayBuffer.isView(next) ||
    next instanceof WebAssembly.Module;
  if (!valid) {
    throw new EpisodeSamplerError(
      ErrorCode.invalidOption,
      `Expected a URL, bytes or a WebAssembly.Module for the hot path source but received ${describe(next)}`,
    );
  }
  // Relative URLs resolve against the page now, so a bad one fails here.
  source = typeof next === "string" ? parseUrl(next) : next;
  compiled.clear();
}

function parseUrl(text: string): URL {
  try {
    return new URL(text, globalThis.location?.href);
  } catch {
    throw new EpisodeSamplerError(
      ErrorCode.invalidOption,
      `Expected an absolute URL (or one relative to the page) for the hot path source but received ${describe(text)}`,
    );
  }
}

async function readModuleBytes(url: URL): Promise<Uint8Array<ArrayBuffer>> {
  // Node's fetch cannot read file: URLs, so Node reads the file directly.
  // The ignore comments keep bundlers from packing node:fs into a browser
  // build; browsers never reach this line, since they load over HTTP.
  const { readFile } = await import(
    /* webpackIgnore: true */ /* @vite-ignore */ "node:fs/promises"
  );
  return readFile(url);
}

async function compileUrl(url: URL): Promise<WebAssembly.Module> {
  if (url.protocol === "file:") {
    return WebAssembly.compile(await readModuleBytes(url));
  }
  const response = await fetch(url);
  if (!response.ok) {
    throw new EpisodeSamplerError(
      ErrorCode.notFound,
      `Cannot load the WebAssembly hot path from ${url.href}: HTTP ${response.status}; serve build/release.wasm there or pass its location to setHotPathSource`,
    );
  }
  // Streaming compilation needs the application/wasm content type; a
  // server that sends another type gets the buffered path instead.
  const type = response.headers.get("content-type") ?? "";
  if (type.startsWith("application/wasm")) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

function compileSource(from: HotPathSource): Promise<WebAssembly.Module> {
  if (from instanceof WebAssembly.Module) return Promise.resolve(from);
  if (typeof from === "string") return compileUrl(parseUrl(from));
  if (from instanceof URL) return compileUrl(from);
  return WebAssembly.compile(from);
}

/**
 * Compiles one build of the hot path once per source; later calls share the
 * promise. The default build is the one this host runs best.
 */
export function compileHotPath(
  build: HotPathBuild = preferredBuild(),
): Promise<WebAssembly.Module> {
  let pending = compiled.get(build);
  if (pending === undefined) {
    const from =
      source !== undefined && build === preferredBuild()
        ? source
        : WASM_URLS[build];
    const created = compileSource(from);
    compiled.set(build, created);
    // A failed load is not cached, so fixing the server and retrying works.
    created.catch(() => {
      if (compiled.get(build) === created) compiled.delete(build);
    });
    pending = created;
  }
  return pending;
}

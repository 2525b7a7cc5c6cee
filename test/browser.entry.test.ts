import { build, type Metafile } from "esbuild";
import { beforeAll, describe, expect, test } from "vitest";
import * as browser from "../src/browser.js";

let metafile: Metafile;

beforeAll(async () => {
  const result = await build({
    entryPoints: ["src/browser.ts"],
    bundle: true,
    format: "esm",
    platform: "browser",
    external: ["node:*"],
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  metafile = result.metafile;
});

describe("browser entry", () => {
  test("no static Node import", () => {
    const nodeImports = Object.values(metafile.outputs)
      .flatMap((output) => output.imports)
      .filter((entry) => entry.path.startsWith("node:"));
    const statics = nodeImports.filter(
      (entry) => entry.kind !== "dynamic-import",
    );
    expect(statics).toEqual([]);
  });

  test("only wasm-source imports node:", () => {
    const importers = Object.entries(metafile.inputs)
      .filter(([, input]) =>
        input.imports.some((entry) => entry.path.startsWith("node:")),
      )
      .map(([path]) => path);
    expect(importers).toEqual(["src/wasm-source.ts"]);
  });

  test("exports the sampler and encoder", () => {
    expect(typeof browser.createSampler).toBe("function");
    expect(typeof browser.encodeEpisodesNpz).toBe("function");
    expect(typeof browser.fetchIdxDataset).toBe("function");
  });
});

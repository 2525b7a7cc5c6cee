// The demo page in a real headless Chromium (Debian's package, driven by
// playwright-core, which never downloads a browser). It needs dist/ built,
// as `npm test` does first. Without Chromium the suite is skipped, except
// under CI=true, where .ci/run installs it and a missing browser fails.

import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startDemoServer, type DemoServer } from "../demo/server.js";
import { createSampler } from "../src/sampler.js";
import { loadMnist } from "../src/mnist.js";
import { writeEpisodesNpz } from "../src/write-npz.js";
import type { DemoOptions } from "../demo/protocol.js";
import type { Dataset } from "../src/types.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Path of the screenshot; `npm run docs:screenshot` sets docs/demo.png. */
const SCREENSHOT = process.env.DEMO_SCREENSHOT ?? join(tmpdir(), "demo.png");

const DEFAULTS: DemoOptions = {
  ways: 5,
  shots: 2,
  exclude: [],
  seed: 42,
  engine: "wasm",
  count: 6,
};

const missing = !existsSync(CHROMIUM);
if (missing && process.env.CI) {
  throw new Error(
    `Chromium not found at ${CHROMIUM}; install Debian's chromium package or set CHROMIUM_PATH`,
  );
}

/** Sets every control of the page to `options`. */
async function setOptions(page: Page, options: DemoOptions): Promise<void> {
  await page.fill("input[name=ways]", String(options.ways));
  await page.fill("input[name=shots]", String(options.shots));
  await page.fill("input[name=count]", String(options.count));
  await page.fill("input[name=seed]", String(options.seed));
  await page.selectOption("select[name=engine]", options.engine);
  for (let digit = 0; digit < 10; digit++) {
    const box = page.locator(`input[name=exclude][value="${digit}"]`);
    await box.setChecked(options.exclude.includes(digit));
  }
}

/** Waits until the grid shows a batch drawn with `options` and a rate. */
async function waitForGrid(page: Page, options: DemoOptions): Promise<void> {
  await page.waitForFunction(
    (expected) =>
      document.body.dataset.state === "ready" &&
      document.querySelector<HTMLElement>("#grid")?.dataset.options ===
        expected,
    JSON.stringify(options),
  );
}

async function downloadHash(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click("#download"),
  ]);
  const bytes = readFileSync(await download.path());
  return createHash("sha256").update(bytes).digest("hex");
}

/** Hashes the NPZ file the Node writer (and so the CLI) makes. */
function nodeHash(dataset: Dataset, options: DemoOptions, dir: string) {
  return (async () => {
    const { count, ...samplerOptions } = options;
    const sampler = await createSampler({ dataset, ...samplerOptions });
    const path = join(dir, `${options.engine}.npz`);
    writeEpisodesNpz(sampler, path, { count });
    return createHash("sha256").update(readFileSync(path)).digest("hex");
  })();
}

describe.skipIf(missing)("demo page in Chromium", () => {
  let server: DemoServer;
  let context: BrowserContext;
  let page: Page;
  let dataset: Dataset;
  let scratch: string;
  const errors: string[] = [];

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), "episode-sampler-browser-"));
    dataset = await loadMnist({ split: "test" });
    server = await startDemoServer(0);
    context = await chromium.launchPersistentContext(join(scratch, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      acceptDownloads: true,
      viewport: { width: 1100, height: 800 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(server.url);
    await waitForGrid(page, DEFAULTS);
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test("page loads without console errors", () => {
    expect(errors).toEqual([]);
  });

  test("page reports a rate", async () => {
    const rate = page.locator("#rate");
    expect(Number(await rate.getAttribute("data-rate"))).toBeGreaterThan(0);
    expect(await rate.textContent()).toMatch(/^[\d,]+ episodes\/s \(wasm\)$/);
  });

  test("screenshot is saved", async () => {
    const png = await page.screenshot({ fullPage: true });
    await writeFile(SCREENSHOT, png);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  test.each(["wasm", "js"] as const)("%s NPZ equals Node's", async (engine) => {
    const options: DemoOptions = {
      ways: 4,
      shots: 3,
      exclude: [2, 7],
      seed: 1234,
      engine,
      count: 20,
    };
    await setOptions(page, options);
    await waitForGrid(page, options);
    const expected = await nodeHash(dataset, options, scratch);
    expect(await downloadHash(page)).toBe(expected);
  });

  test("exclude control removes digits", async () => {
    const exclude = [0, 1, 2, 3, 4];
    const options = { ...DEFAULTS, exclude, count: 40 };
    await setOptions(page, options);
    await waitForGrid(page, options);
    const text = await page.locator("#grid").getAttribute("data-labels");
    const labels = JSON.parse(text ?? "[]") as number[];
    for (const digit of exclude) expect(labels).not.toContain(digit);
    expect(labels).toEqual([5, 6, 7, 8, 9]);
  });

  test("too many ways shows an error", async () => {
    await setOptions(page, { ...DEFAULTS, ways: 10, exclude: [3] });
    // Controls change one at a time, so earlier errors can show first.
    await page.waitForFunction(() =>
      document.querySelector("#status")?.textContent?.includes("at most 9"),
    );
    const state = await page.locator("body").getAttribute("data-state");
    expect(state).toBe("error");
  });

  test("page recovers after an error", async () => {
    await setOptions(page, DEFAULTS);
    await waitForGrid(page, DEFAULTS);
    expect(await page.locator("#status").textContent()).toBe(
      "6 episodes drawn",
    );
  });

  test("no console errors after use", () => {
    expect(errors).toEqual([]);
  });
});

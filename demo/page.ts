// The demo page: reads the controls, requests a batch from the worker,
// draws it, shows the sampling rate and saves the batch as NPZ. The body's
// data-state attribute ("drawing", "ready" or "error") and the canvas's
// data-options and data-labels attributes let a test follow the page.

import { batchLabels, drawGrid } from "./grid.js";
import type { Engine } from "../src/browser.js";
import type { DemoOptions, DemoReply, DemoRequest } from "./protocol.js";

const form = document.querySelector<HTMLFormElement>("#controls")!;
const canvas = document.querySelector<HTMLCanvasElement>("#grid")!;
const status = document.querySelector<HTMLElement>("#status")!;
const rate = document.querySelector<HTMLElement>("#rate")!;
const downloadButton = document.querySelector<HTMLButtonElement>("#download")!;

const worker = new Worker(new URL("./demo-worker.js", import.meta.url), {
  type: "module",
});

let nextId = 1;
let drawing: { id: number; options: DemoOptions } | undefined;
let queued: DemoOptions | undefined;
let download: { id: number; options: DemoOptions } | undefined;

function numberField(name: string): number {
  const input = form.elements.namedItem(name) as HTMLInputElement;
  return input.valueAsNumber;
}

function readOptions(): DemoOptions {
  const boxes = form.querySelectorAll<HTMLInputElement>(
    "input[name=exclude]:checked",
  );
  const exclude = Array.from(boxes, (box) => Number(box.value));
  const engine = (form.elements.namedItem("engine") as HTMLSelectElement)
    .value as Engine;
  return {
    ways: numberField("ways"),
    shots: numberField("shots"),
    exclude,
    seed: numberField("seed"),
    engine,
    count: numberField("count"),
  };
}

function send(type: DemoRequest["type"], options: DemoOptions): number {
  const id = nextId++;
  worker.postMessage({ type, id, options } satisfies DemoRequest);
  return id;
}

function setState(state: "drawing" | "ready" | "error", text: string): void {
  document.body.dataset.state = state;
  status.textContent = text;
  status.classList.toggle("error", state === "error");
}

/** Draws with the current controls; one draw runs at a time. */
function requestDraw(): void {
  const options = readOptions();
  if (drawing !== undefined) {
    queued = options;
    return;
  }
  setState("drawing", "Drawing…");
  drawing = { id: send("draw", options), options };
}

function finishDraw(): void {
  drawing = undefined;
  if (queued !== undefined) {
    queued = undefined;
    requestDraw();
  }
}

function saveNpz(bytes: Uint8Array, options: DemoOptions): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], {
    type: "application/octet-stream",
  });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = `episodes-seed${options.seed}-${options.engine}.npz`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function handleReply(reply: DemoReply): void {
  if (download !== undefined && reply.id === download.id) {
    if (reply.type === "npz") saveNpz(reply.bytes, download.options);
    if (reply.type === "error") setState("error", reply.message);
    download = undefined;
    downloadButton.disabled = false;
    return;
  }
  if (drawing === undefined || reply.id !== drawing.id) return;
  if (reply.type === "batch") {
    drawGrid(canvas, reply.batch);
    canvas.dataset.options = JSON.stringify(drawing.options);
    canvas.dataset.labels = JSON.stringify(batchLabels(reply.batch));
    rate.textContent = "measuring…";
  } else if (reply.type === "rate") {
    const perSecond = Math.round(reply.episodesPerSecond);
    rate.dataset.rate = String(perSecond);
    rate.textContent = `${perSecond.toLocaleString("en-US")} episodes/s (${drawing.options.engine})`;
    setState("ready", `${drawing.options.count} episodes drawn`);
    finishDraw();
  } else if (reply.type === "error") {
    setState("error", reply.message);
    finishDraw();
  }
}

worker.onmessage = (event: MessageEvent<DemoReply>) => handleReply(event.data);
form.addEventListener("input", requestDraw);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  requestDraw();
});
downloadButton.addEventListener("click", () => {
  const options = readOptions();
  downloadButton.disabled = true;
  download = { id: send("download", options), options };
});
requestDraw();

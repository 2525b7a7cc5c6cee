// `npm run bench:cli`: profiles one whole `episodes sample` run with
// `node --cpu-prof`, writing the NPZ to memory-backed storage (/dev/shm when
// it exists), and splits the sampled CPU time into generating, CRC-32,
// writing and the rest. Flags: --count N (default 20000), --dtype D
// (default float32), --workers N (default 0).

import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Phase of a sample, found from the nearest frame that names one. */
const PHASES: [string, (frame: ProfileNode["callFrame"]) => boolean][] = [
  [
    "generate (engine)",
    (f) =>
      f.url.startsWith("wasm://") ||
      (/^(sampleEpisodes|gather|sampleView|sampleInto|run)$/.test(
        f.functionName,
      ) &&
        f.url.includes("/dist/")),
  ],
  ["CRC-32", (f) => /crc32|updateCrc/i.test(f.functionName)],
  ["write (writeSync)", (f) => /^(writeSync|fsyncSync)$/.test(f.functionName)],
  [
    "load dataset",
    (f) =>
      /^(loadMnist|loadDataset|parseIdx|gunzipSync|readFile|readFileSync)$/.test(
        f.functionName,
      ),
  ],
  [
    "create sampler",
    (f) => /^(createSampler|createPlan|createWasmEngine)$/.test(f.functionName),
  ],
  ["garbage collection", (f) => f.functionName === "(garbage collector)"],
];

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1]! : fallback;
}

function runProfiled(folder: string, out: string): Profile {
  const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
  const args = ["--cpu-prof", "--cpu-prof-dir", folder, cli, "sample"];
  args.push(
    "-n",
    option("--count", "20000"),
    "--dtype",
    option("--dtype", "float32"),
  );
  args.push(
    "--ways",
    "1..10",
    "--seed",
    "1",
    "--workers",
    option("--workers", "0"),
  );
  args.push("-q", "-o", out);
  execFileSync(process.execPath, args, { stdio: "inherit" });
  const file = readdirSync(folder).find((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error(`node --cpu-prof wrote no profile to ${folder}`);
  return JSON.parse(readFileSync(join(folder, file), "utf8")) as Profile;
}

/** Returns the functions with the most self time, in milliseconds. */
function topFunctions(profile: Profile, count: number): [string, number][] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const { functionName, url } = byId.get(id)!.callFrame;
    const name = `${functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}`;
    totals.set(name, (totals.get(name) ?? 0) + profile.timeDeltas[i]! / 1000);
  });
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, count);
}

/** Sums sampled time in milliseconds per phase. */
function splitProfile(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parents.set(child, node.id);
  }
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    let phase = "other";
    for (
      let at: number | undefined = id;
      at !== undefined;
      at = parents.get(at)
    ) {
      const found = PHASES.find(([, test]) => test(byId.get(at)!.callFrame));
      if (found) {
        phase = found[0];
        break;
      }
    }
    if (byId.get(id)!.callFrame.functionName === "(idle)") phase = "idle";
    totals.set(phase, (totals.get(phase) ?? 0) + profile.timeDeltas[i]! / 1000);
  });
  return totals;
}

function main(): void {
  const folder = mkdtempSync(join(tmpdir(), "episodes-profile-"));
  const memoryFolder = existsSync("/dev/shm") ? "/dev/shm" : folder;
  const out = join(memoryFolder, `episodes-profile-${process.pid}.npz`);
  try {
    const profile = runProfiled(folder, out);
    const totals = splitProfile(profile);
    const busy = [...totals].filter(([phase]) => phase !== "idle");
    const sum = busy.reduce((total, [, ms]) => total + ms, 0);
    const lines = [
      `# episodes sample -n ${option("--count", "20000")} --dtype ${option("--dtype", "float32")} --ways 1..10 --workers ${option("--workers", "0")} -o ${out}`,
      "",
      "| phase | CPU ms | share of busy time |",
      "|---|--:|--:|",
      ...busy
        .sort((a, b) => b[1] - a[1])
        .map(
          ([phase, ms]) =>
            `| ${phase} | ${ms.toFixed(0)} | ${((100 * ms) / sum).toFixed(1)} % |`,
        ),
      "",
      `idle ${(totals.get("idle") ?? 0).toFixed(0)} ms`,
      "",
      "Most self time:",
      "",
      "| function | self ms |",
      "|---|--:|",
      ...topFunctions(profile, 8).map(
        ([name, ms]) => `| ${name} | ${ms.toFixed(0)} |`,
      ),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(out, { force: true });
  }
}

main();

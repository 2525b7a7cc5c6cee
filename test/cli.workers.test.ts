// The CLI runs from dist/ here because --workers starts worker threads,
// which load compiled JavaScript; `npm test` builds it first.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { createProgram, runCli } from "../dist/cli.js";

const folder = mkdtempSync(join(tmpdir(), "episodes-workers-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const silent = { writeOut: () => {}, writeErr: () => {} };

async function sample(workers: number): Promise<Buffer> {
  const out = join(folder, `workers-${workers}.npz`);
  const argv = ["sample", "-n", "300", "--seed", "8", "--ways", "1..10"];
  argv.push("--dtype", "float32", "--batch-size", "128", "-q");
  argv.push("--workers", String(workers), "-o", out);
  await runCli(argv, silent, createProgram(silent).exitOverride());
  return readFileSync(out);
}

describe("episodes sample --workers", () => {
  test("2 workers write the same file as none", async () => {
    const inline = await sample(0);
    const parallel = await sample(2);
    expect(parallel.equals(inline)).toBe(true);
  });

  test("rejects more than 64 workers", async () => {
    const program = createProgram(silent);
    // Subcommands copy exitOverride only when created, so set it on each.
    for (const command of [program, ...program.commands]) {
      command.exitOverride();
    }
    const run = runCli(["sample", "--workers", "65"], silent, program);
    await expect(run).rejects.toMatchObject({
      code: "commander.invalidArgument",
    });
  });
});

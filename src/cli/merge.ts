// `episodes merge`: join the bin outputs of the shards of one run.

import { resolve } from "node:path";
import type { Command } from "commander";
import { mergeShards } from "../merge-shards.js";
import type { CliIo } from "./io.js";

interface MergeFlags {
  out: string;
  quiet?: boolean;
}

/** Adds the `merge` command to `program`. */
export function addMergeCommand(program: Command, io: CliIo): void {
  program
    .command("merge")
    .description(
      "check that shard manifests belong to one run and join them into one bin output",
    )
    .argument("<manifests...>", "manifest.json of every shard, in any order")
    .requiredOption("-o, --out <folder>", "new folder for the merged output")
    .option("-q, --quiet", "print nothing on success")
    .action((paths: string[], flags: MergeFlags) => {
      const count = mergeShards(paths, flags.out);
      if (!flags.quiet) {
        io.writeErr(
          `merged ${paths.length} shards, ${count} episodes, into ${resolve(flags.out)}\n`,
        );
      }
    });
}

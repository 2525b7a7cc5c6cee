#!/usr/bin/env bash
# Peak RSS and rate of long runs, as recorded in docs/long-runs.md. Run
# after `npm run build`; it writes up to 1.8 GB into a temporary folder and
# deletes it. Needs GNU time at /usr/bin/time.
set -euo pipefail
cli="$(cd "$(dirname "$0")/.." && pwd)/dist/cli.js"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

for n in 20000 200000; do
  /usr/bin/time -f "npz n=$n maxrss_kb=%M wall_s=%e" \
    node "$cli" sample -n "$n" --seed 1 --out n.npz
  rm -f n.npz
done
for n in 1000000 10000000; do
  /usr/bin/time -f "jsonl n=$n maxrss_kb=%M wall_s=%e" \
    node "$cli" sample -n "$n" --seed 1 --out - | wc -c
done
for n in 20000 200000; do
  /usr/bin/time -f "bin n=$n maxrss_kb=%M wall_s=%e" \
    node "$cli" sample -n "$n" --seed 1 --format bin --out b
  rm -rf b
done

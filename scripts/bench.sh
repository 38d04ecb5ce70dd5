#!/usr/bin/env bash
# `npm run bench`: every benchmark in bench/, on real processes and stores on this machine, then one table
# (also written to bench/results.json, with the previous results beside). Numbers, not pass/fail.
# `npm run bench -- verifier issuer`: only those benchmarks; the table keeps the other rows of the previous run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/setup.sh"
cd "$root"
out="$(mktemp -d)"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for b in bench/*.bench.ts; do names+=("$(basename "$b" .bench.ts)"); done
fi
for name in "${names[@]}"; do
  if [ ! -f "bench/$name.bench.ts" ]; then echo "[bench] no bench/$name.bench.ts" >&2; exit 2; fi
  echo "[bench] $name (load average: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  BENCH_OUT="$out/$name.json" npx tsx "bench/$name.bench.ts" >&2 || echo "[bench] $name failed" >&2
done
npx tsx scripts/bench-report.ts "$out"

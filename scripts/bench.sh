#!/usr/bin/env bash
# `npm run bench`: every benchmark in bench/, on real processes and stores on this machine, then one table
# (also written to bench/results.json). Numbers, not pass/fail.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/setup.sh"
cd "$root"
out="$(mktemp -d)"
for b in bench/*.bench.ts; do
  name="$(basename "$b" .bench.ts)"
  echo "[bench] $name" >&2
  BENCH_OUT="$out/$name.json" npx tsx "$b" >&2 || echo "[bench] $name failed" >&2
done
npx tsx scripts/bench-report.ts "$out"

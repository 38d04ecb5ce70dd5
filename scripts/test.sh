#!/usr/bin/env bash
# `npm test`: the same set-up as `npm start`, then type check, lint and every test. Non-zero on any failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/setup.sh"
cd "$root"
for tool in scripts/deploy-tools.sh scripts/browser-tools.sh; do
  [ -f "$tool" ] && bash "$tool" >&2
done

echo "[test] type check of tests, scripts and benchmarks" >&2
npx tsc -p tsconfig.test.json
echo "[test] lint" >&2
npx eslint .

log="$(mktemp)"
status=0
# Unit and integration tests of each workspace, then the end-to-end tests in the root test/ folder.
for ws in libs/* services/*; do
  [ -d "$ws/test" ] || continue
  echo "[test] $ws" >&2
  (cd "$ws" && npx tap --reporter=tap) 2>&1 | tee -a "$log" || status=1
done
echo "[test] root test/" >&2
npx tap --reporter=tap 2>&1 | tee -a "$log" || status=1

# One closing line for the whole run.
node -e '
const text = require("fs").readFileSync(process.argv[1], "utf8")
let pass = 0, fail = 0, skip = 0
for (const m of text.matchAll(/# \{ total: \d+(?:, pass: (\d+))?(?:, fail: (\d+))?(?:, skip: (\d+))?/g)) { pass += +(m[1] ?? 0); fail += +(m[2] ?? 0); skip += +(m[3] ?? 0) }
console.log(`${pass} passed, ${fail} failed` + (skip ? `, ${skip} skipped` : ""))
' "$log"
rm -f "$log"
exit $status

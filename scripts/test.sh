#!/usr/bin/env bash
# `npm test`: the same set-up as `npm start`, then type check, lint and every test. Non-zero on any failure.
# `npm run test:fast` (OBP_TEST_FAST=1): the edit-test loop. Same set-up, no type check of tests and no lint, and the
# slow suites are left out: the fault tests (real processes killed mid-batch), the multi-process allocator, and the
# long property runs are shortened. `npm test` always runs everything, and CI runs `npm test`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/setup.sh"
cd "$root"
for tool in scripts/deploy-tools.sh scripts/browser-tools.sh; do
  [ -f "$tool" ] && bash "$tool" >&2
done

fast="${OBP_TEST_FAST:-}"
slow=(test/faults.test.ts libs/status/test/allocator-processes.test.ts)
if [ -n "$fast" ]; then
  export OB3_FC_RUNS="${OB3_FC_RUNS:-200}"
else
  # Every workspace's tests are type-checked with its own settings (tsconfig.test.json), then the root's.
  for project in libs/*/tsconfig.test.json services/*/tsconfig.test.json tsconfig.test.json; do
    echo "[test] type check ($project)" >&2
    npx tsc -p "$project"
  done
  echo "[test] lint" >&2
  npx eslint .
fi

# The test files of a folder (relative to it), minus the slow ones in fast mode.
files() {
  local dir="$1" f
  (cd "$dir" && find test -name '*.test.ts' | sort) | while read -r f; do
    [ -n "$fast" ] && [[ " ${slow[*]} " == *" ${dir#./}/$f "* || " ${slow[*]} " == *" $f "* && "$dir" == . ]] && continue
    echo "$f"
  done
}

log="$(mktemp)"
status=0
# Unit and integration tests of each workspace, then the end-to-end tests in the root test/ folder.
for ws in libs/* services/* .; do
  [ -d "$ws/test" ] || continue
  mapfile -t list < <(files "$ws")
  [ "${#list[@]}" -gt 0 ] || continue
  echo "[test] ${ws/#./root test\/}" >&2
  (cd "$ws" && npx tap --reporter=tap "${list[@]}") 2>&1 | tee -a "$log" || status=1
done

# One closing line for the whole run.
node -e '
const text = require("fs").readFileSync(process.argv[1], "utf8")
let pass = 0, fail = 0, skip = 0
for (const m of text.matchAll(/# \{ total: \d+(?:, pass: (\d+))?(?:, fail: (\d+))?(?:, skip: (\d+))?/g)) { pass += +(m[1] ?? 0); fail += +(m[2] ?? 0); skip += +(m[3] ?? 0) }
console.log(`${pass} passed, ${fail} failed` + (skip ? `, ${skip} skipped` : ""))
' "$log"
rm -f "$log"
exit $status

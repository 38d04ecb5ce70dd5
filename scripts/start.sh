#!/usr/bin/env bash
# `npm start`: install, bring up local Redis + FerretDB (unless REDIS_URL / MONGODB_URL are given), build, and run
# the three services and their workers in the foreground. Ctrl-C stops everything this started.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/setup.sh"
cd "$root"
export OBP_DATA_DIR="${OBP_DATA_DIR:-$root/.data}"
exec node scripts/run-all.mjs

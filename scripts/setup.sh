#!/usr/bin/env bash
# Shared set-up for `npm start` and `npm test`: dependencies, local infrastructure, build.
# Sourced; exports REDIS_URL and MONGODB_URL.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mkdir -p .data

# Dependencies: install when node_modules is missing or the lockfile changed since the last install.
stamp=.data/npm-installed.sha
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -d node_modules ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "[setup] npm ci" >&2
  npm ci --no-audit --no-fund >&2
  echo "$want" > "$stamp"
fi

# Local Redis + MongoDB wire server unless URLs are given.
eval "$(bash scripts/infra.sh env)"

echo "[setup] building (tsc -b)" >&2
npx tsc -b tsconfig.build.json
# The `obp` command-line tool (libs/cli): npm links a workspace's bin only when it exists at install time.
chmod +x libs/cli/dist/main.js
ln -sf ../../libs/cli/dist/main.js node_modules/.bin/obp
echo "[setup] building the console (vite)" >&2
npm run build -w services/console >&2

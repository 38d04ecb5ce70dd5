#!/usr/bin/env bash
# Browser tooling for the page tests (services/verifier/test/page.test.ts): Debian's chromium, driven by
# playwright-core (root devDependency). Idempotent; needs root the first time.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then echo "chromium: $(command -v chromium)"; exit 0; fi
[ "$(id -u)" = 0 ] || { echo "chromium is missing and we are not root: apt-get install -y chromium" >&2; exit 1; }
(apt-get install -y chromium >/dev/null 2>&1) || (apt-get update >/dev/null && apt-get install -y chromium >/dev/null)
echo "chromium: $(command -v chromium)"

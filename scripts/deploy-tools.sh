#!/usr/bin/env bash
# Tools that test/deploy needs, installed idempotently on a fresh Debian 12 machine with Go and the npm
# registry but no other network. Nothing is fetched when the tests run.
#   bash scripts/deploy-tools.sh     installs into .data/bin (or $OBP_DEPLOY_BIN) and prints that folder
#
# - kustomize (pinned, `go install` from the Go module proxy) renders k8s/overlays/*;
# - k8s-strict, compose-check and dockerfile-check (test/deploy/tools, Go, pinned in its go.sum) decode the
#   rendered objects strictly into k8s.io/api types, load the compose file with compose-go (compose-spec
#   schema) and parse the Dockerfile with BuildKit's front end and build checks;
# - shellcheck (Debian) lints the shell scripts;
# - kubernetes-models and yaml are root devDependencies, installed by `npm ci`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${OBP_DEPLOY_BIN:-$root/.data/bin}"
KUSTOMIZE_VERSION=v5.7.1 # v5.8 needs Go >= 1.27
log() { printf '[deploy-tools] %s\n' "$*" >&2; }
mkdir -p "$bin"

command -v go >/dev/null || [ ! -x /usr/local/go/bin/go ] || PATH="$PATH:/usr/local/go/bin"
command -v go >/dev/null || { log "go is required (this machine kind has it in /usr/local/go/bin)"; exit 1; }
export GOTOOLCHAIN=local GOFLAGS="-mod=readonly -buildvcs=false"

# kustomize: built once per version, then linked as .data/bin/kustomize.
kustomize="$bin/kustomize-$KUSTOMIZE_VERSION"
if [ ! -x "$kustomize" ]; then
  log "building kustomize $KUSTOMIZE_VERSION (first time only)"
  tmp="$(mktemp -d)"
  GOBIN="$tmp" GOFLAGS='-buildvcs=false' go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION" >&2
  mv "$tmp/kustomize" "$kustomize"
  rmdir "$tmp"
fi
ln -sfn "$(basename "$kustomize")" "$bin/kustomize"

# The Go validators: rebuilt when their sources change (Go's build cache makes an unchanged build quick).
tools="$root/test/deploy/tools"
stamp="$bin/deploy-tools.sha"
want="$(cd "$tools" && cat go.mod go.sum ./*/*.go | sha256sum | cut -d' ' -f1)"
validators=(k8s-strict compose-check dockerfile-check)
missing=0
for name in "${validators[@]}"; do [ -x "$bin/$name" ] || missing=1; done
if [ "$missing" = 1 ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  log "building ${validators[*]}"
  for name in "${validators[@]}"; do (cd "$tools" && go build -o "$bin/$name" "./$name") >&2; done
  echo "$want" > "$stamp"
fi

# The shell linter, from Debian's packages.
if ! command -v shellcheck >/dev/null; then
  [ "$(id -u)" = 0 ] || { log "shellcheck is missing and we are not root: apt-get install shellcheck"; exit 1; }
  log "installing shellcheck (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get install -y shellcheck >/dev/null 2>&1) || (apt-get update >/dev/null && apt-get install -y shellcheck >/dev/null)
fi

for pkg in kubernetes-models @kubernetes-models/keda yaml; do
  [ -f "$root/node_modules/$pkg/package.json" ] || { log "npm package $pkg is missing: run npm ci"; exit 1; }
done
echo "$bin"

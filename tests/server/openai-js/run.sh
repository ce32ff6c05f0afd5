#!/usr/bin/env bash
# The official OpenAI JavaScript client (npm package `openai`, the version in package.json)
# against `hearth serve` with a tiny test model: listing models, chat streamed and whole, a
# cancelled stream, errors, and 20 clients at once (test.mjs).
#   run.sh HEARTH_BINARY TINY_MODELS_DIR SCRATCH_DIR
# The package is installed into SCRATCH_DIR once (from the npm registry; later runs reuse it).
# Without the registry the test fails and says so: it is not skipped. HEARTH_NPM_CAFILE names
# extra CA certificates for npm (a proxy's). Exit 77 (skipped) only without the test models.
set -euo pipefail
hearth=$1 models=$2 scratch=$3
here=$(cd "$(dirname "$0")" && pwd)
model=$models/tiny-llama-Q8_0.gguf
[ -f "$model" ] || { echo "skipped: no test model at $model"; exit 77; }
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "FAILED: node and npm are needed (Debian: apt install nodejs npm)"; exit 1
fi

mkdir -p "$scratch"
cp "$here/package.json" "$scratch/package.json"
installed=$(node -p "try { require('$scratch/node_modules/openai/package.json').version } catch { '' }")
wanted=$(node -p "require('$here/package.json').dependencies.openai")
if [ "$installed" != "$wanted" ]; then
  echo "installing openai@$wanted from the npm registry into $scratch"
  if ! (cd "$scratch" && ${HEARTH_NPM_CAFILE:+env NODE_EXTRA_CA_CERTS=$HEARTH_NPM_CAFILE} \
        timeout 300 npm install --no-audit --no-fund --no-package-lock >npm.log 2>&1); then
    tail -n 20 "$scratch/npm.log"
    echo "FAILED: could not install the npm package openai@$wanted (is the npm registry" \
         "reachable? see $scratch/npm.log). Run the other tests with: ctest -LE network"
    exit 1
  fi
fi

# A home of its own: the models folder is the tiny models' folder, nothing of the user's.
home=$scratch/home
rm -rf "$home" && mkdir -p "$home/config/Hearth"
printf '[models]\nfolder=%s\n' "$models" >"$home/config/Hearth/settings.ini"
serve() { # NAME ARGS...: starts `hearth serve ARGS` and prints its base URL
  local name=$1; shift
  HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data "$hearth" serve \
    --model "$model" --port 0 --backend cpu --context 256 --max-tokens 200 "$@" \
    >"$scratch/$name.out" 2>"$scratch/$name.log" &
  echo $! >"$scratch/$name.pid"
  for _ in $(seq 100); do
    grep -q ' at http' "$scratch/$name.out" 2>/dev/null && break
    sleep 0.1
  done
  sed -n 's/.* at //p' "$scratch/$name.out"
}
stop() { kill "$(cat "$scratch/local.pid")" "$(cat "$scratch/keyed.pid")" 2>/dev/null || true; }
trap stop EXIT

# Off the loopback address without a key: refused at the start.
if HOME=$home XDG_CONFIG_HOME=$home/config "$hearth" serve --model "$model" --host 0.0.0.0 \
     --port 0 >/dev/null 2>"$scratch/refused.log"; then
  echo "FAILED: hearth serve listened on 0.0.0.0 without an API key"; exit 1
fi
grep -q 'API key' "$scratch/refused.log" || { cat "$scratch/refused.log"; echo "FAILED: no reason given"; exit 1; }

url=$(serve local)
keyed=$(serve keyed --host 0.0.0.0 --api-key test-key-123)
if [ -z "$url" ] || [ -z "$keyed" ]; then
  cat "$scratch"/local.log "$scratch"/keyed.log; echo "FAILED: hearth serve did not start"; exit 1
fi
echo "hearth serve: $url, and with a key: $keyed"
cp "$here/test.mjs" "$scratch/test.mjs" # next to node_modules, where `import "openai"` looks
HEARTH_BASE_URL=$url HEARTH_KEYED_URL=${keyed/0.0.0.0/127.0.0.1} HEARTH_KEY=test-key-123 \
  node "$scratch/test.mjs"
echo "request log of the server (method, path, status):"
cut -d' ' -f2- "$scratch/local.log" | sort | uniq -c

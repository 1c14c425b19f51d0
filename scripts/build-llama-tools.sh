#!/usr/bin/env bash
# Builds llama.cpp's llama-bench and llama-server from the source node-llama-cpp ships (no network needed),
# into .cache/llama.cpp/bin. The benchmark uses llama-bench as its speed reference; tests can use llama-server
# as a real OpenAI-compatible peer on loopback. About 10 minutes on 2 cores.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bundle="$root/node_modules/node-llama-cpp/llama/gitRelease.bundle"
work="$root/.cache/llama.cpp"
[ -f "$bundle" ] || { echo "node-llama-cpp is not installed: run npm install first" >&2; exit 1; }
if [ ! -d "$work/src" ]; then
  git clone --quiet "$bundle" "$work/src"
fi
cmake -S "$work/src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DLLAMA_CURL=OFF -DGGML_NATIVE=ON \
  -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=ON >/dev/null
cmake --build "$work/build" -j"$(nproc)" --target llama-bench llama-server
mkdir -p "$work/bin"
cp -a "$work/build/bin/." "$work/bin/"
echo "built: $work/bin/llama-bench $work/bin/llama-server"

#!/usr/bin/env bash
# Builds llama.cpp's own tools (llama-server, llama-bench, llama-batched-bench, llama-perplexity, llama-quantize; CPU, Release) from the
# source node-llama-cpp ships as a git bundle, so no network is needed. Tests use llama-server as a real
# OpenAI-compatible peer on loopback; the benchmark uses llama-bench (one sequence) and llama-batched-bench (parallel
# sequences) as its speed references and llama-quantize to
# write shaped models. The result is cached by llama.cpp release outside the repository, so every clone and CI run on
# a machine shares one build:
#   ${ENCLAVE_TOOLS_DIR:-$HOME/.cache/enclave/llama-tools}/<tag>/bin/
# Idempotent: when the binaries for this release are there it only prints the bin dir. The last line of stdout is
# always the bin dir (build logs go to stderr). About 10 minutes on 2 cores the first time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
llama="$root/node_modules/node-llama-cpp/llama"
bundle="$llama/gitRelease.bundle"
[ -f "$bundle" ] || { echo "node-llama-cpp is not installed ($bundle missing): run npm ci first" >&2; exit 1; }

# The release tag node-llama-cpp was built from; the bundle's commit guards against a re-tagged bundle.
tag=$(node -e 'const f=require(process.argv[1]);process.stdout.write(String(f.tag||"unknown"))' "$llama/llama.cpp.info.json")
commit=$(git bundle list-heads "$bundle" | awk 'NR==1{print substr($1,1,12)}')
base="${ENCLAVE_TOOLS_DIR:-$HOME/.cache/enclave/llama-tools}/$tag"
bin="$base/bin"
targets=(llama-server llama-bench llama-batched-bench llama-perplexity llama-quantize)

built() {
  [ "$(cat "$bin/.commit" 2>/dev/null)" = "$commit" ] || return 1
  for t in "${targets[@]}"; do [ -x "$bin/$t" ] || return 1; done
}
if built; then echo "$bin"; exit 0; fi

mkdir -p "$base"
# One build at a time per release: a second caller (another clone, the test setup) waits for the first.
exec 9>"$base/.lock"
flock 9
if built; then echo "$bin"; exit 0; fi

src="$base/src"
if [ ! -d "$src/.git" ] || [ "$(git -C "$src" rev-parse --short=12 HEAD 2>/dev/null)" != "$commit" ]; then
  rm -rf "$src" "$base/build"
  git clone --quiet "$bundle" "$src" >&2
fi
# GGML_NATIVE=OFF with the x86 baseline variants would be portable; the cache is per machine, so native is right.
# Ninja when the machine has it (faster no-op rebuilds), else make: neither is fetched from the network.
generator="Unix Makefiles"; command -v ninja >/dev/null 2>&1 && generator=Ninja
cmake -S "$src" -B "$base/build" -G "$generator" -DCMAKE_BUILD_TYPE=Release \
  -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF -DGGML_NATIVE=ON -DBUILD_SHARED_LIBS=OFF \
  -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_SERVER=ON >&2
cmake --build "$base/build" -j"${ENCLAVE_BUILD_JOBS:-2}" --target "${targets[@]}" >&2
mkdir -p "$bin"
for t in "${targets[@]}"; do cp -f "$base/build/bin/$t" "$bin/$t"; done
echo "$commit" >"$bin/.commit"
echo "$bin"

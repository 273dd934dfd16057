#!/usr/bin/env bash
# Builds llama.cpp's llama-server from the llama.cpp source that the npm package node-llama-cpp ships (a git bundle
# of the release it binds), and writes the tiny random-weight model the tests serve with it (tiny-model.py). Both go
# to <directory>, which is kept between builds: when it holds them already, nothing is done.
# Usage: build.sh <directory>     Needs: npm, git, cmake, a C++ compiler, python3 with numpy.
set -euo pipefail
version=3.22.1
out=$1
here=$(cd "$(dirname "$0")" && pwd)
if [ -x "$out/llama-server" ] && [ -f "$out/tiny-random-llama.gguf" ]; then
    echo "llama-server and its model are in $out already"
    exit 0
fi
for tool in npm git cmake c++ python3; do
    command -v "$tool" >/dev/null || { echo "build.sh needs $tool (README: Two commands)" >&2; exit 1; }
done
python3 -c 'import numpy' 2>/dev/null || { echo "build.sh needs numpy for python3 (apt-get install python3-numpy)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "node-llama-cpp@$version" >/dev/null
tar xzf "node-llama-cpp-$version.tgz" package/llama/gitRelease.bundle
git clone --quiet package/llama/gitRelease.bundle llama.cpp 2>/dev/null
started=$(date +%s)
cmake -S llama.cpp -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DGGML_NATIVE=OFF \
    -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
    -DLLAMA_BUILD_SERVER=ON >cmake.log 2>&1 || { tail -50 cmake.log >&2; exit 1; }
cmake --build build --target llama-server -j "$(nproc)" >build.log 2>&1 || { tail -50 build.log >&2; exit 1; }
mkdir -p "$out"
python3 "$here/tiny-model.py" llama.cpp "$out/tiny-random-llama.gguf.tmp"
mv "$out/tiny-random-llama.gguf.tmp" "$out/tiny-random-llama.gguf"
cp build/bin/llama-server "$out/llama-server.tmp" && mv "$out/llama-server.tmp" "$out/llama-server"
echo "llama-server of node-llama-cpp $version built in $(( $(date +%s) - started )) s into $out"

#!/usr/bin/env bash
# The main job, end to end: set-up, build, compile the example quantized
# models written in the qnn dialect (examples/tiny_cnn.mlir) to a shared
# library for this CPU, run them, and print their outputs beside the
# independent NumPy reference of docs/numerics.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
mkdir -p build/demo
echo "== qnn-compile examples/tiny_cnn.mlir -o build/demo/tiny_cnn.so"
build/bin/qnn-compile examples/tiny_cnn.mlir -o build/demo/tiny_cnn.so
echo "== running the compiled library beside the NumPy reference"
.venv/bin/python examples/tiny_cnn.py build/demo/tiny_cnn.so

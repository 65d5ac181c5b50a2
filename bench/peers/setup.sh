#!/usr/bin/env bash
# Installs what the peer benchmarks (bench/peers) need; safe to run again.
#   - g++ and oneDNN's headers/library (Debian: libdnnl-dev, oneDNN 2.x,
#     OpenMP threading) for onednn_bench.cpp;
#   - onnxruntime and onnx (PyPI) into the repository's .venv for ort_bench.py.
# Usage: bench/peers/setup.sh        (from anywhere; root or passwordless sudo)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PY="$ROOT/.venv/bin/python"

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo -n)
else
  echo "setup: not root and no sudo; cannot install Debian packages" >&2
  SUDO=(false)
fi

missing=()
for pkg in g++ libdnnl-dev; do
  if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    echo "setup: $pkg already installed ($(dpkg-query -W -f='${Version}' "$pkg"))"
  else
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: apt-get install ${missing[*]}"
  # Refresh the package lists only when a package is not found.
  if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
    "${SUDO[@]}" apt-get update
  fi
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

if [ ! -x "$PY" ]; then
  echo "setup: $PY not found; creating the venv (--system-site-packages)"
  python3 -m venv --system-site-packages "$ROOT/.venv"
fi
if "$PY" -c "import onnxruntime, onnx" 2>/dev/null; then
  echo "setup: onnxruntime $("$PY" -c 'import onnxruntime; print(onnxruntime.__version__)')" \
       "and onnx $("$PY" -c 'import onnx; print(onnx.__version__)') already in .venv"
else
  echo "setup: pip install onnxruntime onnx into .venv"
  "$PY" -m pip install --quiet onnxruntime onnx
  "$PY" -c "import onnxruntime, onnx; print('setup: installed onnxruntime', onnxruntime.__version__, 'onnx', onnx.__version__)"
fi

# Check that oneDNN links.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
g++ -O2 -std=c++17 "$ROOT/bench/peers/onednn_bench.cpp" -ldnnl -o "$tmp/onednn_bench"
echo "setup: oneDNN: $(OMP_NUM_THREADS=1 "$tmp/onednn_bench" --budget 0 --dtype fp32 gemm:16,16,16 | head -1)"

#!/usr/bin/env bash
# Installs everything qnn needs on a fresh Debian 12 machine, idempotently:
# Debian's LLVM/MLIR 22, clang, ccache, gemmlowp (test vectors), Python and
# NumPy, and the project virtual environment .venv (with Debian's packages
# visible through --system-site-packages, plus onnx and onnxruntime from PyPI
# and the qnn Python package from python/).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo -n"; fi

APT_PACKAGES=(
  cmake ninja-build ccache clang-22 llvm-22-dev llvm-22-tools libmlir-22-dev
  mlir-22-tools libomp-22-dev libgemmlowp-dev python3 python3-venv python3-numpy
  python3-pytest python3-psutil libonnx-testdata dataset-fashion-mnist
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The project venv uses Debian's python3 (not any other python3 on PATH) so
# that Debian's numpy/torch/onnx are importable next to PyPI packages.
if [ ! -x .venv/bin/python ]; then
  /usr/bin/python3 -m venv --system-site-packages .venv
fi

# ONNX import and its tests: onnx and onnxruntime (the float and int8
# reference) from PyPI, pinned; matplotlib for the quantization reports'
# plots (a wheel built for the numpy 2 that onnxruntime brings).
PIP_PACKAGES=(onnx==1.23.2 onnxruntime==1.32.0 matplotlib==3.10.3)
if ! .venv/bin/python -c "import onnx, onnxruntime, matplotlib, sys; sys.exit(onnx.__version__ != '1.23.2' or onnxruntime.__version__ != '1.32.0' or matplotlib.__version__ != '3.10.3')" 2>/dev/null; then
  echo "setup: pip install ${PIP_PACKAGES[*]}"
  .venv/bin/python -m pip install -q --disable-pip-version-check "${PIP_PACKAGES[@]}"
fi

# The qnn Python package (python/qnn) on the venv's path: `python -m qnn`.
site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$PWD/python" > "$site/qnn.pth"
echo "setup: done"

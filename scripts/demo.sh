#!/usr/bin/env bash
# The main job end to end, from a fresh clone (docs/getting-started.md):
# install what is needed and build (scripts/setup.sh, scripts/build.sh),
# then, on the committed Fashion-MNIST model and calibration subset: fold
# batch norm, calibrate, assign mixed precision under a byte budget (40% of
# the int8 weight bytes), compile, evaluate on the 10,000 test images, and
# compare with fp32 and onnxruntime's int8; the binary network too. Writes
# build/demo/report.md with plots and says where it is.
#
#   scripts/demo.sh                                   # the default job
#   scripts/demo.sh --model m.onnx --calibration calib.npz [--test test.npz] [-o DIR]
#   scripts/demo.sh --help                            # every option
#
# Arguments go to `python -m qnn demo`, which runs in the current directory:
# relative paths (--model, --calibration, --test, -o; the report's default
# build/demo) are taken from there, wherever the script lives.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
echo "== set-up (apt packages, .venv): scripts/setup.sh"
(cd "$ROOT" && bash scripts/setup.sh)
echo "== build (cmake, ninja, ccache): scripts/build.sh"
(cd "$ROOT" && bash scripts/build.sh)
echo "== the main job: python -m qnn demo $*"
PYTHONPATH="$ROOT/python${PYTHONPATH:+:$PYTHONPATH}" OPENBLAS_NUM_THREADS=1 \
  exec "$ROOT/.venv/bin/python" -m qnn demo "$@"

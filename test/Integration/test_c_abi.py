"""The C ABI of docs/abi.md used from C: an object file from qnn-compile is
linked into a C program that quantizes, runs a fully connected layer and
prints the int8 results, which must equal the NumPy reference."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import reference as R  # noqa: E402
from reference import QType  # noqa: E402

ROOT = HERE.parents[1]
QNN_COMPILE = os.environ.get("QNN_COMPILE", str(ROOT / "build/bin/qnn-compile"))
CC = shutil.which("clang-22") or shutil.which("cc")

pytestmark = pytest.mark.skipif(not Path(QNN_COMPILE).exists(), reason="qnn-compile not built")

MODULE = """
func.func @forward(%x: tensor<3x8xf32>) -> tensor<3x5x!quant.uniform<i8:f32, 0.05:-2>> {
  %q = qnn.quantize %x : tensor<3x8xf32> -> tensor<3x8x!quant.uniform<u8:f32, 0.03125:128>>
  %c = arith.constant dense<@WEIGHTS@> : tensor<5x8xi8>
  %w = quant.scast %c : tensor<5x8xi8> to tensor<5x8x!quant.uniform<i8<-127:127>:f32:0, {@SCALES@}>>
  %b = arith.constant dense<@BIAS@> : tensor<5xi32>
  %y = qnn.fully_connected %q, %w, %b {activation = #qnn.activation<relu6>}
      : (tensor<3x8x!quant.uniform<u8:f32, 0.03125:128>>,
         tensor<5x8x!quant.uniform<i8<-127:127>:f32:0, {@SCALES@}>>, tensor<5xi32>)
      -> tensor<3x5x!quant.uniform<i8:f32, 0.05:-2>>
  return %y : tensor<3x5x!quant.uniform<i8:f32, 0.05:-2>>
}
"""

MAIN_C = r"""
#include <stdint.h>
#include <stdio.h>
void forward(const float *x, int8_t *y);
int main(void) {
  float x[3 * 8];
  int8_t y[3 * 5];
  for (int i = 0; i < 24; ++i)
    x[i] = (float)((i * 37) % 29 - 14) / 4.0f;
  forward(x, y);
  for (int i = 0; i < 15; ++i)
    printf("%d\n", y[i]);
  return 0;
}
"""


def test_object_file_called_from_c(tmp_path):
    rng = np.random.default_rng(11)
    w = rng.integers(-127, 128, (5, 8))
    scales = [0.01, 0.02, 0.005, 0.03, 0.015]
    bias = rng.integers(-500, 500, 5)
    mlir = tmp_path / "fc.mlir"
    mlir.write_text(MODULE.replace("@WEIGHTS@", str(w.tolist()))
                    .replace("@BIAS@", str(bias.tolist()))
                    .replace("@SCALES@", ", ".join(map(str, scales))))
    obj = tmp_path / "fc.o"
    subprocess.run([QNN_COMPILE, str(mlir), "-o", str(obj)], check=True)
    main = tmp_path / "main.c"
    main.write_text(MAIN_C)
    exe = tmp_path / "main"
    subprocess.run([CC, "-O1", str(main), str(obj), "-lm", "-o", str(exe)], check=True)
    got = np.array([int(v) for v in subprocess.run([str(exe)], check=True, capture_output=True,
                                                    text=True).stdout.split()])

    x = np.array([((i * 37) % 29 - 14) / 4.0 for i in range(24)], np.float32).reshape(3, 8)
    qx = QType("u8", 0.03125, 128)
    q = R.quantize(x, qx)
    qw = QType("i8", scales, 0, axis=0, qmin=-127, qmax=127)
    want = R.fully_connected(q, qx, w, qw, bias, QType("i8", 0.05, -2), activation="relu6")
    assert np.array_equal(got, want.ravel())

"""The compiler's C API (include/qnn-c/qnn.h, libQNNCAPI.so): a C program
links it, compiles an MLIR module into a shared library in-process, loads
that library with dlopen and runs it; bad modules and bad options come back
as error strings, with nothing written. The Python package uses the same
library through ctypes."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "python"))
import qnn  # noqa: E402

CAPI = Path(os.environ.get("QNN_CAPI", ROOT / "build/lib/libQNNCAPI.so"))
CC = shutil.which("clang-22") or shutil.which("cc")

pytestmark = pytest.mark.skipif(not CAPI.exists() or CC is None, reason="libQNNCAPI.so not built")

MAIN_C = r"""
#include "qnn-c/qnn.h"
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

static const char *MODULE =
  "func.func @forward(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.5:1>> {\n"
  "  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5:1>>\n"
  "  return %q : tensor<4x!quant.uniform<i8:f32, 0.5:1>>\n"
  "}\n";

int main(int argc, char **argv) {
  char *error = NULL;
  printf("version %s\n", qnnVersion());
  /* A bad option: an error, no output. */
  if (qnnCompileString(MODULE, strlen(MODULE), argv[1], "kernels=fast", &error) == 0)
    return 10;
  printf("bad option: %s", error);
  qnnFreeString(error);
  /* A malformed module: the parser's diagnostic. */
  if (qnnCompileString("func.func @f(", 12, argv[1], "", &error) == 0)
    return 11;
  printf("bad module: %s", error);
  qnnFreeString(error);
  if (qnnCompileString(MODULE, strlen(MODULE), argv[1], "kernels=auto opt=3", &error) != 0) {
    printf("unexpected failure: %s", error);
    return 12;
  }
  void *lib = dlopen(argv[1], RTLD_NOW);
  if (!lib)
    return 13;
  void (*forward)(const float *, signed char *) = (void (*)(const float *, signed char *))dlsym(lib, "forward");
  float x[4] = {1.0f, -0.75f, 100.0f, 0.25f};
  signed char y[4];
  forward(x, y);
  printf("out %d %d %d %d\n", y[0], y[1], y[2], y[3]);
  return 0;
}
"""


def test_c_program_compiles_and_runs_a_module(tmp_path):
    src = tmp_path / "main.c"
    src.write_text(MAIN_C)
    exe = tmp_path / "main"
    subprocess.run([CC, str(src), "-I", str(ROOT / "include"), "-L", str(CAPI.parent), "-lQNNCAPI",
                    f"-Wl,-rpath,{CAPI.parent}", "-ldl", "-o", str(exe)], check=True)
    out_so = tmp_path / "forward.so"
    p = subprocess.run([str(exe), str(out_so)], capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr
    lines = p.stdout.splitlines()
    assert lines[0].startswith("version ") and "LLVM 22" in lines[0]
    assert "qnn: error: kernels must be 'auto' or 'reference', got 'fast'" in p.stdout
    assert "bad module: <input>:1:" in p.stdout and "error:" in p.stdout
    # Rule N2: round-half-to-even(x / 0.5) + 1, clamped to [-128, 127]:
    # 1 -> 3; -0.75 -> -1.5 -> -2 -> -1; 100 -> 201 -> 127; 0.25 -> 0.5 -> 0 -> 1.
    assert lines[-1] == "out 3 -1 127 1"


def test_python_package_uses_the_c_api(tmp_path):
    from qnn import compiler
    assert compiler.find_capi() is not None
    text = ("func.func @main(%x: tensor<3xf32>) -> tensor<3xf32> {\n"
            "  return %x : tensor<3xf32>\n}\n")
    sig = {"function": "main", "inputs": [{"name": "x", "shape": [3], "dtype": "float32"}],
           "outputs": [{"name": "y", "shape": [3], "dtype": "float32"}]}
    lib = qnn.compile_mlir(text, tmp_path / "id.so", sig)
    np.testing.assert_array_equal(lib.run({"x": np.array([1, 2, 3], np.float32)})["y"], [1, 2, 3])
    with pytest.raises(qnn.CompileError, match=r"<input>:1:\d+: error"):
        qnn.compile_mlir("func.func @f(", tmp_path / "bad.so")
    assert not (tmp_path / "bad.so").exists()
    with pytest.raises(ValueError, match="threads must be >= 1"):
        qnn.compile_mlir(text, tmp_path / "t.so", threads=0)

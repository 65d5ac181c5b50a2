"""The compiled fixed-point requantization arithmetic (rules N5.1, N5.2, N5)
against gemmlowp's fixedpoint.h on the vectors of gemmlowp's
test_fixedpoint.cc."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
QNN_OPT = os.environ.get("QNN_OPT", str(ROOT / "build/bin/qnn-opt"))
QNN_COMPILE = os.environ.get("QNN_COMPILE", str(ROOT / "build/bin/qnn-compile"))
GEMMLOWP = Path("/usr/include/gemmlowp/fixedpoint/fixedpoint.h")
CXX = shutil.which("clang++-22") or shutil.which("c++")

pytestmark = pytest.mark.skipif(
    not (Path(QNN_OPT).exists() and Path(QNN_COMPILE).exists()),
    reason="qnn-opt/qnn-compile not built")


def test_fixedpoint_matches_gemmlowp(tmp_path):
    assert GEMMLOWP.exists(), "libgemmlowp-dev is not installed (scripts/setup.sh installs it)"
    lowered = tmp_path / "emitters.mlir"
    subprocess.run([QNN_OPT, str(HERE / "fixedpoint/emitters.mlir"),
                    "--qnn-test-fixedpoint-emitters", "-o", str(lowered)], check=True)
    lib = tmp_path / "emitters.so"
    subprocess.run([QNN_COMPILE, str(lowered), "-o", str(lib)], check=True)
    exe = tmp_path / "conformance"
    subprocess.run([CXX, "-O1", "-std=c++17", str(HERE / "fixedpoint/fixedpoint_conformance.cpp"),
                    "-o", str(exe), "-ldl"], check=True)
    run = subprocess.run([str(exe), str(lib)], capture_output=True, text=True)
    print(run.stdout, run.stderr)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 mismatches" in run.stdout
    # The vectors really ran: 1316^2 pairs and 32 exponents.
    assert "SaturatingRoundingDoublingHighMul: 1731856 cases" in run.stdout

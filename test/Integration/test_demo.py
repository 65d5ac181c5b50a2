"""The demo (scripts/demo.sh, `python -m qnn demo`, docs/getting-started.md):
a small run end to end writes the report with real numbers, and bad input
gets a clear error."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "python"))

pytest.importorskip("onnxruntime")
import harness as H  # noqa: E402

pytestmark = pytest.mark.skipif(not H.compiler_available(), reason="qnn not built")
FASHION = Path("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz")


def demo(*args):
    return subprocess.run([sys.executable, "-m", "qnn", "demo", "--quiet", *args], capture_output=True, text=True,
                          cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT / "python")))


@pytest.mark.skipif(not FASHION.is_file(), reason="dataset-fashion-mnist not installed")
def test_demo_writes_the_report(tmp_path):
    p = demo("--model", str(ROOT / "examples/fashion_mnist/mobilenet_tiny.onnx"), "--test", "fashion-mnist",
             "--limit", "500", "--candidates", "8,4,4t,2", "--refine", "0", "--binary-model", "none",
             "-o", str(tmp_path))
    assert p.returncode == 0, p.stderr
    res = json.loads((tmp_path / "results.json").read_text())
    rows = {(r["name"], r["kind"]): r for r in res["rows"]}
    assert set(rows) == {("fp32", "onnxruntime"), ("fp32", "qnn"), ("int8", "onnxruntime"), ("int8", "qnn"),
                         ("mixed", "qnn")}
    assert res["samples"] == 500 and res["labels"]
    # qnn's fp32 matches onnxruntime's; int8 stays close; the mixed model
    # fits its budget.
    assert rows[("fp32", "qnn")]["agree"] == 1.0
    assert rows[("int8", "qnn")]["top1"] > rows[("fp32", "onnxruntime")]["top1"] - 0.03
    assert rows[("mixed", "qnn")]["bytes"] <= res["budget_bytes"] <= 0.4 * rows[("int8", "qnn")]["bytes"]
    assert all(r["latency_us"] > 0 for r in res["rows"])
    md = (tmp_path / "report.md").read_text()
    assert "| mixed | qnn |" in md and "precision/precision.md" in md
    for f in ("accuracy_size.png", "latency.png", "precision/precision.md", "precision/pareto_size.png"):
        assert (tmp_path / f).stat().st_size > 500, f


def test_demo_errors_name_the_culprit(tmp_path):
    p = demo("--model", str(tmp_path / "nope.onnx"), "-o", str(tmp_path))
    assert p.returncode == 1 and "nope.onnx: no such file" in p.stderr
    bad = tmp_path / "calib.npz"
    bad.write_text("not numpy")
    p = demo("--model", str(ROOT / "examples/fashion_mnist/mobilenet_tiny.onnx"), "--calibration", str(bad),
             "-o", str(tmp_path))
    assert p.returncode == 1 and "not a NumPy .npz file" in p.stderr

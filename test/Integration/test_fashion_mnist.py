"""The committed Fashion-MNIST models (examples/fashion_mnist, trained by
train.py there): each imports, compiles and classifies the 10k test images
(Debian's dataset-fashion-mnist) as onnxruntime does: logits within 1e-4,
at most 5 of 10,000 predictions different, top-1 within 0.05 points."""

import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "python"))
sys.path.insert(0, str(ROOT / "examples" / "fashion_mnist"))

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")

import harness as H  # noqa: E402
import qnn  # noqa: E402
import train  # noqa: E402

pytestmark = [pytest.mark.skipif(not train.DATA.is_dir(), reason="dataset-fashion-mnist not installed"),
              pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")]


@pytest.mark.parametrize("name", ["resnet_tiny", "mobilenet_tiny"])
def test_model_reproduces_onnxruntime_top1(tmp_path, name):
    x, y = train.load("test")
    model = onnx.load(str(ROOT / "examples" / "fashion_mnist" / f"{name}.onnx"))
    lib = qnn.compile(model, tmp_path / f"{name}.so")
    sess = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    ours, theirs, worst = [], [], 0.0
    for i in range(0, len(x), train.BATCH):
        a = lib.run({"image": x[i:i + train.BATCH]})["logits"]
        b = sess.run(None, {"image": x[i:i + train.BATCH]})[0]
        worst = max(worst, float(np.abs(a - b).max()))
        ours.append(a.argmax(1))
        theirs.append(b.argmax(1))
    ours, theirs = np.concatenate(ours), np.concatenate(theirs)
    top1_qnn, top1_ort = float((ours == y).mean()), float((theirs == y).mean())
    print(f"{name}: qnn top-1 {top1_qnn:.4f}, onnxruntime {top1_ort:.4f}, "
          f"{int((ours != theirs).sum())} predictions differ, max |logit diff| {worst:.2e}")
    assert worst <= 1e-4
    assert int((ours != theirs).sum()) <= 5
    assert abs(top1_qnn - top1_ort) <= 0.0005
    assert top1_ort > 0.85  # the committed model is a trained one

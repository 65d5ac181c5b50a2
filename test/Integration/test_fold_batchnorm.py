"""qnn-fold-batchnorm on imported ONNX models: batch norm after a
convolution, a depthwise convolution and a fully connected layer, and its
decomposed form (Sub, Mul, Mul, Add by per-channel constants). Each model
is imported, folded with qnn-opt, and both the folded and the unfolded
module are compiled and run on the same inputs: the folded one must have
no batch norm (and no affine op) left, and its outputs must equal the
unfolded ones within float rounding (|a - b| <= 1e-5 + 1e-5 |b|: the
folded weights w * s are rounded once, where the unfolded model rounds
the product of the convolution's output and s)."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "python"))

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

import harness as H  # noqa: E402
import qnn  # noqa: E402

pytestmark = pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")


def bn_params(rng, c, prefix):
    return [(prefix + "_g", rng.uniform(0.5, 2.0, c)), (prefix + "_b", rng.standard_normal(c)),
            (prefix + "_m", rng.standard_normal(c)), (prefix + "_v", rng.uniform(0.1, 3.0, c))]


def bn(x, y, prefix):
    return helper.make_node("BatchNormalization", [x] + [prefix + s for s in ("_g", "_b", "_m", "_v")], [y],
                            epsilon=1e-3)


def models():
    rng = np.random.default_rng(0)
    # conv (with bias) -> BN -> relu -> depthwise conv (no bias) -> BN
    # -> flatten -> gemm -> BN (2-D)
    inits = [("w1", rng.standard_normal((6, 3, 3, 3)) / 5), ("b1", rng.standard_normal(6)),
             ("w2", rng.standard_normal((6, 1, 3, 3)) / 3), ("fc", rng.standard_normal((6 * 4 * 4, 5)) / 10)]
    inits += bn_params(rng, 6, "n1") + bn_params(rng, 6, "n2") + bn_params(rng, 5, "n3")
    nodes = [helper.make_node("Conv", ["x", "w1", "b1"], ["c1"], pads=[1, 1, 1, 1]), bn("c1", "z1", "n1"),
             helper.make_node("Relu", ["z1"], ["r1"]),
             helper.make_node("Conv", ["r1", "w2"], ["c2"], pads=[0, 0, 0, 0], group=6), bn("c2", "z2", "n2"),
             helper.make_node("Flatten", ["z2"], ["f"]), helper.make_node("Gemm", ["f", "fc"], ["g"]),
             bn("g", "y", "n3")]
    yield "conv_depthwise_fc", nodes, inits, [2, 3, 6, 6]
    # The decomposed form: (conv - mean) * (1 / sqrt(var + eps)) * gamma + beta.
    c = 4
    inits = [("w", rng.standard_normal((c, 2, 3, 3)) / 4), ("mean", rng.standard_normal((1, c, 1, 1))),
             ("inv", rng.uniform(0.5, 2.0, (1, c, 1, 1))), ("gamma", rng.uniform(0.5, 2.0, (1, c, 1, 1))),
             ("beta", rng.standard_normal((1, c, 1, 1)))]
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1]),
             helper.make_node("Sub", ["c", "mean"], ["s"]), helper.make_node("Mul", ["s", "inv"], ["d"]),
             helper.make_node("Mul", ["d", "gamma"], ["m"]), helper.make_node("Add", ["m", "beta"], ["y"])]
    yield "decomposed", nodes, inits, [1, 2, 5, 5]


CASES = list(models())


def make_model(nodes, inits, shape):
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
                          [numpy_helper.from_array(np.asarray(v, np.float32), k) for k, v in inits])
    return onnx.shape_inference.infer_shapes(helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)]))


@pytest.mark.parametrize("name,nodes,inits,shape", CASES, ids=[c[0] for c in CASES])
def test_folded_model_matches_unfolded(tmp_path, name, nodes, inits, shape):
    text, sig = qnn.import_onnx(make_model(nodes, inits, shape))
    p = subprocess.run([H.QNN_OPT, "--qnn-fold-batchnorm", "-"], input=text, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    folded = p.stdout
    assert "qnn.batch_norm" not in folded
    assert "tosa.sub" not in folded and "tosa.mul" not in folded and "tosa.reciprocal" not in folded
    assert "qnn.batch_norm" in text or "tosa.sub" in text  # there was something to fold
    x = np.random.default_rng(1).standard_normal(shape).astype(np.float32)
    want = qnn.compile_mlir(text, tmp_path / "a.so", sig).run([x])["y"]
    got = qnn.compile_mlir(folded, tmp_path / "b.so", sig).run([x])["y"]
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)

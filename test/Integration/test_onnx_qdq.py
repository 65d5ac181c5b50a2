"""QDQ models (DequantizeLinear -> op -> QuantizeLinear, as onnxruntime's
quantize_static and QAT exporters write them): the importer fuses each
group into one integer qnn op (qnn.conv2d, qnn.depthwise_conv2d,
qnn.fully_connected, qnn.add, qnn.max_pool2d) and the result is compared
with onnxruntime running the same QDQ model (which fuses them into its
QLinear kernels). Tolerance: every output within one step of the output's
quantization scale, and at least 99.5% of the outputs exactly equal
(onnxruntime keeps GlobalAveragePool, which qnn runs in float between
dequantize and quantize, and rounds its own QLinearAdd). The committed
Fashion-MNIST models, quantized by quantize_static on 200 training
images, must classify the first 2,000 test images as onnxruntime does.

The numeric comparisons need onnxruntime's integer kernels to be exact.
On x86 CPUs without VNNI they are not: its u8 x s8 GEMM sums pairs of
products in int16 (vpmaddubsw), which saturates (a 64-term MatMulInteger
of 255s and 127s gives 1048544 instead of 2072640). There the comparisons
are skipped, after the structural checks, with the probe's result as the
reason; qnn's own kernels are checked against its reference lowering on
every CPU (test_vnni_sweep.py and the other sweeps)."""

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
quantization = pytest.importorskip("onnxruntime.quantization")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

import harness as H  # noqa: E402
import qnn  # noqa: E402


def _ort_integer_probe():
    """onnxruntime's MatMulInteger of 64 255s (u8) by 64 127s (s8), and the
    exact value, 2072640."""
    b = numpy_helper.from_array(np.full((64, 1), 127, np.int8), "b")
    g = helper.make_graph([helper.make_node("MatMulInteger", ["a", "b"], ["y"])], "probe",
                          [helper.make_tensor_value_info("a", TensorProto.UINT8, [1, 64])],
                          [helper.make_tensor_value_info("y", TensorProto.INT32, None)], [b])
    sess = ort.InferenceSession(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
                                .SerializeToString(), providers=["CPUExecutionProvider"])
    return int(sess.run(None, {"a": np.full((1, 64), 255, np.uint8)})[0][0, 0]), 255 * 127 * 64


_PROBE = _ort_integer_probe()


def require_exact_onnxruntime():
    """Skips the rest of a test when onnxruntime's integer kernels are not
    exact on this CPU (see the module docstring)."""
    got, exact = _PROBE
    if got != exact:
        pytest.skip(f"onnxruntime's u8 x s8 integer kernels saturate on this CPU (no VNNI): MatMulInteger "
                    f"of 64 x 255 x 127 gives {got}, not {exact}; its results are no reference here")
import train  # noqa: E402

pytestmark = pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")


class _Reader(quantization.CalibrationDataReader):
    def __init__(self, name, batches):
        self.it = iter([{name: b} for b in batches])

    def get_next(self):
        return next(self.it, None)


def quantize(model, path, batches, per_channel=True, activation=None):
    """`model` quantized by onnxruntime's quantize_static to a QDQ model."""
    f32 = path / "f32.onnx"
    onnx.save(model, f32)
    out = path / "qdq.onnx"
    quantization.quantize_static(
        str(f32), str(out), _Reader(model.graph.input[0].name, batches),
        quant_format=quantization.QuantFormat.QDQ, per_channel=per_channel,
        activation_type=activation or quantization.QuantType.QUInt8,
        weight_type=quantization.QuantType.QInt8)
    return onnx.load(str(out))


def conv(x, w, name, rng, cin, cout, k=3, group=1, **kw):
    wt = (rng.standard_normal((cout, cin // group, k, k)) / np.sqrt(cin // group * k * k)).astype(np.float32)
    b = (0.1 * rng.standard_normal(cout)).astype(np.float32)
    node = helper.make_node("Conv", [x, w, w + "_b"], [name], pads=[k // 2] * 4, group=group, **kw)
    return node, [(w, wt), (w + "_b", b)]


def resnet_like(rng):
    """conv+relu, maxpool, conv+relu, conv, residual add+relu, global
    average pool, flatten, gemm."""
    nodes, inits = [], []
    for n, i, o, cin, cout in (("c0", "x", "c0o", 3, 8), ("c1", "p0", "c1o", 8, 8), ("c2", "r1", "c2o", 8, 8)):
        nd, it = conv(i, n + "_w", o, rng, cin, cout)
        nodes.append(nd)
        inits += it
        if n == "c0":
            nodes += [helper.make_node("Relu", ["c0o"], ["r0"]),
                      helper.make_node("MaxPool", ["r0"], ["p0"], kernel_shape=[2, 2], strides=[2, 2])]
        if n == "c1":
            nodes.append(helper.make_node("Relu", ["c1o"], ["r1"]))
    nodes += [helper.make_node("Add", ["c2o", "p0"], ["s"]), helper.make_node("Relu", ["s"], ["rs"]),
              helper.make_node("GlobalAveragePool", ["rs"], ["g"]), helper.make_node("Flatten", ["g"], ["f"]),
              helper.make_node("Gemm", ["f", "fc_w", "fc_b"], ["y"], transB=1)]
    inits += [("fc_w", (rng.standard_normal((10, 8)) / 3).astype(np.float32)),
              ("fc_b", (0.1 * rng.standard_normal(10)).astype(np.float32))]
    return nodes, inits, [2, 3, 16, 16]


def mobilenet_like(rng):
    """depthwise conv + clip (relu6), pointwise conv + clip, strided conv,
    flatten, matmul."""
    nodes, inits = [], []
    nd, it = conv("x", "dw_w", "d", rng, 4, 4, group=4)
    nodes += [nd, helper.make_node("Clip", ["d", "lo", "hi"], ["dr"])]
    inits += it
    nd, it = conv("dr", "pw_w", "p", rng, 4, 8, k=1)
    nodes += [nd, helper.make_node("Clip", ["p", "lo", "hi"], ["pr"])]
    inits += it
    nd, it = conv("pr", "s_w", "s", rng, 8, 8, strides=[2, 2])
    nodes += [nd, helper.make_node("Flatten", ["s"], ["f"]), helper.make_node("MatMul", ["f", "mm_w"], ["y"])]
    inits += it + [("lo", np.float32(0)), ("hi", np.float32(6)),
                   ("mm_w", (rng.standard_normal((8 * 6 * 6, 5)) / 17).astype(np.float32))]
    return nodes, inits, [2, 4, 12, 12]


def float_model(builder, seed=0):
    rng = np.random.default_rng(seed)
    nodes, inits, shape = builder(rng)
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
                          [numpy_helper.from_array(np.asarray(v), k) for k, v in inits])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])
    return onnx.shape_inference.infer_shapes(m), shape


def output_step(model):
    """The scale of the DequantizeLinear that produces the graph output."""
    out = model.graph.output[0].name
    inits = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    node = next(n for n in model.graph.node if out in n.output)
    assert node.op_type == "DequantizeLinear"
    return float(inits[node.input[1]])


def compare(model, tmp_path, feeds, **kw):
    """(fraction of outputs equal to onnxruntime's, worst difference in
    output steps, imported MLIR)."""
    sess = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    want = sess.run(None, feeds)[0]
    lib = qnn.compile(model, tmp_path / "m.so", mlir_output=tmp_path / "m.mlir", **kw)
    got = lib.run(feeds)[model.graph.output[0].name]
    step = output_step(model)
    return float((got == want).mean()), float(np.abs(got - want).max()) / step, (tmp_path / "m.mlir").read_text()


CASES = {
    "resnet_per_channel": (resnet_like, dict(per_channel=True),
                           {"qnn.conv2d": 3, "qnn.max_pool2d": 1, "qnn.add": 1, "qnn.fully_connected": 1}),
    "resnet_per_tensor": (resnet_like, dict(per_channel=False),
                          {"qnn.conv2d": 3, "qnn.max_pool2d": 1, "qnn.add": 1, "qnn.fully_connected": 1}),
    "mobilenet_per_channel": (mobilenet_like, dict(per_channel=True),
                              {"qnn.depthwise_conv2d": 1, "qnn.conv2d": 2, "qnn.fully_connected": 1}),
    "mobilenet_int8_activations": (mobilenet_like, dict(per_channel=True, activation="QInt8"),
                                   {"qnn.depthwise_conv2d": 1, "qnn.conv2d": 2, "qnn.fully_connected": 1}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_qdq_groups_fuse_into_qnn_ops_and_match_onnxruntime(tmp_path, name):
    builder, qargs, ops = CASES[name]
    model, shape = float_model(builder)
    rng = np.random.default_rng(1)
    batches = [rng.standard_normal(shape).astype(np.float32) for _ in range(4)]
    if "activation" in qargs:
        qargs = dict(qargs, activation=getattr(quantization.QuantType, qargs["activation"]))
    qdq = quantize(model, tmp_path, batches, **qargs)
    feeds = {"x": rng.standard_normal(shape).astype(np.float32)}
    equal, worst, mlir = compare(qdq, tmp_path, feeds)
    for op, count in ops.items():
        assert mlir.count(op + " ") == count, op
    assert "tosa.conv2d" not in mlir and "tosa.depthwise_conv2d" not in mlir and "tosa.matmul" not in mlir
    require_exact_onnxruntime()
    assert worst <= 1.0 + 1e-6
    assert equal >= 0.995


def test_unfused_qdq_model_runs_as_written(tmp_path):
    # fuse_qdq=False keeps the float ops between dequantize and quantize:
    # the same model, computed in float (so within a step or two).
    model, shape = float_model(resnet_like)
    rng = np.random.default_rng(2)
    qdq = quantize(model, tmp_path, [rng.standard_normal(shape).astype(np.float32) for _ in range(2)])
    equal, worst, mlir = compare(qdq, tmp_path, {"x": rng.standard_normal(shape).astype(np.float32)},
                                 fuse_qdq=False)
    assert "qnn.conv2d" not in mlir and mlir.count("tosa.conv2d") == 3
    require_exact_onnxruntime()
    assert worst <= 2.0 + 1e-6 and equal >= 0.9


def test_group_with_a_second_consumer_is_not_fused(tmp_path):
    # The conv's float output also feeds the graph output, so it is kept
    # in float; the rest still fuses.
    rng = np.random.default_rng(3)
    w = numpy_helper.from_array((rng.standard_normal((4, 2, 3, 3)) / 4).astype(np.float32), "w")
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1]),
             helper.make_node("Relu", ["c"], ["y"]), helper.make_node("Sigmoid", ["c"], ["z"])]
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2, 6, 6])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None),
                           helper.make_tensor_value_info("z", TensorProto.FLOAT, None)], [w])
    model = onnx.shape_inference.infer_shapes(helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)]))
    qdq = quantize(model, tmp_path, [rng.standard_normal((1, 2, 6, 6)).astype(np.float32)])
    feeds = {"x": rng.standard_normal((1, 2, 6, 6)).astype(np.float32)}
    want = ort.InferenceSession(qdq.SerializeToString(), providers=["CPUExecutionProvider"]).run(None, feeds)
    lib = qnn.compile(qdq, tmp_path / "m.so", mlir_output=tmp_path / "m.mlir")
    got = lib.run(feeds)
    require_exact_onnxruntime()
    for name, w_ in zip(["y", "z"], want):
        np.testing.assert_allclose(got[name], w_, atol=0.05)


@pytest.mark.skipif(not train.DATA.is_dir(), reason="dataset-fashion-mnist not installed")
@pytest.mark.parametrize("name", ["resnet_tiny", "mobilenet_tiny"])
def test_quantize_static_fashion_mnist_model_matches_onnxruntime(tmp_path, name):
    model = onnx.load(str(ROOT / "examples" / "fashion_mnist" / f"{name}.onnx"))
    xtrain, _ = train.load("train")
    qdq = quantize(model, tmp_path, [xtrain[i:i + train.BATCH] for i in range(0, 200, train.BATCH)])
    x, y = train.load("test")
    sess = ort.InferenceSession(qdq.SerializeToString(), providers=["CPUExecutionProvider"])
    lib = qnn.compile(qdq, tmp_path / "m.so", mlir_output=tmp_path / "m.mlir")
    mlir = (tmp_path / "m.mlir").read_text()
    assert "tosa.conv2d" not in mlir and "tosa.depthwise_conv2d" not in mlir
    equal, differ, n = 0, 0, 2000
    for i in range(0, n, train.BATCH):
        a = lib.run({"image": x[i:i + train.BATCH]})["logits"]
        b = sess.run(None, {"image": x[i:i + train.BATCH]})[0]
        equal += int((a == b).sum())
        differ += int((a.argmax(1) != b.argmax(1)).sum())
    print(f"{name} QDQ: {differ} of {n} predictions differ from onnxruntime, "
          f"{equal / (n * 10):.5f} of the logits equal")
    require_exact_onnxruntime()
    assert differ <= 2
    assert equal / (n * 10) >= 0.999


@pytest.mark.parametrize("per_channel", [False, True])
def test_quantize_dynamic_model_matches_onnxruntime_exactly(tmp_path, per_channel):
    # onnxruntime's dynamic quantization: DynamicQuantizeLinear (run-time
    # scale and zero point) -> MatMulInteger with that zero point -> Cast ->
    # Mul by the scales. qnn computes every step exactly as onnxruntime.
    rng = np.random.default_rng(4)
    nodes = [helper.make_node("MatMul", ["x", "w1"], ["h"]), helper.make_node("Add", ["h", "b1"], ["ha"]),
             helper.make_node("Relu", ["ha"], ["r"]), helper.make_node("Gemm", ["r", "w2", "b2"], ["y"], transB=1)]
    inits = [("w1", rng.standard_normal((16, 32))), ("b1", rng.standard_normal(32)),
             ("w2", rng.standard_normal((10, 32))), ("b2", rng.standard_normal(10))]
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4, 16])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
                          [numpy_helper.from_array(v.astype(np.float32), k) for k, v in inits])
    onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)]), tmp_path / "f32.onnx")
    quantization.quantize_dynamic(str(tmp_path / "f32.onnx"), str(tmp_path / "dyn.onnx"),
                                  weight_type=quantization.QuantType.QInt8, per_channel=per_channel)
    model = onnx.load(str(tmp_path / "dyn.onnx"))
    assert {"DynamicQuantizeLinear", "MatMulInteger"} <= {n.op_type for n in model.graph.node}
    sess = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    lib = qnn.compile(model, tmp_path / "m.so")
    require_exact_onnxruntime()
    for seed in range(3):
        x = np.random.default_rng(seed).standard_normal((4, 16)).astype(np.float32)
        np.testing.assert_array_equal(lib.run({"x": x})["y"], sess.run(None, {"x": x})[0])


def test_chained_qlinear_convs_match_onnxruntime_exactly(tmp_path):
    # QOperator form: QLinearConv -> QLinearConv (the second reads the
    # first's NHWC result as it is) -> per-channel DequantizeLinear (axis 1
    # of the ONNX layout).
    rng = np.random.default_rng(6)
    c = lambda v, n: numpy_helper.from_array(np.asarray(v), n)  # noqa: E731
    inits = [c(np.float32(0.02), "sx"), c(np.uint8(120), "zx"),
             c(rng.integers(-90, 90, (4, 3, 3, 3)).astype(np.int8), "w1"),
             c((rng.random(4) * 0.01 + 0.005).astype(np.float32), "sw1"), c(np.zeros(4, np.int8), "zw1"),
             c(np.float32(0.05), "s1"), c(np.uint8(100), "z1"),
             c(rng.integers(-90, 90, (5, 4, 1, 1)).astype(np.int8), "w2"),
             c(np.float32(0.01), "sw2"), c(np.int8(0), "zw2"),
             c(rng.integers(-500, 500, 5).astype(np.int32), "b2"),
             c(np.float32(0.04), "s2"), c(np.uint8(128), "z2"),
             c((rng.random(5) + 0.5).astype(np.float32), "sd"), c(np.full(5, 128, np.uint8), "zd")]
    nodes = [helper.make_node("QuantizeLinear", ["x", "sx", "zx"], ["xq"]),
             helper.make_node("QLinearConv", ["xq", "sx", "zx", "w1", "sw1", "zw1", "s1", "z1"], ["y1"],
                              pads=[1, 1, 1, 1], strides=[2, 2]),
             helper.make_node("QLinearConv", ["y1", "s1", "z1", "w2", "sw2", "zw2", "s2", "z2", "b2"], ["y2"]),
             helper.make_node("DequantizeLinear", ["y2", "sd", "zd"], ["y"], axis=1)]
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3, 9, 9])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    model = onnx.shape_inference.infer_shapes(helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)]))
    x = rng.standard_normal((2, 3, 9, 9)).astype(np.float32)
    want = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"]).run(None, {"x": x})
    got = qnn.compile(model, tmp_path / "m.so").run({"x": x})["y"]
    require_exact_onnxruntime()
    np.testing.assert_array_equal(got, want[0])

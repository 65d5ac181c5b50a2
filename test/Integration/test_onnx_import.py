"""The ONNX importer (python/qnn/onnx_import.py) and the Python package:
small float models built with onnx.helper, imported to TOSA + qnn, compiled
with qnn-compile, run through qnn.Library and compared with onnxruntime at
a stated tolerance (|qnn - ort| <= 1e-5 + 1e-5 * |ort|: the same f32 math
in another summation order); every unsupported construct of the error
catalogue raises an error naming the node, its op type and what is
supported; the `python -m qnn` CLI end to end."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "python"))

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

import harness as H  # noqa: E402
import qnn  # noqa: E402

pytestmark = pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")

RTOL = ATOL = 1e-5


def make_model(nodes, inputs, outputs, inits=(), opset=17, out_type=TensorProto.FLOAT):
    g = helper.make_graph(
        nodes, "g", [helper.make_tensor_value_info(n, TensorProto.FLOAT, s) for n, s in inputs],
        [helper.make_tensor_value_info(n, out_type, None) for n in outputs],
        [numpy_helper.from_array(np.asarray(v), k) for k, v in inits])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)])
    # Shape inference fills in the outputs' types (left open above).
    m = onnx.shape_inference.infer_shapes(m)
    if all(d.HasField("dim_value") for i in m.graph.input for d in i.type.tensor_type.shape.dim):
        onnx.checker.check_model(m)
    return m


def check_against_ort(model, tmp_path, seed=0, **compile_args):
    rng = np.random.default_rng(seed)
    sess = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    feeds = {i.name: rng.standard_normal([d.dim_value for d in i.type.tensor_type.shape.dim]).astype(np.float32)
             for i in model.graph.input}
    want = dict(zip([o.name for o in model.graph.output], sess.run(None, feeds)))
    lib = qnn.compile(model, tmp_path / "m.so", **compile_args)
    got = lib.run(feeds)
    assert set(got) == set(want)
    for k in want:
        assert got[k].shape == want[k].shape, k
        np.testing.assert_allclose(got[k], want[k], rtol=RTOL, atol=ATOL, err_msg=k)
    return lib


def rnd(rng, *shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


R = np.random.default_rng(7)

# (id, nodes, inputs, outputs, initializers)
CASES = [
    ("conv_pad_stride_bias", [helper.make_node("Conv", ["x", "w", "b"], ["y"], pads=[1, 0, 2, 1], strides=[2, 1])],
     [("x", [2, 3, 7, 6])], ["y"], [("w", rnd(R, 5, 3, 3, 2)), ("b", rnd(R, 5))]),
    ("conv_dilation_no_bias", [helper.make_node("Conv", ["x", "w"], ["y"], dilations=[2, 2], pads=[2, 2, 2, 2])],
     [("x", [1, 4, 6, 6])], ["y"], [("w", rnd(R, 3, 4, 3, 3))]),
    ("depthwise_conv", [helper.make_node("Conv", ["x", "w", "b"], ["y"], group=6, pads=[1, 1, 1, 1])],
     [("x", [1, 6, 5, 5])], ["y"], [("w", rnd(R, 6, 1, 3, 3)), ("b", rnd(R, 6))]),
    ("gemm_transB_alpha_beta", [helper.make_node("Gemm", ["x", "w", "c"], ["y"], transB=1, alpha=0.5, beta=2.0)],
     [("x", [3, 10])], ["y"], [("w", rnd(R, 4, 10)), ("c", rnd(R, 4))]),
    ("matmul", [helper.make_node("MatMul", ["x", "w"], ["y"])], [("x", [5, 8])], ["y"], [("w", rnd(R, 8, 3))]),
    ("batchnorm_relu", [helper.make_node("BatchNormalization", ["x", "g", "b", "m", "v"], ["t"], epsilon=1e-3),
                        helper.make_node("Relu", ["t"], ["y"])],
     [("x", [2, 4, 3, 3])], ["y"],
     [("g", rnd(R, 4)), ("b", rnd(R, 4)), ("m", rnd(R, 4)), ("v", np.abs(rnd(R, 4)) + 0.5)]),
    ("clip_leakyrelu_sigmoid", [helper.make_node("Clip", ["x", "lo", "hi"], ["a"]),
                                helper.make_node("LeakyRelu", ["a"], ["b"], alpha=0.2),
                                helper.make_node("Sigmoid", ["b"], ["y"])],
     [("x", [2, 3, 4, 4])], ["y"], [("lo", np.float32(-1.5)), ("hi", np.float32(6.0))]),
    ("elementwise_broadcast", [helper.make_node("Add", ["x", "c1"], ["a"]),
                               helper.make_node("Mul", ["a", "c2"], ["b"]),
                               helper.make_node("Sub", ["b", "x"], ["d"]),
                               helper.make_node("Div", ["d", "c3"], ["y"])],
     [("x", [2, 3, 4, 5])], ["y"],
     [("c1", rnd(R, 3, 1, 1)), ("c2", rnd(R, 5)), ("c3", np.abs(rnd(R, 1, 3, 4, 1)) + 1)]),
    ("pools", [helper.make_node("MaxPool", ["x"], ["a"], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1]),
               helper.make_node("AveragePool", ["a"], ["b"], kernel_shape=[2, 2], strides=[1, 1]),
               helper.make_node("GlobalAveragePool", ["b"], ["y"])],
     [("x", [1, 3, 9, 9])], ["y"], []),
    ("flatten_reshape_transpose", [helper.make_node("Flatten", ["x"], ["a"], axis=1),
                                   helper.make_node("Reshape", ["a", "s"], ["b"]),
                                   helper.make_node("Transpose", ["b"], ["y"], perm=[1, 0, 2])],
     [("x", [2, 3, 2, 2])], ["y"], [("s", np.array([2, 6, 2], np.int64))]),
    ("concat_channels_and_pad", [helper.make_node("Relu", ["x"], ["a"]),
                                 helper.make_node("Concat", ["a", "x"], ["b"], axis=1),
                                 helper.make_node("Pad", ["b", "p", "v"], ["y"])],
     [("x", [1, 2, 3, 3])], ["y"],
     [("p", np.array([0, 1, 0, 2, 0, 0, 1, 0], np.int64)), ("v", np.float32(0.5))]),
    ("softmax", [helper.make_node("Softmax", ["x"], ["y"], axis=-1)], [("x", [4, 7])], ["y"], []),
    ("residual_cnn", [helper.make_node("Conv", ["x", "w1", "b1"], ["c1"], pads=[1, 1, 1, 1]),
                      helper.make_node("Relu", ["c1"], ["r1"]),
                      helper.make_node("Conv", ["r1", "w2", "b2"], ["c2"], pads=[1, 1, 1, 1]),
                      helper.make_node("Add", ["c2", "c1"], ["s"]),
                      helper.make_node("Relu", ["s"], ["r2"]),
                      helper.make_node("GlobalAveragePool", ["r2"], ["g"]),
                      helper.make_node("Flatten", ["g"], ["f"]),
                      helper.make_node("Gemm", ["f", "wf", "bf"], ["z"], transB=1),
                      helper.make_node("Softmax", ["z"], ["y"])],
     [("x", [2, 1, 12, 12])], ["y"],
     [("w1", rnd(R, 8, 1, 3, 3, scale=0.5)), ("b1", rnd(R, 8)), ("w2", rnd(R, 8, 8, 3, 3, scale=0.2)),
      ("b2", rnd(R, 8)), ("wf", rnd(R, 10, 8)), ("bf", rnd(R, 10))]),
]


@pytest.mark.parametrize("name,nodes,inputs,outputs,inits", CASES, ids=[c[0] for c in CASES])
def test_float_model_matches_onnxruntime(tmp_path, name, nodes, inputs, outputs, inits):
    check_against_ort(make_model(nodes, inputs, outputs, inits), tmp_path)


def test_reference_kernels_and_threads(tmp_path):
    name, nodes, inputs, outputs, inits = CASES[-1]
    model = make_model(nodes, inputs, outputs, inits)
    check_against_ort(model, tmp_path, kernels="reference")
    check_against_ort(model, tmp_path, threads=2)


def test_imported_mlir_keeps_layout_at_the_boundary():
    name, nodes, inputs, outputs, inits = CASES[0]
    text, sig = qnn.import_onnx(make_model(nodes, inputs, outputs, inits))
    # NCHW at the boundary, one transpose in, NHWC inside.
    assert sig["inputs"] == [{"name": "x", "shape": [2, 3, 7, 6], "dtype": "float32"}]
    assert "tosa.transpose %arg0 {perms = array<i32: 0, 2, 3, 1>}" in text
    assert "tosa.conv2d" in text and "linalg" not in text


# -- the error catalogue -------------------------------------------------------

def bad_models():
    x = [("x", [1, 2, 4, 4])]
    yield ("unsupported_op", make_model([helper.make_node("Floor", ["x"], ["y"], name="floor0")], x, ["y"]),
           "node 'floor0' (Floor): op type Floor is not supported; supported: Abs, Add, AveragePool")
    yield ("grouped_conv", make_model([helper.make_node("Conv", ["x", "w"], ["y"], group=2, name="gconv")],
                                      [("x", [1, 4, 4, 4])], ["y"], [("w", rnd(R, 4, 2, 3, 3))]),
           "node 'gconv' (Conv): group = 2 is not supported: group 1 or depthwise")
    yield ("auto_pad", make_model([helper.make_node("Conv", ["x", "w"], ["y"], auto_pad="SAME_UPPER",
                                                    name="c0")], x, ["y"], [("w", rnd(R, 2, 2, 3, 3))]),
           "node 'c0' (Conv): auto_pad is not supported")
    yield ("ceil_mode", make_model([helper.make_node("MaxPool", ["x"], ["y"], kernel_shape=[3, 3], strides=[2, 2],
                                                     ceil_mode=1, name="mp")], x, ["y"]),
           "node 'mp' (MaxPool): ceil_mode = 1 is not supported")
    yield ("pad_reflect", make_model([helper.make_node("Pad", ["x", "p"], ["y"], mode="reflect", name="pd")], x,
                                     ["y"], [("p", np.array([0, 0, 1, 1, 0, 0, 1, 1], np.int64))]),
           "node 'pd' (Pad): mode 'reflect' is not supported; only 'constant'")
    bn = [("s", np.ones(2, np.float32)), ("b", np.zeros(2, np.float32)), ("m", np.zeros(2, np.float32)),
          ("v", np.ones(2, np.float32))]
    yield ("batchnorm_rank3", make_model([helper.make_node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"],
                                                           name="bn3")], [("x", [1, 2, 5])], ["y"], bn),
           "node 'bn3' (BatchNormalization): input 'x' has rank 3; qnn's BatchNormalization takes rank 2 or 4")
    yield ("runtime_weights", make_model([helper.make_node("Conv", ["x", "w"], ["y"], name="c1")],
                                         [("x", [1, 2, 4, 4]), ("w", [2, 2, 3, 3])], ["y"]),
           "node 'c1' (Conv): weights must be a constant (an initializer)")
    yield ("sign_into_relu", make_model([helper.make_node("Sign", ["x"], ["s"]),
                                         helper.make_node("Relu", ["s"], ["y"], name="r1")], x, ["y"]),
           "node 'r1' (Relu): input 's' is the output of Sign, which qnn supports only as the input of a "
           "convolution whose weights are +-alpha per output channel")
    yield ("sign_into_float_conv", make_model([helper.make_node("Sign", ["x"], ["s"]),
                                               helper.make_node("Conv", ["s", "w"], ["y"], name="c2")], x, ["y"],
                                              [("w", rnd(R, 2, 2, 3, 3))]),
           "node 'c2' (Conv): the input is Sign(x) but the weights are not +-alpha per output channel")
    yield ("old_opset", make_model([helper.make_node("Relu", ["x"], ["y"])], x, ["y"], opset=9),
           "model opset 9 is not supported: qnn imports opset 10 and newer")
    yield ("softmax_opset_11", make_model([helper.make_node("Softmax", ["x"], ["y"], name="sm")], x, ["y"],
                                          opset=11),
           "node 'sm' (Softmax): Softmax of opset 11 (2-D coercion) is not supported; opset 13 and newer")
    yield ("dynamic_shape", make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 2, "H", 4])], ["y"]),
           "graph input 'x' has a dynamic or unknown shape; give it a static shape: input_shapes=")
    g = helper.make_graph([helper.make_node("Relu", ["x"], ["y"])], "g",
                          [helper.make_tensor_value_info("x", TensorProto.DOUBLE, [2])],
                          [helper.make_tensor_value_info("y", TensorProto.DOUBLE, [2])])
    yield ("double_input", helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)]),
           "graph input 'x' has element type DOUBLE; supported: FLOAT, INT32, UINT8, INT8, UINT16, INT16")
    g = helper.make_graph([helper.make_node("Relu", ["x"], ["y"], name="r")], "g",
                          [helper.make_tensor_value_info("x", TensorProto.UINT8, [2])],
                          [helper.make_tensor_value_info("y", TensorProto.UINT8, [2])])
    yield ("float_op_on_uint8", helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)]),
           "node 'r' (Relu): input 'x' is uint8; Relu takes float tensors (DequantizeLinear first)")
    q = helper.make_node("QuantizeLinear", ["x", "s", "z"], ["y"], name="q")
    qm = helper.make_node("QLinearMatMul", ["a", "s", "z", "b", "s1", "z", "s1", "z"], ["y"], name="qm")
    g = helper.make_graph([qm], "g", [helper.make_tensor_value_info("a", TensorProto.UINT8, [2, 2]),
                                      helper.make_tensor_value_info("s", TensorProto.FLOAT, [])],
                          [helper.make_tensor_value_info("y", TensorProto.UINT8, [2, 2])],
                          [numpy_helper.from_array(np.uint8(3), "z"), numpy_helper.from_array(np.float32(0.5), "s1"),
                           numpy_helper.from_array(np.ones((2, 2), np.uint8), "b")])
    yield ("scale_not_constant", helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)]),
           "node 'qm' (QLinearMatMul): a_scale 's' must be a constant")
    dq = helper.make_node("DequantizeLinear", ["xq", "s", "z"], ["y"], name="dq", axis=0)
    g = helper.make_graph([dq], "g", [helper.make_tensor_value_info("xq", TensorProto.UINT8, [2]),
                                      helper.make_tensor_value_info("s", TensorProto.FLOAT, [2])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])],
                          [numpy_helper.from_array(np.uint8(3), "z")])
    yield ("runtime_per_axis_scale", helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)]),
           "node 'dq' (DequantizeLinear): a scale computed at run time must be one float32 value, got float32[2]")
    yield ("bad_scale", make_model([q], [("x", [2])], ["y"], [("s", np.float32(-1)), ("z", np.uint8(3))],
                                   out_type=TensorProto.UINT8),
           "node 'q' (QuantizeLinear): scales must be positive and finite, got [-1.0]")
    # Found by the importer's fuzz target (scripts/fuzz.sh onnx): 1-D pooling
    # and kernel attributes of the wrong length raised IndexError.
    yield ("pool_1d", make_model([helper.make_node("AveragePool", ["x"], ["y"], kernel_shape=[2], name="ap")],
                                 [("x", [1, 3, 32])], ["y"]),
           "node 'ap' (AveragePool): input 'x' has rank 3; only 2-D pooling (a rank-4 NCHW input) is supported")
    m = make_model([helper.make_node("MaxPool", ["x"], ["y"], kernel_shape=[2, 2], name="mp1")], x, ["y"])
    del m.graph.node[0].attribute[0].ints[1:]          # as a mutated model would have it
    yield ("pool_kernel_length", m, "ONNX shape inference failed: [ShapeInferenceError] Inference error(s): "
           "(op_type:MaxPool, node name: mp1): [ShapeInferenceError] Attribute kernel_shape has incorrect size")
    # Found by the fuzzer: an attribute of the wrong type reached int(None).
    m = make_model([helper.make_node("Softmax", ["x"], ["y"], axis=1, name="sm2")], x, ["y"])
    m.graph.node[0].attribute[0].type = onnx.AttributeProto.UNDEFINED
    yield ("attribute_type", m, "node 'sm2' (Softmax): attribute 'axis' has type UNDEFINED, Softmax takes INT")
    m = make_model([helper.make_node("Relu", ["x"], ["y"], name="r2")], x, ["y"])
    m.graph.node[0].attribute.append(helper.make_attribute("alpha", 0.5))
    yield ("unknown_attribute", m, "node 'r2' (Relu): attribute 'alpha' is not an attribute of Relu")

    m = make_model([helper.make_node("Sub", ["x", "x"], ["y"], name="s1")], x, ["y"])
    del m.graph.node[0].input[1:]
    yield ("input_count", m, "node 's1' (Sub): has 1 inputs; Sub takes 2")

    m = make_model([helper.make_node("Relu", ["x"], ["y"])], x + [("u", [2])], ["y"])
    m.graph.input[1].type.tensor_type.elem_type = 33
    yield ("unknown_dtype_code", m, "graph input 'u' has element type undefined element type 33; supported: FLOAT")

    m = make_model([helper.make_node("Add", ["x", "b"], ["y"])], x, ["y"], [("b", np.float32(1))])
    m.graph.initializer[0].raw_data = b""                   # dims () but no data
    yield ("initializer_without_data", m, "initializer 'b': the tensor's data does not match its type and dims")

    yield ("runtime_bias", make_model([helper.make_node("Conv", ["x", "w", "b"], ["y"], name="c3")],
                                      [("x", [1, 2, 4, 4]), ("b", [2])], ["y"], [("w", rnd(R, 2, 2, 3, 3))]),
           "node 'c3' (Conv): bias must be a constant (an initializer)")

    raw = make_model([helper.make_node("Relu", ["x"], ["outpuZ"])], x, ["outpuZ"]).SerializeToString()
    yield ("name_not_utf8", onnx.ModelProto.FromString(raw.replace(b"outpuZ", b"outpu\x94")),
           "the name b'outpu\\x94' is not valid UTF-8 (a corrupt model)")

    def dq_model(scales, axis, zps=None):
        g = helper.make_graph([helper.make_node("DequantizeLinear", ["xq", "s", "z"], ["y"], name="dq", axis=axis)],
                              "g", [helper.make_tensor_value_info("xq", TensorProto.UINT8, [2, 3])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 3])],
                              [numpy_helper.from_array(np.asarray(scales, np.float32), "s"),
                               numpy_helper.from_array(np.asarray(zps if zps is not None else [0] * len(scales),
                                                                  np.uint8), "z")])
        return helper.make_model(g, opset_imports=[helper.make_opsetid("", 21)])
    yield ("per_axis_axis_out_of_range", dq_model([0.1, 0.2], 5),
           "node 'dq' (DequantizeLinear): axis 5 is out of range for a rank-2 input")
    yield ("per_axis_scale_count", dq_model([0.1, 0.2], 1),
           "node 'dq' (DequantizeLinear): 2 scales for an axis of size 3")
    yield ("per_axis_nan_scale", dq_model([0.1, np.nan, 0.3], 1), "node 'dq' (DequantizeLinear): scales must be "
           "positive and finite")
    yield ("inf_scale", make_model([q], [("x", [2])], ["y"], [("s", np.float32(np.inf)), ("z", np.uint8(3))],
                                   out_type=TensorProto.UINT8),
           "node 'q' (QuantizeLinear): scales must be positive and finite, got [inf]")
    n = helper.make_node("Relu", ["x"], ["y"], name="custom", domain="com.example")
    g = helper.make_graph([n], "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])])
    yield ("custom_domain", helper.make_model(g, opset_imports=[helper.make_opsetid("", 17),
                                                                 helper.make_opsetid("com.example", 1)]),
           "node 'custom' (Relu): domain 'com.example' is not supported")


# Inputs the importer's fuzz target (scripts/fuzz.sh onnx) crashed on, kept
# as found, with the message each now gets.
FUZZ_CASES = {
    "concat-axis-out-of-range.onnx": "node 'output' (Concat): attribute 'axis' holds -3229815406593, outside "
                                     "32-bit integers",
    "gemm-c-does-not-broadcast.onnx": "node '/23/Gemm' (Gemm): C of shape [10, 64] does not broadcast to the "
                                      "result [100, 10]",
    "clip-empty-min.onnx": "node '/8/Clip' (Clip): 'min' must hold one value, got shape [0, 0, 0, 0]",
    "globalaveragepool-rank0.onnx": "node '/21/GlobalAveragePool' (GlobalAveragePool): input "
                                    "'/20/Clip_output_0' has rank 0; qnn's GlobalAveragePool takes rank 4",
    "sub-required-input-empty.onnx": "(Sub): input 1 ('B') is required but left empty",
    # onnx 1.23's shape inference segfaults on this one: qnn refuses it first.
    "layernorm-axis-2pow31-segfaults-shape-inference.onnx": "node 'Y' (LayerNormalization): op type "
                                                            "LayerNormalization is not supported",
}


@pytest.mark.parametrize("name", sorted(FUZZ_CASES))
def test_fuzzer_findings_are_clear_errors(name):
    data = (HERE / "Inputs" / "fuzz-onnx" / name).read_bytes()
    with pytest.raises(qnn.UnsupportedModelError) as info:
        qnn.import_onnx(onnx.ModelProto.FromString(data))
    assert FUZZ_CASES[name] in str(info.value)


@pytest.mark.parametrize("name,model,message", list(bad_models()), ids=[b[0] for b in bad_models()])
def test_unsupported_construct_is_a_clear_error(name, model, message):
    with pytest.raises(qnn.UnsupportedModelError) as info:
        qnn.import_onnx(model)
    assert message in str(info.value)


def batch_free_model():
    rng = np.random.default_rng(5)
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1]), helper.make_node("Relu", ["c"], ["r"]),
             helper.make_node("Flatten", ["r"], ["f"]), helper.make_node("Gemm", ["f", "g"], ["y"])]
    return make_model(nodes, [("x", ["N", 2, 5, 5])], ["y"],
                      [("w", rnd(rng, 3, 2, 3, 3)), ("g", rnd(rng, 75, 4))])


@pytest.mark.parametrize("batch", [None, 4])
def test_free_batch_runs_any_batch_size(tmp_path, batch):
    model = batch_free_model()
    lib = qnn.compile(model, tmp_path / "m.so", batch=batch)
    assert lib.signature["batch"] == {"size": batch or 1}
    assert lib.inputs[0]["shape"] == [batch or 1, 2, 5, 5]
    sess = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    for n in (1, 3, 4, 9):
        x = np.random.default_rng(n).standard_normal((n, 2, 5, 5)).astype(np.float32)
        got = lib.run({"x": x})["y"]
        assert got.shape == (n, 4)
        np.testing.assert_allclose(got, sess.run(None, {"x": x})[0], rtol=RTOL, atol=ATOL)
    with pytest.raises(qnn.RunError, match=r"input 'x' has shape \(3, 2, 5, 6\)"):
        lib.run({"x": np.zeros((3, 2, 5, 6), np.float32)})


def test_input_shapes_fix_a_dynamic_model(tmp_path):
    model = batch_free_model()
    lib = qnn.compile(model, tmp_path / "m.so", input_shapes={"x": [2, 2, 5, 5]})
    assert lib.inputs[0]["shape"] == [2, 2, 5, 5] and "batch" not in lib.signature
    with pytest.raises(qnn.RunError, match=r"input 'x' has shape \(3, 2, 5, 5\), the model expects"):
        lib.run({"x": np.zeros((3, 2, 5, 5), np.float32)})
    with pytest.raises(qnn.UnsupportedModelError, match=r"input_shapes\['x'\] = \[2, 3, 5, 5\] does not fit"):
        qnn.import_onnx(model, input_shapes={"x": [2, 3, 5, 5]})
    with pytest.raises(qnn.UnsupportedModelError, match=r"input_shapes names \['z'\], which are not graph inputs"):
        qnn.import_onnx(model, input_shapes={"z": [1]})
    fixed = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [2, 3])], ["y"])
    with pytest.raises(qnn.UnsupportedModelError, match="has a fixed batch of 2; batch=5 cannot change it"):
        qnn.import_onnx(fixed, batch=5)


def test_cli_batch_and_input_shape(tmp_path):
    onnx.save(batch_free_model(), tmp_path / "m.onnx")
    p = cli("compile", tmp_path / "m.onnx", "-o", tmp_path / "m.so", "--batch", "2")
    assert p.returncode == 0, p.stderr
    np.savez(tmp_path / "in.npz", x=np.ones((5, 2, 5, 5), np.float32))
    p = cli("run", tmp_path / "m.so", "--inputs", tmp_path / "in.npz", "--outputs", tmp_path / "out.npz")
    assert p.returncode == 0, p.stderr
    with np.load(tmp_path / "out.npz") as got:
        assert got["y"].shape == (5, 4)
    p = cli("compile", tmp_path / "m.onnx", "-o", tmp_path / "s.so", "--input-shape", "x=3,2,5,5")
    assert p.returncode == 0, p.stderr
    assert "input x: float32[3, 2, 5, 5]" in cli("inspect", tmp_path / "s.so").stdout
    p = cli("compile", tmp_path / "m.onnx", "-o", tmp_path / "t.so", "--input-shape", "x=3,a")
    assert p.returncode == 1 and "expected NAME=D0,D1,..." in p.stderr


def test_same_tensor_as_two_outputs(tmp_path):
    # Identity makes y and z the same value: each output gets its own copy.
    model = make_model([helper.make_node("Relu", ["x"], ["y"]), helper.make_node("Identity", ["y"], ["z"])],
                       [("x", [2, 3])], ["y", "z"])
    x = np.array([[-1, 2, -3], [4, -5, 6]], np.float32)
    out = qnn.compile(model, tmp_path / "m.so").run({"x": x})
    np.testing.assert_array_equal(out["y"], np.maximum(x, 0))
    np.testing.assert_array_equal(out["z"], np.maximum(x, 0))


def test_run_checks_shapes_dtypes_and_names(tmp_path):
    model = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [2, 3])], ["y"])
    lib = qnn.compile(model, tmp_path / "r.so")
    x = np.array([[-1, 2, -3], [4, -5, 6]], np.float32)
    np.testing.assert_array_equal(lib.run({"x": x})["y"], np.maximum(x, 0))
    np.testing.assert_array_equal(lib.run([x.astype(np.float64)])["y"], np.maximum(x, 0))
    with pytest.raises(qnn.RunError, match=r"input 'x' has shape \(3, 2\), the model expects \(2, 3\)"):
        lib.run({"x": x.T.copy()})
    with pytest.raises(qnn.RunError, match="input 'x' has dtype int32, the model expects float32"):
        lib.run({"x": x.astype(np.int32)})
    with pytest.raises(qnn.RunError, match=r"missing \['x'\]"):
        lib.run({"z": x})
    with pytest.raises(qnn.RunError, match="missing.so: no such library"):
        qnn.load(tmp_path / "missing.so")
    (tmp_path / "bare.so").write_bytes((tmp_path / "r.so").read_bytes())
    with pytest.raises(qnn.RunError, match="no signature file"):
        qnn.load(tmp_path / "bare.so")
    with pytest.raises(qnn.RunError, match="expected 1 inputs, got 2"):
        lib.run([x, x])
    with pytest.raises(qnn.RunError, match=r"inputs \['x', 'z'\] do not match the model's \['x'\]: unknown \['z'\]"):
        lib.run({"x": x, "z": x})
    (tmp_path / "bad.so").write_bytes((tmp_path / "r.so").read_bytes())
    (tmp_path / "bad.so.json").write_text("{oops")
    with pytest.raises(qnn.RunError, match="bad.so.json: not a qnn signature file"):
        qnn.load(tmp_path / "bad.so")


def test_narrow_input_values_out_of_range(tmp_path):
    xq = helper.make_tensor_value_info("xq", TensorProto.INT4, [4])
    g = helper.make_graph([helper.make_node("DequantizeLinear", ["xq", "s"], ["y"])], "g", [xq],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])],
                          [numpy_helper.from_array(np.float32(0.5), "s")])
    lib = qnn.compile(helper.make_model(g, opset_imports=[helper.make_opsetid("", 21)]), tmp_path / "n.so")
    np.testing.assert_array_equal(lib.run({"xq": np.array([-8, -1, 0, 7], np.int8)})["y"], [-4, -0.5, 0, 3.5])
    with pytest.raises(qnn.RunError, match=r"input 'xq' has values outside int4's \[-8, 7\]"):
        lib.run({"xq": np.array([-9, 0, 0, 8], np.int8)})


def external_data_model(tmp_path):
    """A MatMul whose weights live in m.data beside m.onnx."""
    model = make_model([helper.make_node("MatMul", ["x", "w"], ["y"])], [("x", [2, 3])], ["y"],
                       [("w", np.ones((3, 2), np.float32))])
    onnx.save(model, tmp_path / "m.onnx", save_as_external_data=True, location="m.data", size_threshold=0)
    return tmp_path / "m.onnx"


def test_missing_external_data_and_corrupt_files(tmp_path):
    path = external_data_model(tmp_path)
    lib = qnn.compile(path, tmp_path / "m.so")         # with its data file, the model imports
    np.testing.assert_allclose(lib.run({"x": np.ones((2, 3), np.float32)})["y"], np.full((2, 2), 3))
    (tmp_path / "m.data").unlink()
    with pytest.raises(qnn.UnsupportedModelError, match=r"m.onnx: cannot load the ONNX model: .*m.data"):
        qnn.import_onnx(path)
    p = cli("compile", path, "-o", tmp_path / "m2.so")
    assert p.returncode == 1 and "cannot load the ONNX model" in p.stderr and "m.data" in p.stderr
    assert "Traceback" not in p.stderr and not (tmp_path / "m2.so").exists()
    (tmp_path / "junk.onnx").write_text("not a model")
    p = cli("compile", tmp_path / "junk.onnx", "-o", tmp_path / "junk.so")
    assert p.returncode == 1 and "junk.onnx: cannot load the ONNX model" in p.stderr
    assert "Traceback" not in p.stderr and not (tmp_path / "junk.so").exists()
    p = cli("inspect", tmp_path / "junk.onnx")
    assert p.returncode == 1 and "cannot read" in p.stderr and "Traceback" not in p.stderr


# -- the CLI ---------------------------------------------------------------------

def cli(*args, cwd=None):
    env = dict(**__import__("os").environ)
    env["PYTHONPATH"] = str(ROOT / "python")
    return subprocess.run([sys.executable, "-m", "qnn", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=cwd)


def test_cli_compile_run_inspect(tmp_path):
    name, nodes, inputs, outputs, inits = CASES[-1]
    model = make_model(nodes, inputs, outputs, inits)
    onnx.save(model, tmp_path / "m.onnx")
    p = cli("compile", tmp_path / "m.onnx", "-o", tmp_path / "m.so", "--emit-mlir", tmp_path / "m.mlir")
    assert p.returncode == 0, p.stderr
    assert "tosa.conv2d" in (tmp_path / "m.mlir").read_text()
    x = np.random.default_rng(3).standard_normal((2, 1, 12, 12)).astype(np.float32)
    np.savez(tmp_path / "in.npz", x=x)
    p = cli("run", tmp_path / "m.so", "--inputs", tmp_path / "in.npz", "--outputs", tmp_path / "out.npz")
    assert p.returncode == 0, p.stderr
    want = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"]).run(None, {"x": x})
    with np.load(tmp_path / "out.npz") as got:
        np.testing.assert_allclose(got["y"], want[0], rtol=RTOL, atol=ATOL)
    p = cli("inspect", tmp_path / "m.onnx")
    assert p.returncode == 0 and "ops: Add x1, Conv x2" in p.stdout and "unsupported: none" in p.stdout
    p = cli("inspect", tmp_path / "m.so")
    assert p.returncode == 0 and "input x: float32[2, 1, 12, 12]" in p.stdout
    p = cli("--help")
    assert p.returncode == 0 and "compile" in p.stdout and "examples:" in p.stdout


def test_cli_relative_output_path(tmp_path):
    # A bare file name is the current directory's (dlopen would search the
    # library path for it).
    onnx.save(make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [2])], ["y"]), tmp_path / "m.onnx")
    np.savez(tmp_path / "in.npz", x=np.array([-1, 2], np.float32))
    p = cli("compile", "m.onnx", "-o", "m.so", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    p = cli("run", "m.so", "--inputs", "in.npz", "--outputs", "out.npz", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    with np.load(tmp_path / "out.npz") as got:
        np.testing.assert_array_equal(got["y"], [0, 2])


def test_recompiling_to_the_same_path_loads_the_new_library(tmp_path):
    # dlopen hands back the library already loaded under a path; a model
    # compiled again to the same file must run as the new one.
    a = qnn.compile(make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [2])], ["y"]), tmp_path / "m.so")
    b = qnn.compile(make_model([helper.make_node("LeakyRelu", ["x"], ["y"], alpha=0.5)], [("x", [2])], ["y"]), tmp_path / "m.so")
    x = np.array([-1, 2], np.float32)
    np.testing.assert_array_equal(a.run({"x": x})["y"], [0, 2])
    np.testing.assert_array_equal(b.run({"x": x})["y"], [-0.5, 2])
    np.testing.assert_array_equal(qnn.load(tmp_path / "m.so").run({"x": x})["y"], [-0.5, 2])


def test_cli_errors(tmp_path):
    onnx.save(make_model([helper.make_node("Floor", ["x"], ["y"], name="f")], [("x", [2])], ["y"]),
              tmp_path / "bad.onnx")
    p = cli("compile", tmp_path / "bad.onnx", "-o", tmp_path / "bad.so")
    assert p.returncode == 1 and "node 'f' (Floor): op type Floor is not supported" in p.stderr
    assert not (tmp_path / "bad.so").exists()
    p = cli("inspect", tmp_path / "bad.onnx")
    assert p.returncode == 2 and "unsupported: Floor" in p.stdout
    p = cli("compile", tmp_path / "nope.onnx", "-o", tmp_path / "x.so")
    assert p.returncode == 1 and "no such file" in p.stderr
    model = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [2])], ["y"])
    onnx.save(model, tmp_path / "ok.onnx")
    assert cli("compile", tmp_path / "ok.onnx", "-o", tmp_path / "ok.so").returncode == 0
    np.savez(tmp_path / "wrong.npz", x=np.zeros(3, np.float32))
    p = cli("run", tmp_path / "ok.so", "--inputs", tmp_path / "wrong.npz")
    assert p.returncode == 1 and "input 'x' has shape (3,), the model expects (2,)" in p.stderr
    # Unwritable output paths: a clear error, no traceback, nothing written.
    nodir = tmp_path / "nodir"
    p = cli("compile", tmp_path / "ok.onnx", "-o", nodir / "ok.so")
    assert p.returncode == 1 and "No such file or directory" in p.stderr and "Traceback" not in p.stderr
    p = cli("compile", tmp_path / "ok.onnx", "-o", tmp_path / "ok2.so", "--emit-mlir", nodir / "x.mlir")
    assert p.returncode == 1 and "No such file or directory" in p.stderr and "Traceback" not in p.stderr
    assert not (tmp_path / "ok2.so").exists()
    np.savez(tmp_path / "in.npz", x=np.zeros(2, np.float32))
    p = cli("run", tmp_path / "ok.so", "--inputs", tmp_path / "in.npz", "--outputs", nodir / "o.npz")
    assert p.returncode == 1 and f"cannot write {nodir / 'o.npz'}" in p.stderr and "Traceback" not in p.stderr
    assert not nodir.exists()

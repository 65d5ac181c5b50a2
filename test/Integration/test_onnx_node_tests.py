"""The ONNX backend node tests of the quantization ops, from two sources:
Debian's libonnx-testdata (/usr/share/libonnx-testdata/data/node, opset
10/11 era; all 17 pass) and the larger set the PyPI onnx wheel generates from
onnx.backend.test.case (int16, int4, int2, blocked scales, output_dtype;
the wheel ships the generators, not the data). Each model is imported
with its quantization parameters and weights bound as constants (every
graph input after the first: qnn's types carry scales and zero points),
compiled, run on the test's input and compared exactly (values, shape and
dtype) with the expected output. The node tests qnn does not support must
fail with the importer's clear error, so that the lists below stay
honest."""

import glob
import os
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "python"))

onnx = pytest.importorskip("onnx")
from onnx import numpy_helper  # noqa: E402

import harness as H  # noqa: E402
import qnn  # noqa: E402

NODE_DIR = Path("/usr/share/libonnx-testdata/data/node")

PASSING = [
    "test_dequantizelinear", "test_dequantizelinear_axis", "test_quantizelinear",
    "test_quantizelinear_axis", "test_qlinearconv", "test_qlinearmatmul_2D", "test_qlinearmatmul_3D",
    "test_basic_convinteger", "test_convinteger_with_padding", "test_convinteger_without_padding",
    "test_matmulinteger", "test_dynamicquantizelinear", "test_dynamicquantizelinear_max_adjusted",
    "test_dynamicquantizelinear_min_adjusted",
    # the function-expanded forms: ReduceMin, ReduceMax, Min, Max, Sub, Div,
    # Clip, Round, Cast, and a QuantizeLinear with run-time parameters
    "test_dynamicquantizelinear_expanded", "test_dynamicquantizelinear_max_adjusted_expanded",
    "test_dynamicquantizelinear_min_adjusted_expanded",
]

pytestmark = [pytest.mark.skipif(not NODE_DIR.is_dir(), reason="libonnx-testdata not installed"),
              pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")]


def load_case(name):
    d = NODE_DIR / name
    model = onnx.load(str(d / "model.onnx"))
    data = d / "test_data_set_0"
    inputs = [numpy_helper.to_array(onnx.load_tensor(f)) for f in sorted(glob.glob(str(data / "input_*.pb")))]
    outputs = [numpy_helper.to_array(onnx.load_tensor(f)) for f in sorted(glob.glob(str(data / "output_*.pb")))]
    names = [i.name for i in model.graph.input]
    return model, dict(zip(names[1:], inputs[1:])), inputs[0], outputs


def test_every_quantization_node_test_is_listed():
    found = {os.path.basename(p) for p in glob.glob(str(NODE_DIR / "test_*"))
             if any(k in p.lower() for k in ("quantizelinear", "qlinear", "integer"))}
    assert found == set(PASSING)


@pytest.mark.parametrize("name", PASSING)
def test_node_test_matches_exactly(tmp_path, name):
    model, constants, x, want = load_case(name)
    lib = qnn.compile(model, tmp_path / "m.so", constants=constants)
    got = list(lib.run([x]).values())
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g.dtype == w.dtype and g.shape == w.shape
        np.testing.assert_array_equal(g, w)


# -- the PyPI onnx wheel's generated node tests ------------------------------
QUANT_OP_TYPES = {"QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear", "QLinearConv",
                  "QLinearMatMul", "ConvInteger", "MatMulInteger"}
WHEEL_PASSING = [
    "test_convinteger_with_padding", "test_convinteger_without_padding", "test_dequantizelinear",
    "test_dequantizelinear_axis", "test_dequantizelinear_blocked", "test_dequantizelinear_int16",
    "test_dequantizelinear_int2", "test_dequantizelinear_int4", "test_dequantizelinear_uint16",
    "test_dequantizelinear_uint2", "test_dequantizelinear_uint4", "test_dynamicquantizelinear",
    "test_dynamicquantizelinear_max_adjusted", "test_dynamicquantizelinear_min_adjusted",
    "test_matmulinteger", "test_qlinearconv", "test_qlinearmatmul_2D_int8_float32",
    "test_qlinearmatmul_2D_uint8_float32", "test_qlinearmatmul_3D_int8_float32",
    "test_qlinearmatmul_3D_uint8_float32", "test_quantizelinear", "test_quantizelinear_axis",
    "test_quantizelinear_blocked_asymmetric", "test_quantizelinear_blocked_symmetric",
    "test_quantizelinear_int16", "test_quantizelinear_int2", "test_quantizelinear_int4",
    "test_quantizelinear_uint16", "test_quantizelinear_uint2", "test_quantizelinear_uint4",
    "test_dynamicquantizelinear_expanded", "test_dynamicquantizelinear_max_adjusted_expanded",
    "test_dynamicquantizelinear_min_adjusted_expanded",
]
# float8, float4 and float16 quantization are out of qnn's scope (integer
# grids only, docs/onnx.md); each is refused by name.
_F8 = "element type FLOAT8E"
_F16 = "scale of dtype float16 is not supported"
WHEEL_UNSUPPORTED = {
    "test_dequantizelinear_e4m3fn": _F8, "test_dequantizelinear_e4m3fn_float16": _F8,
    "test_dequantizelinear_e4m3fn_zero_point": _F8, "test_dequantizelinear_e5m2": _F8,
    "test_dequantizelinear_float4e2m1": "element type FLOAT4E2M1",
    "test_qlinearmatmul_2D_int8_float16": _F16, "test_qlinearmatmul_2D_uint8_float16": _F16,
    "test_qlinearmatmul_3D_int8_float16": _F16, "test_qlinearmatmul_3D_uint8_float16": _F16,
    "test_quantizelinear_e4m3fn": "zero point of dtype float8_e4m3fn is not supported",
    "test_quantizelinear_e5m2": "zero point of dtype float8_e5m2 is not supported",
    "test_quantizelinear_float4e2m1": "zero point of dtype float4_e2m1fn is not supported",
}

_wheel_cases = None


def wheel_cases():
    """{name: TestCase} of the wheel's node tests of the quantization ops."""
    global _wheel_cases
    if _wheel_cases is None:
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the generators' own overflow warnings
            from onnx.backend.test.case.node import collect_testcases
            cases = collect_testcases()
        _wheel_cases = {c.name: c for c in cases
                        if any(n.op_type in QUANT_OP_TYPES for n in c.model.graph.node)
                        or c.name.startswith("test_dynamicquantizelinear")}
    return _wheel_cases


def wheel_case(name):
    c = wheel_cases()[name]
    ins, outs = c.data_sets[0]
    ins = [numpy_helper.to_array(a) if isinstance(a, onnx.TensorProto) else np.asarray(a) for a in ins]
    outs = [numpy_helper.to_array(a) if isinstance(a, onnx.TensorProto) else np.asarray(a) for a in outs]
    names = [i.name for i in c.model.graph.input]
    return c.model, dict(zip(names[1:], ins[1:])), ins[0], outs


_needs_generators = pytest.mark.skipif(
    not hasattr(__import__("onnx.backend.test.case.node", fromlist=["x"]), "collect_testcases"),
    reason="this onnx has no node test generators")


@_needs_generators
def test_every_wheel_quantization_node_test_is_listed():
    assert set(wheel_cases()) == set(WHEEL_PASSING) | set(WHEEL_UNSUPPORTED)


@_needs_generators
@pytest.mark.parametrize("name", WHEEL_PASSING)
def test_wheel_node_test_matches_exactly(tmp_path, name):
    model, constants, x, want = wheel_case(name)
    lib = qnn.compile(model, tmp_path / "m.so", constants=constants)
    got = list(lib.run([x]).values())
    assert len(got) == len(want)
    for g, w in zip(got, want):
        # 4- and 2-bit results come back in int8/uint8 carriers (docs/onnx.md)
        assert g.shape == w.shape
        assert g.dtype == qnn.runtime.carrier(str(w.dtype))
        np.testing.assert_array_equal(g, w.astype(g.dtype))


@_needs_generators
@pytest.mark.parametrize("name", sorted(WHEEL_UNSUPPORTED))
def test_unsupported_wheel_node_test_is_refused_by_name(name):
    model, constants, _, _ = wheel_case(name)
    with pytest.raises(qnn.UnsupportedModelError, match=WHEEL_UNSUPPORTED[name]):
        qnn.import_onnx(model, constants=constants)

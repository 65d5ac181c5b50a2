"""The ONNX backend node tests of the quantization ops (Debian's
libonnx-testdata, /usr/share/libonnx-testdata/data/node): each model is
imported with its quantization parameters and weights bound as constants
(every graph input after the first: qnn's types carry scales and zero
points), compiled, run on the test's input and compared exactly (values
and dtype) with the expected output. The node tests qnn cannot import yet
must fail with the importer's clear error, so that the list below stays
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
    "test_matmulinteger",
]
# Not supported yet (issue 5): run-time quantization parameters. Each must
# be refused by name.
UNSUPPORTED = {
    "test_dynamicquantizelinear": "op type DynamicQuantizeLinear is not supported",
    "test_dynamicquantizelinear_max_adjusted": "op type DynamicQuantizeLinear is not supported",
    "test_dynamicquantizelinear_min_adjusted": "op type DynamicQuantizeLinear is not supported",
    "test_dynamicquantizelinear_expanded": "op type ReduceMin is not supported",
    "test_dynamicquantizelinear_max_adjusted_expanded": "op type ReduceMin is not supported",
    "test_dynamicquantizelinear_min_adjusted_expanded": "op type ReduceMin is not supported",
}

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
    assert found == set(PASSING) | set(UNSUPPORTED)


@pytest.mark.parametrize("name", PASSING)
def test_node_test_matches_exactly(tmp_path, name):
    model, constants, x, want = load_case(name)
    lib = qnn.compile(model, tmp_path / "m.so", constants=constants)
    got = list(lib.run([x]).values())
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g.dtype == w.dtype and g.shape == w.shape
        np.testing.assert_array_equal(g, w)


@pytest.mark.parametrize("name", sorted(UNSUPPORTED))
def test_unsupported_node_test_is_refused_by_name(name):
    model, constants, _, _ = load_case(name)
    with pytest.raises(qnn.UnsupportedModelError, match=UNSUPPORTED[name]):
        qnn.import_onnx(model, constants=constants)

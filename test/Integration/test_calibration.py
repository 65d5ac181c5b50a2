"""The calibration runtime (libQNNCalibration.so) and driver (qnn.calibrate):
statistics checked against NumPy on the same values (min, max, moving
averages exactly; histogram counts against np.histogram on the final bin
grid, where a value on a bin edge may land one bin off after the range
grew); observers on a real model checked against onnxruntime's outputs
and the data; and the errors of the catalogue (NaN data, short data,
wrong names and shapes, broken or foreign statistics files)."""

import ctypes
import json
import os
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "python"))
sys.path.insert(0, str(ROOT / "examples" / "fashion_mnist"))

import harness as H  # noqa: E402
import qnn  # noqa: E402
from qnn import calibration as C  # noqa: E402

RUNTIME = Path(os.environ.get("QNN_CALIBRATION_LIB", ROOT / "build" / "lib" / "libQNNCalibration.so"))
pytestmark = pytest.mark.skipif(not RUNTIME.is_file() or not H.compiler_available(), reason="qnn not built")


def observe(rt, oid, values):
    a = np.ascontiguousarray(values, np.float32)
    rt.qnn_observe(ctypes.c_int64(oid), a.ctypes.data_as(ctypes.c_void_p), ctypes.c_int64(a.size))


def stats(rt, oid):
    s = C._Stats()
    assert rt.qnn_calib_get(oid, ctypes.byref(s)) == 0
    return s


def test_runtime_matches_numpy_as_the_range_grows():
    rt = C.runtime()
    rt.qnn_calib_reset()
    rt.qnn_calib_set_averaging(0.01)
    rng = np.random.default_rng(0)
    batches = [rng.standard_normal(5000) * (1 + i) + 0.3 * i for i in range(12)]
    for b in batches:
        observe(rt, 4, b)
    s = stats(rt, 4)
    flat = np.concatenate([np.float32(b).astype(np.float64) for b in batches])
    assert s.calls == 12 and s.count == flat.size and s.nonfinite == 0
    assert s.min == flat.min() and s.max == flat.max()
    avg_min, avg_max = None, None
    for b in batches:
        lo, hi = float(np.float32(b).min()), float(np.float32(b).max())
        avg_min = lo if avg_min is None else avg_min + 0.01 * (lo - avg_min)
        avg_max = hi if avg_max is None else avg_max + 0.01 * (hi - avg_max)
    assert s.avg_min == pytest.approx(avg_min, rel=1e-12) and s.avg_max == pytest.approx(avg_max, rel=1e-12)
    hist = np.array(s.hist)
    assert hist.sum() == flat.size
    assert s.hist_lo <= flat.min() and flat.max() <= s.hist_lo + C.BINS * s.hist_width
    idx = np.clip(np.floor((flat - s.hist_lo) / s.hist_width), 0, C.BINS - 1).astype(int)
    want = np.bincount(idx, minlength=C.BINS)
    assert np.abs(hist - want).sum() <= 2 * 1e-3 * flat.size
    # The grid only grew: the width is the first one times a power of two.
    first = (np.float32(batches[0]).max() - np.float32(batches[0]).min()) / C.BINS
    ratio = s.hist_width / first
    assert ratio >= 1 and abs(np.log2(ratio) - round(np.log2(ratio))) < 1e-9


def test_runtime_constant_start_nonfinite_and_ids():
    rt = C.runtime()
    rt.qnn_calib_reset()
    observe(rt, 1, np.full(10, 2.0))           # a constant first: no histogram yet
    assert stats(rt, 1).hist_width == 0
    observe(rt, 1, [0.0, 4.0, np.nan, np.inf])  # then a range; NaN and inf not counted
    s = stats(rt, 1)
    assert (s.min, s.max, s.count, s.nonfinite) == (0.0, 4.0, 12, 2)
    assert sum(s.hist) == 12 and s.hist[int((2.0 - s.hist_lo) / s.hist_width)] == 10
    observe(rt, 0, [1.0])
    assert rt.qnn_calib_num_observers() == 2
    assert [rt.qnn_calib_observer_id(i) for i in range(2)] == [1, 0]
    assert rt.qnn_calib_get(99, ctypes.byref(C._Stats())) == -1


onnx = pytest.importorskip("onnx")
train = pytest.importorskip("train")
needs_data = pytest.mark.skipif(not train.DATA.is_dir(), reason="dataset-fashion-mnist not installed")


@needs_data
def test_calibrate_resnet_tiny(tmp_path):
    ort = pytest.importorskip("onnxruntime")
    model_path = ROOT / "examples" / "fashion_mnist" / "resnet_tiny.onnx"
    x, _ = train.load("train")
    data = x[:250]
    doc = qnn.calibrate(model_path, {"image": data}, tmp_path / "stats.json", progress=False)
    assert doc["format"] == C.STATS_FORMAT and doc["version"] == C.STATS_VERSION
    assert doc["batches"] == 2 and doc["samples"] == 200 and doc["samples_given"] == 250
    obs = {o["name"]: o for o in doc["observers"]}
    assert [o["id"] for o in doc["observers"]] == list(range(len(doc["observers"])))
    # The input: the data itself.
    assert obs["image"]["min"] == float(data[:200].min()) and obs["image"]["max"] == float(data[:200].max())
    assert obs["image"]["count"] == data[:200].size
    # The logits: onnxruntime's.
    sess = ort.InferenceSession(str(model_path), providers=["CPUExecutionProvider"])
    logits = np.concatenate([sess.run(None, {"image": data[i:i + 100]})[0] for i in (0, 100)])
    assert obs["logits"]["min"] == pytest.approx(float(logits.min()), abs=1e-4)
    assert obs["logits"]["max"] == pytest.approx(float(logits.max()), abs=1e-4)
    # Every conv and relu of the model is observed, and ReLU outputs are >= 0.
    assert sum("Conv_output" in n for n in obs) == 6 and all(obs[n]["min"] >= 0 for n in obs if "Relu" in n)
    # The file reads back, and validates against the model's observers.
    _, observers = C.instrument(qnn.import_onnx(model_path)[0])
    assert qnn.load_stats(tmp_path / "stats.json", observers)["observers"] == doc["observers"]


def small_model():
    from onnx import TensorProto, helper, numpy_helper
    w = numpy_helper.from_array(np.ones((2, 3), np.float32), "w")
    g = helper.make_graph([helper.make_node("MatMul", ["x", "w"], ["m"]), helper.make_node("Relu", ["m"], ["y"])],
                          "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4, 2])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], [w])
    return helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])


def test_calibration_data_errors(tmp_path):
    m = small_model()
    x = np.random.default_rng(0).standard_normal((8, 2)).astype(np.float32)
    doc = qnn.calibrate(m, x, progress=False)                     # an array for a single input
    assert doc["batches"] == 2
    bad = x.copy()
    bad[5, 1] = np.nan
    with pytest.raises(qnn.CalibrationError, match=r"NaN or infinite values at 'x' \(observer 0\): the "
                                                   "calibration data holds them"):
        qnn.calibrate(m, bad, progress=False)
    bad = x.copy()
    bad[2, 0] = -np.inf
    with pytest.raises(qnn.CalibrationError, match=r"NaN or infinite values at 'x' \(observer 0\): the "
                                                   "calibration data holds them"):
        qnn.calibrate(m, bad, progress=False)
    with pytest.raises(qnn.CalibrationError, match="3 samples, fewer than the model's batch of 4"):
        qnn.calibrate(m, x[:3], progress=False)
    with pytest.raises(qnn.CalibrationError, match=r"no array for input\(s\) \['x'\]"):
        qnn.calibrate(m, {"image": x}, progress=False)
    with pytest.raises(qnn.CalibrationError, match=r"samples of shape \(3,\), the model takes \(2,\)"):
        qnn.calibrate(m, {"x": np.zeros((8, 3), np.float32)}, progress=False)


def test_stats_file_errors(tmp_path):
    m = small_model()
    x = np.random.default_rng(0).standard_normal((8, 2)).astype(np.float32)
    good = qnn.calibrate(m, x, tmp_path / "s.json", progress=False)
    _, observers = C.instrument(qnn.import_onnx(m)[0])

    def write(doc, name="b.json"):
        p = tmp_path / name
        p.write_text(doc if isinstance(doc, str) else json.dumps(doc))
        return p

    with pytest.raises(qnn.CalibrationError, match="no such statistics file"):
        qnn.load_stats(tmp_path / "missing.json")
    with pytest.raises(qnn.CalibrationError, match="not a JSON statistics file"):
        qnn.load_stats(write("{oops"))
    with pytest.raises(qnn.CalibrationError, match="not a qnn calibration statistics file"):
        qnn.load_stats(write({"observers": []}))
    with pytest.raises(qnn.CalibrationError, match="statistics format version 7; this qnn reads version 1"):
        qnn.load_stats(write(dict(good, version=7)))
    broken = json.loads(json.dumps(good))
    del broken["observers"][1]["max"]
    with pytest.raises(qnn.CalibrationError, match='observer #1: "max" is missing'):
        qnn.load_stats(write(broken))
    broken = json.loads(json.dumps(good))
    broken["observers"][0]["hist"] = [1, 2]
    with pytest.raises(qnn.CalibrationError, match=r"observer 0 \('x'\): the histogram must hold 2048"):
        qnn.load_stats(write(broken))
    broken = json.loads(json.dumps(good))
    broken["observers"][1]["id"] = 0
    with pytest.raises(qnn.CalibrationError, match="observer id 0 appears twice"):
        qnn.load_stats(write(broken))
    foreign = json.loads(json.dumps(good))
    foreign["observers"][1]["name"] = "conv9"
    with pytest.raises(qnn.CalibrationError, match=r"made for another model: observer 1 is 'conv9'"):
        qnn.load_stats(write(foreign), observers)
    assert qnn.load_stats(tmp_path / "s.json", observers)["samples"] == 8


def test_cli_calibrate(tmp_path):
    import os
    import subprocess
    onnx.save(small_model(), tmp_path / "m.onnx")
    np.savez(tmp_path / "d.npz", x=np.random.default_rng(0).standard_normal((12, 2)).astype(np.float32))
    env = dict(os.environ, PYTHONPATH=str(ROOT / "python"))
    p = subprocess.run([sys.executable, "-m", "qnn", "calibrate", tmp_path / "m.onnx", "--data", tmp_path / "d.npz",
                        "-o", tmp_path / "s.json", "--quiet"], capture_output=True, text=True, env=env)
    assert p.returncode == 0, p.stderr
    assert "3 observers, 12 samples in 3 batches" in p.stdout
    assert qnn.load_stats(tmp_path / "s.json")["samples"] == 12
    np.savez(tmp_path / "bad.npz", image=np.zeros((4, 2), np.float32))
    p = subprocess.run([sys.executable, "-m", "qnn", "calibrate", tmp_path / "m.onnx", "--data", tmp_path / "bad.npz",
                        "-o", tmp_path / "t.json", "--quiet"], capture_output=True, text=True, env=env)
    assert p.returncode == 1 and "no array for input(s) ['x']" in p.stderr
    assert not (tmp_path / "t.json").exists()

"""Post-training quantization (qnn-quantize, qnn.quantize): the range
methods against an independent NumPy implementation of docs/quantization.md
(the quantized input's scale and zero point), the weight options, the
committed Fashion-MNIST models end to end (top-1 on test images next to
fp32), the CLI, and the errors."""

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "python"))
sys.path.insert(0, str(ROOT / "examples" / "fashion_mnist"))

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

import harness as H  # noqa: E402
import qnn  # noqa: E402

pytestmark = pytest.mark.skipif(not H.compiler_available(), reason="qnn not built")
BINS = 2048


# -- an independent NumPy implementation of the range methods -------------------

def np_range(o, method, levels=256, percentile=99.99):
    h = np.array(o["hist"], np.float64)
    lo, w = o["hist_lo"], o["hist_width"]
    centers = lo + (np.arange(h.size) + 0.5) * w
    mn, mx = o["min"], o["max"]
    if method == "minmax":
        a, b = mn, mx
    elif method == "moving-average":
        a, b = o["avg_min"], o["avg_max"]
    elif method == "percentile":
        def q(frac):
            cum = np.cumsum(h)
            t = frac * h.sum()
            i = int(np.argmax((cum >= t) & (h > 0)))
            before = cum[i] - h[i]
            return lo + (i + (t - before) / h[i]) * w
        keep = percentile / 100
        a, b = max(mn, q(1 - keep)), min(mx, q(keep))
    elif method == "entropy":
        amax = max(abs(mn), abs(mx))
        f = np.zeros(h.size)
        np.add.at(f, np.minimum((np.abs(centers) / amax * h.size).astype(int), h.size - 1), h)
        f[0] = f[1]
        lv = levels if (mn >= 0 or mx <= 0) else levels // 2
        best, best_kl = h.size, np.inf
        for i in range(lv, h.size + 1):
            p = f[:i].copy()
            p[-1] += f[i:].sum()
            qd = np.zeros(i)
            merged = i / lv
            for k in range(lv):
                s0 = int(np.floor(k * merged))
                s1 = i if k + 1 == lv else int(np.floor((k + 1) * merged))
                seg = f[s0:s1]
                nz = seg != 0
                if nz.any():
                    qd[s0:s1][nz] = seg.sum() / nz.sum()
            m = p > 0
            pj = p[m] / p.sum()
            qj = np.where(qd[m] > 0, qd[m] / qd.sum(), 1e-12)
            kl = float((pj * np.log(pj / qj)).sum())
            if kl < best_kl:
                best_kl, best = kl, i
        t = best / h.size * amax
        a, b = max(mn, -t), min(mx, t)
    elif method == "mse":
        lo0, hi0 = min(mn, 0.0), max(mx, 0.0)
        best, best_err = (lo0, hi0), np.inf
        for k in range(1, 101):
            a_, b_ = lo0 * k / 100, hi0 * k / 100
            s = (b_ - a_) / (levels - 1)
            err = np.where(centers < a_, (centers - a_) ** 2, np.where(centers > b_, (centers - b_) ** 2, s * s / 12))
            e = float((h * err).sum())
            if e < best_err:
                best_err, best = e, (a_, b_)
        a, b = best
    return min(a, 0.0), max(b, 0.0)


def np_params(a, b, qmin=0, qmax=255):
    scale = float(np.float32((b - a) / (qmax - qmin)))
    return scale, int(np.clip(np.rint(qmin - a / scale), qmin, qmax))


def stats_doc(values, shape, name="x", oid=0):
    """A statistics document for one observer over `values`, as the runtime
    would collect them in one call."""
    v = np.asarray(values, np.float64)
    lo, hi = float(v.min()), float(v.max())
    width = (hi - lo) / BINS
    if width == 0:   # one value: no histogram yet (as the runtime)
        hist = np.zeros(BINS, np.int64)
    else:
        idx = np.clip(np.floor((v - lo) / width), 0, BINS - 1).astype(int)
        hist = np.bincount(idx, minlength=BINS)
    return {"id": oid, "name": name, "shape": shape, "batches": 1, "count": int(v.size), "nonfinite": 0,
            "min": lo, "max": hi, "avg_min": lo * 0.9, "avg_max": hi * 0.8, "hist_lo": lo, "hist_width": width,
            "hist": hist.tolist()}


MODULE = """func.func @m(%x: tensor<1x1000xf32> loc("x")) -> tensor<1x1000xf32> {
  %o = qnn.observe %x {id = 0 : i64, name = "x"} : tensor<1x1000xf32>
  %s = tosa.sub %o, %o : (tensor<1x1000xf32>, tensor<1x1000xf32>) -> tensor<1x1000xf32>
  %q = qnn.observe %s {id = 1 : i64, name = "s"} : tensor<1x1000xf32>
  %a = tosa.add %q, %o : (tensor<1x1000xf32>, tensor<1x1000xf32>) -> tensor<1x1000xf32>
  %r = qnn.observe %a {id = 2 : i64, name = "a"} : tensor<1x1000xf32>
  return %r : tensor<1x1000xf32>
}
"""
QUANT_RE = re.compile(r"qnn\.quantize %arg0 : tensor<1x1000xf32> -> tensor<1x1000x!quant\.uniform<u8:f32, "
                      r"([0-9.eE+-]+)(?::(-?\d+))?>>")

DATASETS = {
    "gaussian_with_outliers": lambda rng: np.concatenate([rng.standard_normal(50000), [9.0, -7.5, 12.0]]),
    "relu_like": lambda rng: np.maximum(rng.standard_normal(50000) * 2, 0),
    "skewed": lambda rng: rng.exponential(1.0, 50000) - 0.5,
}


@pytest.mark.parametrize("method", ["minmax", "moving-average", "percentile", "entropy", "mse"])
@pytest.mark.parametrize("data", sorted(DATASETS))
def test_range_method_matches_numpy(tmp_path, method, data):
    values = DATASETS[data](np.random.default_rng(7))
    obs = [stats_doc(values, [1, 1000]), stats_doc(values * 0, [1, 1000], "s", 1),
           stats_doc(values, [1, 1000], "a", 2)]
    doc = {"format": "qnn-calibration-stats", "version": 1, "bins": BINS, "observers": obs}
    (tmp_path / "s.json").write_text(json.dumps(doc))
    p = subprocess.run([H.QNN_OPT, f"--qnn-quantize=stats={tmp_path / 's.json'} method={method}", "-"],
                       input=MODULE, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    m = QUANT_RE.search(p.stdout)
    assert m, p.stdout
    got_scale, got_zp = float(m.group(1)), int(m.group(2) or 0)
    want_scale, want_zp = np_params(*np_range(obs[0], method))
    assert got_scale == pytest.approx(want_scale, rel=1e-6)
    assert got_zp == want_zp


def test_weight_options_and_stochastic_rounding(tmp_path):
    rng = np.random.default_rng(3)
    w = numpy_helper.from_array((rng.standard_normal((4, 3, 3, 3)) * 0.3).astype(np.float32), "w")
    g = helper.make_graph([helper.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1]),
                           helper.make_node("Relu", ["c"], ["y"])], "g",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3, 6, 6])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], [w])
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])
    x = rng.standard_normal((8, 3, 6, 6)).astype(np.float32)
    want = qnn.compile(model, tmp_path / "f.so").run({"x": x[:2]})["y"]
    texts = {}
    for name, kw in {"per_channel": {}, "per_tensor": {"weight_granularity": "per-tensor"},
                     "asymmetric": {"weight_range": "asymmetric"}, "i8": {"activation_type": "i8"},
                     "sr1": {"stochastic_rounding_seed": 1}, "sr1b": {"stochastic_rounding_seed": 1},
                     "sr2": {"stochastic_rounding_seed": 2}}.items():
        lib = qnn.quantize(model, x, tmp_path / f"{name}.so", mlir_output=tmp_path / f"{name}.mlir",
                           progress=False, **kw)
        texts[name] = (tmp_path / f"{name}.mlir").read_text()
        got = lib.run({"x": x[:2]})["y"]
        # Within a few output steps of float (output range / 255 per step);
        # stochastic rounding is unbiased but noisier.
        steps = 8 if name.startswith("sr") else 4
        assert np.abs(got - want).max() <= steps * (want.max() / 255) + 1e-6, name
    assert "f32:0, {" in texts["per_channel"] and "f32:0, {" not in texts["per_tensor"]
    assert "i8:f32" in texts["i8"] and "u8:f32" not in texts["i8"]
    assert re.search(r"i8:f32:0, \{[^}]*:-?[1-9]\d*", texts["asymmetric"])  # nonzero zero points
    assert texts["sr1"] == texts["sr1b"] and texts["sr1"] != texts["sr2"]


train = pytest.importorskip("train")


@pytest.mark.skipif(not train.DATA.is_dir(), reason="dataset-fashion-mnist not installed")
@pytest.mark.parametrize("name,method", [("resnet_tiny", "minmax"), ("mobilenet_tiny", "percentile"),
                                         ("mobilenet_tiny", "entropy")])
def test_fashion_mnist_int8_close_to_fp32(tmp_path, name, method):
    model = ROOT / "examples" / "fashion_mnist" / f"{name}.onnx"
    xtr, _ = train.load("train")
    x, y = train.load("test")
    lib = qnn.quantize(model, {"image": xtr[:500]}, tmp_path / "q.so", method=method,
                       mlir_output=tmp_path / "q.mlir", progress=False)
    mlir = (tmp_path / "q.mlir").read_text()
    assert "tosa.conv2d" not in mlir and "tosa.depthwise_conv2d" not in mlir and "tosa.matmul" not in mlir
    flib = qnn.compile(model, tmp_path / "f.so")
    n = 2000
    pq = np.concatenate([lib.run({"image": x[i:i + 100]})["logits"].argmax(1) for i in range(0, n, 100)])
    pf = np.concatenate([flib.run({"image": x[i:i + 100]})["logits"].argmax(1) for i in range(0, n, 100)])
    top_q, top_f = float((pq == y[:n]).mean()), float((pf == y[:n]).mean())
    print(f"{name} {method}: int8 top-1 {top_q:.4f}, fp32 {top_f:.4f} on {n} test images")
    assert top_q >= top_f - 0.01


def test_cli_quantize_and_foreign_stats(tmp_path):
    import os
    rng = np.random.default_rng(0)
    w = numpy_helper.from_array(rng.standard_normal((3, 4)).astype(np.float32), "w")
    g = helper.make_graph([helper.make_node("MatMul", ["x", "w"], ["y"])], "g",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], [w])
    onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)]), tmp_path / "m.onnx")
    np.savez(tmp_path / "d.npz", x=rng.standard_normal((10, 3)).astype(np.float32))
    env = dict(os.environ, PYTHONPATH=str(ROOT / "python"))
    run = lambda *a: subprocess.run([sys.executable, "-m", "qnn", *map(str, a)], capture_output=True,  # noqa: E731
                                    text=True, env=env)
    p = run("quantize", tmp_path / "m.onnx", "--calibration", tmp_path / "d.npz", "--method", "mse", "-o",
            tmp_path / "q.so", "--quiet", "--emit-mlir", tmp_path / "q.mlir")
    assert p.returncode == 0, p.stderr
    assert "qnn.fully_connected" in (tmp_path / "q.mlir").read_text()
    x = np.load(tmp_path / "d.npz")["x"][:2]
    got = qnn.load(tmp_path / "q.so").run({"x": x})["y"]
    np.testing.assert_allclose(got, x @ numpy_helper.to_array(w), atol=0.1)
    # Statistics of another model: the error names the observer.
    g2 = helper.make_graph([helper.make_node("Relu", ["z"], ["y"])], "g",
                           [helper.make_tensor_value_info("z", TensorProto.FLOAT, [2, 3])],
                           [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)])
    onnx.save(helper.make_model(g2, opset_imports=[helper.make_opsetid("", 17)]), tmp_path / "other.onnx")
    p = run("quantize", tmp_path / "other.onnx", "--stats", tmp_path / "q.so.stats.json", "-o", tmp_path / "o.so")
    assert p.returncode == 1 and "was made for another model: observer 0 is 'x' [2, 3] there, 'z' [2, 3] here" \
        in p.stderr, p.stderr
    assert not (tmp_path / "o.so").exists()
    p = run("quantize", tmp_path / "m.onnx", "-o", tmp_path / "o.so")
    assert p.returncode == 1 and "give --calibration DATA.npz" in p.stderr


@pytest.mark.skipif(not train.DATA.is_dir(), reason="dataset-fashion-mnist not installed")
def test_layer_report(tmp_path):
    pytest.importorskip("matplotlib")
    from qnn import quantization
    model = ROOT / "examples" / "fashion_mnist" / "resnet_tiny.onnx"
    xtr, _ = train.load("train")
    lib = qnn.quantize(model, {"image": xtr[:200]}, tmp_path / "q.so", progress=False)
    rows = quantization.layer_report(model, {"image": xtr[:200]}, str(tmp_path / "q.so.stats.json"),
                                     tmp_path / "report", max_batches=2)
    names = [r["name"] for r in rows]
    assert "logits" in names and "image" not in names and len(rows) >= 10
    assert all(20 < r["sqnr_db"] < 60 for r in rows)
    assert (tmp_path / "report" / "layers.png").stat().st_size > 10000
    assert "| 18 | `logits` |" in (tmp_path / "report" / "layers.md").read_text()
    # The logits row, independently: the float and the int8 libraries on the
    # same two batches.
    flib = qnn.compile(model, tmp_path / "f.so")
    f = np.concatenate([flib.run({"image": xtr[i:i + 100]})["logits"] for i in (0, 100)]).astype(np.float64)
    q = np.concatenate([lib.run({"image": xtr[i:i + 100]})["logits"] for i in (0, 100)]).astype(np.float64)
    want = 10 * np.log10((f * f).sum() / ((f - q) ** 2).sum())
    assert rows[names.index("logits")]["sqnr_db"] == pytest.approx(want, abs=0.01)


def dyn_fc_reference(x, w, b):
    """Dynamic quantization of x @ w + b as docs/quantization.md specifies
    it: x to u8 over [min(x, 0), max(x, 0)] with DynamicQuantizeLinear's
    formula, w per column, symmetric, narrow range; y = f32(acc - zp *
    colsum) * (s_x * s_w) + b, in f32."""
    x = x.astype(np.float32)
    lo, hi = np.float32(min(0, x.min())), np.float32(max(0, x.max()))
    s = np.float32(1.0) if hi == lo else np.float32(hi - lo) / np.float32(255)
    zp = np.float32(np.rint(np.clip(np.float32(0) - lo / s, 0, 255)))
    xq = np.clip(np.rint(x / s) + zp, 0, 255).astype(np.int64)
    sw = np.array([np.float32(np.abs(w[:, n]).max() / 127.0) for n in range(w.shape[1])], np.float32)
    wq = np.clip(np.rint(w / sw.astype(np.float64)), -127, 127).astype(np.int64)
    acc = xq @ wq - int(zp) * wq.sum(0)
    return (acc.astype(np.float32) * (s * sw)).astype(np.float32) + b


def test_dynamic_mode_matches_reference_exactly(tmp_path):
    rng = np.random.default_rng(11)
    w1, b1 = rng.standard_normal((16, 32)).astype(np.float32), rng.standard_normal(32).astype(np.float32)
    w2 = rng.standard_normal((32, 10)).astype(np.float32)
    nodes = [helper.make_node("Gemm", ["x", "w1", "b1"], ["h"]), helper.make_node("Relu", ["h"], ["r"]),
             helper.make_node("MatMul", ["r", "w2"], ["y"])]
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4, 16])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
                          [numpy_helper.from_array(w1, "w1"), numpy_helper.from_array(b1, "b1"),
                           numpy_helper.from_array(w2, "w2")])
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])
    lib = qnn.quantize(model, None, tmp_path / "d.so", mode="dynamic", mlir_output=tmp_path / "d.mlir")
    mlir = (tmp_path / "d.mlir").read_text()
    assert mlir.count("qnn.fully_connected") == 2 and "tosa.matmul" not in mlir
    for seed in range(3):
        x = np.random.default_rng(seed).standard_normal((4, 16)).astype(np.float32) * (seed + 1)
        want = dyn_fc_reference(np.maximum(dyn_fc_reference(x, w1, b1), 0), w2, np.zeros(10, np.float32))
        np.testing.assert_array_equal(lib.run({"x": x})["y"], want)


@pytest.mark.skipif(not train.DATA.is_dir(), reason="dataset-fashion-mnist not installed")
def test_weight_bits_and_layer_bits(tmp_path):
    model = ROOT / "examples" / "fashion_mnist" / "resnet_tiny.onnx"
    xtr, _ = train.load("train")
    x, y = train.load("test")
    stats = tmp_path / "s.json"
    qnn.calibrate(model, {"image": xtr[:300]}, stats, progress=False)

    def top1(lib):
        p = np.concatenate([lib.run({"image": x[i:i + 100]})["logits"].argmax(1) for i in range(0, 2000, 100)])
        return float((p == y[:2000]).mean())
    q8 = top1(qnn.quantize(model, None, tmp_path / "w8.so", stats=stats))
    q4 = top1(qnn.quantize(model, None, tmp_path / "w4.so", stats=stats, weight_bits=4,
                           mlir_output=tmp_path / "w4.mlir"))
    w4 = (tmp_path / "w4.mlir").read_text()
    assert "i4<-7:7>" in w4 and "i8<-127:127>" not in w4
    # 4-bit weights lose some accuracy, not all of it (measured: 89.3% on
    # the full test set against 91.6% at 8 bits).
    assert 0.85 < q4 < q8
    lib = qnn.quantize(model, None, tmp_path / "mix.so", stats=stats, weight_bits=4,
                       layer_bits={"logits": 32, "/0/Conv_output_0": 8}, mlir_output=tmp_path / "mix.mlir")
    mix = (tmp_path / "mix.mlir").read_text()
    assert "tosa.matmul" in mix and "qnn.fully_connected" not in mix   # the classifier kept float
    assert mix.count("i8<-127:127>") >= 1                              # the first conv at 8 bits
    assert top1(lib) >= q4 - 0.01

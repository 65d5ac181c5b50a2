"""Mixed precision (docs/mixed-precision.md): the weight quantizer's new
options (mse clipping, binary weights, bias correction) against NumPy, the
calibrated channel means, the assignment against a brute-force search over
every assignment, the analytic metric against NumPy, the profile, the CLI,
and the Fashion-MNIST models end to end."""

import itertools
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
from qnn import precision  # noqa: E402
from qnn.onnx_import import import_onnx  # noqa: E402
from qnn.quantization import quantize_mlir  # noqa: E402

pytestmark = pytest.mark.skipif(not H.compiler_available(), reason="qnn not built")


def conv_model(rng, shapes=((6, 3), (8, 6), (4, 8)), size=6, batch=4):
    """Convs (3x3, padding 1) with ReLUs; weights N(0, 0.3) with a few
    outliers; returns the model and its weights (OIHW)."""
    nodes, inits, weights, prev = [], [], [], "x"
    for i, (o, c) in enumerate(shapes):
        w = (rng.standard_normal((o, c, 3, 3)) * 0.3).astype(np.float32)
        w.flat[rng.integers(0, w.size, 3)] *= 4  # outliers: clipping pays off
        b = (rng.standard_normal(o) * 0.1).astype(np.float32)
        weights.append(w)
        inits += [numpy_helper.from_array(w, f"w{i}"), numpy_helper.from_array(b, f"b{i}")]
        nodes += [helper.make_node("Conv", [prev, f"w{i}", f"b{i}"], [f"c{i}"], pads=[1, 1, 1, 1]),
                  helper.make_node("Relu", [f"c{i}"], [f"r{i}"])]
        prev = f"r{i}"
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT,
                                                                     [batch, shapes[0][1], size, size])],
                          [helper.make_tensor_value_info(prev, TensorProto.FLOAT, None)], inits)
    return helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)]), weights


def per_axis_scales(text, ctype):
    """The per-channel scales of the quantized weight type whose container is `ctype`."""
    m = re.search(r"(?:qnn\.container_cast|quant\.scast) %\S+ : tensor<" + re.escape(ctype)
                  + r"> to tensor<[^!]*!quant\.uniform<.*?:f32:\d, \{([^}]*)\}", text)
    assert m, f"no quantized weight of {ctype}"
    return np.array([float(v.split(":")[0]) for v in m.group(1).split(",")])


def np_mse_scales(w_ohwi, bits):
    """Symmetric per-channel scales with the clipping fraction r in 1.00,
    0.99, ..., 0.20 of max|w| whose round-to-nearest error is least (the
    first on ties), independently of the compiler."""
    top = 2 ** (bits - 1) - 1
    out = []
    for ch in w_ohwi.reshape(w_ohwi.shape[0], -1).astype(np.float64):
        best, best_err = None, None
        for step in range(81):
            m = np.abs(ch).max() * (1.0 - 0.01 * step)
            s = float(np.float32(m / top)) if m > 0 else 1.0
            err = ((ch - np.clip(np.round(ch / s), -top, top) * s) ** 2).sum()
            if best_err is None or err < best_err:
                best, best_err = s, err
        out.append(best)
    return np.array(out)


def test_mse_scales_and_binary_weights_match_numpy(tmp_path):
    rng = np.random.default_rng(0)
    model, weights = conv_model(rng, shapes=((6, 3),))
    x = rng.standard_normal((8, 3, 6, 6)).astype(np.float32)
    w = weights[0].transpose(0, 2, 3, 1)  # OHWI, as the importer lays it out
    for bits in (4, 3):
        qnn.quantize(model, x, tmp_path / f"m{bits}.so", weight_bits=bits, weight_scale="mse",
                     mlir_output=tmp_path / f"m{bits}.mlir", progress=False)
        got = per_axis_scales((tmp_path / f"m{bits}.mlir").read_text(), "6x3x3x3xi8")
        want = np_mse_scales(w, bits)
        np.testing.assert_allclose(got, want, rtol=1e-6)
        # The outliers make clipping pay off somewhere.
        assert (got < np.abs(w).reshape(6, -1).max(1) / (2 ** (bits - 1) - 1) * 0.999).any()
    qnn.quantize(model, x, tmp_path / "b.so", weight_bits=1, mlir_output=tmp_path / "b.mlir", progress=False)
    text = (tmp_path / "b.mlir").read_text()
    np.testing.assert_allclose(per_axis_scales(text, "6x3x3x3xi8"),
                               np.abs(w).reshape(6, -1).mean(1).astype(np.float32), rtol=1e-6)
    m = re.search(r"arith\.constant dense<\"0x([0-9A-F]+)\"> : tensor<6x3x3x3xi8>", text)
    q = np.frombuffer(bytes.fromhex(m.group(1)), np.int8).reshape(w.shape)
    np.testing.assert_array_equal(q, np.where(w < 0, -1, 1))
    assert "i2<-1:1>" in text


@pytest.mark.parametrize("bits,weight_range", [(4, "symmetric"), (2, "symmetric"), (1, "symmetric"),
                                               (3, "asymmetric"), (7, "asymmetric"), ("4t", "symmetric"),
                                               ("1t", "symmetric"), ("3t", "asymmetric")])
def test_narrow_weights_run_on_the_kernels_bit_exactly(tmp_path, bits, weight_range):
    # Weights below 8 bits (qnn.container_cast of bytes; asymmetric ones
    # re-centred to zero point 0, one bit wider) take the optimized kernels,
    # with the reference lowering's results exactly. A depthwise layer and a
    # fully connected one too.
    # "4t": every layer at 4 bits with one scale for the tensor (layer_bits).
    per_tensor = str(bits).endswith("t")
    nbits = int(str(bits).rstrip("t"))
    rng = np.random.default_rng(nbits + 10 * per_tensor)
    w1 = (rng.standard_normal((8, 3, 3, 3)) * 0.3).astype(np.float32)
    wd = (rng.standard_normal((8, 1, 3, 3)) * 0.3).astype(np.float32)
    g_w = (rng.standard_normal((5, 8)) * 0.5).astype(np.float32)
    g = helper.make_graph(
        [helper.make_node("Conv", ["x", "w1"], ["c"], pads=[1, 1, 1, 1]), helper.make_node("Relu", ["c"], ["r"]),
         helper.make_node("Conv", ["r", "wd"], ["d"], pads=[1, 1, 1, 1], group=8),
         helper.make_node("Relu", ["d"], ["rd"]),
         helper.make_node("GlobalAveragePool", ["rd"], ["p"]), helper.make_node("Flatten", ["p"], ["f"]),
         helper.make_node("Gemm", ["f", "gw"], ["y"], transB=1)], "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4, 3, 8, 8])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
        [numpy_helper.from_array(w1, "w1"), numpy_helper.from_array(wd, "wd"), numpy_helper.from_array(g_w, "gw")])
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])
    x = rng.standard_normal((8, 3, 8, 8)).astype(np.float32)
    stats = tmp_path / "s.json"
    qnn.calibrate(model, x, stats, progress=False)
    outs = {}
    for kernels in ("auto", "reference"):
        lib = qnn.quantize(model, None, tmp_path / f"{kernels}.so", stats=stats, weight_bits=nbits,
                           layer_bits={lay["name"]: bits for lay in precision.layers(model)} if per_tensor
                           else None,
                           weight_range=weight_range, kernels=kernels, mlir_output=tmp_path / f"{kernels}.mlir",
                           progress=False)
        outs[kernels] = np.concatenate([lib.run({"x": x[i:i + 4]})["y"] for i in (0, 4)])
    text = (tmp_path / "auto.mlir").read_text()
    width = max(nbits, 2) + (weight_range == "asymmetric")
    assert f"i{width}<" in text and ("qnn.container_cast" in text) == (width < 8)
    if per_tensor:  # one scale, zero point 0, on all three layers
        assert len(set(re.findall(rf"i{width}<-?\d+:\d+>:f32, [0-9.e+-]+>", text))) == 3
        assert not re.search(r"i\d<[^>]*>:f32:\d, \{", text)
    else:
        assert "f32:0, {" in text and not re.search(r"i\d<[^>]*>:f32:0, \{[^}]*:", text)  # zero points 0
    np.testing.assert_array_equal(outs["auto"], outs["reference"])
    # And kernels take every quantized layer (on a VNNI CPU, as here).
    p = subprocess.run([qnn.find_tool("qnn-opt"), str(tmp_path / "auto.mlir"),
                        "--qnn-select-kernels=target-features=+avx512f,+avx512bw,+avx512vnni"],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    for op in ("qnn.conv2d", "qnn.depthwise_conv2d", "qnn.fully_connected"):
        line = next(ln for ln in p.stdout.splitlines() if op + " " in ln)
        assert "qnn.kernel" in line, line


def test_channel_means_and_bias_correction(tmp_path):
    rng = np.random.default_rng(1)
    model, _ = conv_model(rng, shapes=((6, 3), (8, 6)))
    # The first ReLU's output is also a model output, to compare with.
    model.graph.output.append(helper.make_tensor_value_info("r0", TensorProto.FLOAT, None))
    x = rng.standard_normal((40, 3, 6, 6)).astype(np.float32)
    stats = tmp_path / "s.json"
    doc = qnn.calibrate(model, x, stats, progress=False)
    flib = qnn.compile(model, tmp_path / "f.so")
    outs = [flib.run({"x": x[i:i + 4]}) for i in range(0, 40, 4)]
    r0 = np.concatenate([o["r0"] for o in outs])
    obs = next(o for o in doc["observers"] if o["name"] == "r0")
    np.testing.assert_allclose(obs["channel_mean"], r0.mean(axis=(0, 2, 3)), rtol=1e-5, atol=1e-7)
    assert qnn.load_stats(stats)  # the field validates
    # At 2 bits, the second conv's rounding shifts its mean output; bias
    # correction takes the shift out (measured on the calibration data).
    want = np.concatenate([o["r1"] for o in outs])
    shift = {}
    for bc in (False, True):
        lib = qnn.quantize(model, None, tmp_path / f"bc{bc}.so", stats=stats, weight_bits=2,
                           layer_bits={"r0": 8}, bias_correction=bc, progress=False)
        got = np.concatenate([lib.run({"x": x[i:i + 4]})["r1"] for i in range(0, 40, 4)])
        shift[bc] = np.abs((got - want).mean(axis=(0, 2, 3))).mean()
    assert shift[True] < 0.5 * shift[False], shift
    bad = json.loads(stats.read_text())
    bad["observers"][1]["channel_mean"] = [0.0]
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    with pytest.raises(qnn.CalibrationError, match="channel_mean"):
        qnn.load_stats(tmp_path / "bad.json")
    with pytest.raises(qnn.CompileError, match="channel_mean"):
        qnn.quantize(model, None, tmp_path / "x.so", stats=tmp_path / "bad.json", progress=False)


def test_bias_correction_reaches_a_classifier_after_global_pooling(tmp_path):
    # Conv -> GlobalAveragePool -> Flatten -> Gemm: the classifier's input
    # comes through the importer's transpose [N, 1, 1, C] -> [N, C, 1, 1]
    # and reshape, which keep the channels; its bias is corrected.
    rng = np.random.default_rng(6)
    w = (rng.standard_normal((8, 3, 3, 3)) * 0.3).astype(np.float32)
    g_w = (rng.standard_normal((5, 8)) * 0.5).astype(np.float32)
    g = helper.make_graph(
        [helper.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1]), helper.make_node("Relu", ["c"], ["r"]),
         helper.make_node("GlobalAveragePool", ["r"], ["p"]), helper.make_node("Flatten", ["p"], ["f"]),
         helper.make_node("Gemm", ["f", "gw", "gb"], ["y"], transB=1)], "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4, 3, 6, 6])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
        [numpy_helper.from_array(w, "w"), numpy_helper.from_array(g_w, "gw"),
         numpy_helper.from_array(np.zeros(5, np.float32), "gb")])
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])
    x = rng.standard_normal((16, 3, 6, 6)).astype(np.float32)
    stats = tmp_path / "s.json"
    qnn.calibrate(model, x, stats, progress=False)
    texts = {}
    for bc in (False, True):
        qnn.quantize(model, None, tmp_path / f"m{bc}.so", stats=stats, weight_bits=2, bias_correction=bc,
                     mlir_output=tmp_path / f"m{bc}.mlir", progress=False)
        texts[bc] = re.findall(r"arith\.constant dense<[^>]*> : tensor<5xi32>", (tmp_path / f"m{bc}.mlir").read_text())
    assert len(texts[False]) == 1 and len(texts[True]) == 1
    assert texts[False] != texts[True]


def fake_profile(names, widths, rng, latency=True):
    base = {"nsr": 0.001, "kl": 0.0005, "latency_us": 1000.0}
    layers = {}
    for n in names:
        layers[n] = {}
        for b in widths:
            nb = int(str(b).rstrip("t"))  # "4t": 4 bits, one scale per tensor
            noise = 0.0 if nb == 32 else rng.uniform(0.2, 2.0) * 4.0 ** (4 - min(nb, 8))
            p = {"nsr": base["nsr"] + noise * 1e-3, "kl": base["kl"] + noise * 3e-4 * rng.uniform(0.5, 2)}
            if b == 32:
                p["nsr"], p["kl"] = base["nsr"] * rng.uniform(0.8, 1), base["kl"] * rng.uniform(0.8, 1)
            if latency:
                p["latency_us"] = base["latency_us"] + (rng.uniform(5, 60) if b == 32 else 0.0)
            layers[n][str(b)] = p
    return {"format": "qnn-precision-profile", "version": 1, "base": base, "layers": layers}


def test_assignment_is_the_brute_force_optimum(tmp_path):
    rng = np.random.default_rng(2)
    model, _ = conv_model(rng, shapes=((6, 3), (8, 6), (8, 8), (4, 8)))
    widths = [32, 8, 4, "4t", 2, 1, "1t"]
    table = precision.layers(model, widths)
    names = [lay["name"] for lay in table]
    assert len(names) == 4
    # Binary is refused on the first and last layers, by rule.
    assert [1 in [c["bits"] for c in lay["choices"]] for lay in table] == [False, True, True, False]
    assert ["1t" in [c["bits"] for c in lay["choices"]] for lay in table] == [False, True, True, False]
    # One 4-byte scale instead of one per channel.
    for lay in table:
        by = {c["bits"]: c["bytes"] for c in lay["choices"]}
        assert by[4] - by["4t"] == 4 * (lay["shape"][0] - 1)
    prof = fake_profile(names, widths, rng)
    (tmp_path / "p.json").write_text(json.dumps(prof))
    options = [[(c["bits"], c["bytes"]) for c in lay["choices"]] for lay in table]
    int8 = sum(dict(o)[8] for o in options)
    checked = 0
    for metric, key in (("sqnr", "nsr"), ("loss", "kl")):
        for ratio in (0.3, 0.45, 0.6, 0.8, 1.0, 1.5):
            budget = int(np.floor(ratio * int8))
            rep = qnn.assign_precision(model, tmp_path / f"r_{metric}_{ratio}",
                                       {"budget-ratio": ratio, "metric": metric, "profile": tmp_path / "p.json",
                                        "candidates": ",".join(map(str, widths))})
            best = None
            for combo in itertools.product(*options):
                size = sum(c[1] for c in combo)
                if size > budget:
                    continue
                cost = sum(prof["layers"][n][str(c[0])][key] - prof["base"][key] for n, c in zip(names, combo))
                if best is None or cost < best[0] - 1e-15:
                    best = (cost, size, [c[0] for c in combo])
            got_cost = sum(prof["layers"][n][str(rep["bits"][n])][key] - prof["base"][key] for n in names)
            assert got_cost == pytest.approx(best[0], rel=1e-9, abs=1e-15), (metric, ratio)
            assert rep["chosen"]["bytes"] <= budget
            checked += 1
        # With a latency budget as well: the brute force over both.
        rep = qnn.assign_precision(model, tmp_path / f"lat_{metric}",
                                   {"budget-ratio": 1.5, "latency-budget-us": 1060, "metric": metric,
                                    "profile": tmp_path / "p.json", "candidates": ",".join(map(str, widths))})
        best = None
        for combo in itertools.product(*options):
            size = sum(c[1] for c in combo)
            lat = 1000 + sum(prof["layers"][n][str(c[0])]["latency_us"] - 1000 for n, c in zip(names, combo))
            if size > int(np.floor(1.5 * int8)) or lat > 1060:
                continue
            cost = sum(prof["layers"][n][str(c[0])][key] - prof["base"][key] for n, c in zip(names, combo))
            best = cost if best is None else min(best, cost)
        got_cost = sum(prof["layers"][n][str(rep["bits"][n])][key] - prof["base"][key] for n in names)
        assert got_cost == pytest.approx(best, rel=1e-9, abs=1e-15)
    assert checked == 12
    # The report's plots.
    assert (tmp_path / "lat_loss" / "pareto_size.png").stat().st_size > 1000
    assert (tmp_path / "lat_loss" / "pareto_latency.png").stat().st_size > 1000
    md = (tmp_path / "lat_loss" / "precision.md").read_text()
    assert all(f"`{n}`" in md for n in names)


def test_analytic_metric_matches_numpy(tmp_path):
    rng = np.random.default_rng(3)
    model, weights = conv_model(rng, shapes=((6, 3), (8, 6)))
    rep = qnn.assign_precision(model, tmp_path / "r", {"budget-ratio": 1.0,
                                                       "candidates": "32,8,4,2,1,8t,4t,2t,1t"})
    for lay, w in zip(rep["layers"], weights):
        w = w.transpose(0, 2, 3, 1).reshape(w.shape[0], -1).astype(np.float64)
        assert len(lay["choices"]) == 7  # 1 and 1t refused: first and last layers
        for c in lay["choices"]:
            b = int(str(c["bits"]).rstrip("t"))
            # "t": one scale for the tensor (axis None) instead of one per row.
            per_tensor = str(c["bits"]).endswith("t")
            axis = None if per_tensor else 1
            n = w.size
            if b == 32:
                assert c["weight_sqnr_db"] is None and c["bytes"] == 4 * n
                continue
            if b == 1:
                a = np.abs(w).mean(axis, keepdims=True).astype(np.float32).astype(np.float64)
                dq = np.where(w < 0, -1, 1) * a
            else:
                top = 2 ** (b - 1) - 1
                s = (np.abs(w).max(axis, keepdims=True) / top).astype(np.float32).astype(np.float64)
                dq = np.clip(np.round(w / s), -top, top) * s
            sqnr = (w ** 2).sum() / ((w - dq) ** 2).sum()
            assert c["weight_sqnr_db"] == pytest.approx(10 * np.log10(sqnr), abs=1e-6), (lay["name"], c["bits"])
            assert c["cost"] == pytest.approx(1 / sqnr, rel=1e-9)
            assert c["bytes"] == (n * b + 7) // 8 + 4 * (1 if per_tensor else w.shape[0])
    # Lin et al.: the predicted output SQNR sums the layers' noise.
    chosen = rep["chosen"]
    assert chosen["proxy"] == pytest.approx(-10 * np.log10(chosen["cost"]), rel=1e-9)


def test_profile_and_quantize_with_a_budget(tmp_path):
    rng = np.random.default_rng(4)
    model, _ = conv_model(rng, shapes=((6, 3), (8, 6), (4, 8)))
    x = rng.standard_normal((16, 3, 6, 6)).astype(np.float32)
    prof = qnn.profile_precision(model, x, tmp_path / "p.json", candidates=[32, 8, 4, 2], progress=False)
    assert prof["format"] == "qnn-precision-profile" and len(prof["layers"]) == 3
    flib = qnn.compile(model, tmp_path / "f.so")
    ref = np.concatenate([flib.run({"x": x[i:i + 4]})["r2"] for i in (0, 4)])
    for name, by_bits in prof["layers"].items():
        # Lower widths, more noise; float no worse than 8 bits (within the
        # activation quantization's noise).
        assert by_bits["2"]["nsr"] > by_bits["4"]["nsr"] > by_bits["8"]["nsr"], name
        assert by_bits["32"]["nsr"] < 1.5 * by_bits["8"]["nsr"], name
    # The profile's nsr for one point, recomputed independently.
    name = next(iter(prof["layers"]))
    stats = tmp_path / "s.json"
    qnn.calibrate(model, x, stats, progress=False)
    lib = qnn.quantize(model, None, tmp_path / "one.so", stats=stats, layer_bits={name: 4}, method="percentile",
                       progress=False)
    got = np.concatenate([lib.run({"x": x[i:i + 4]})["r2"] for i in (0, 4)])
    nsr = ((ref - got) ** 2).sum() / (ref ** 2).sum()
    assert prof["layers"][name]["4"]["nsr"] == pytest.approx(nsr, rel=1e-6)
    # quantize with a budget: the measured metric profiles on its own.
    lib = qnn.quantize(model, x, tmp_path / "mp.so", precision={"budget-ratio": 0.5, "metric": "loss",
                                                                "candidates": "8,4,2", "report": tmp_path / "rep"},
                       mlir_output=tmp_path / "mp.mlir", progress=False)
    rep = json.loads((tmp_path / "rep" / "precision.json").read_text())
    assert rep["chosen"]["bytes"] <= 0.5 * rep["int8_bytes"]
    text = (tmp_path / "mp.mlir").read_text()
    for lay in rep["layers"]:
        assert f"i{max(lay['chosen'], 2)}<" in text
    assert (tmp_path / "mp.so.profile.json").is_file() and (tmp_path / "rep" / "pareto_size.png").is_file()
    assert lib.run({"x": x[:4]})["r2"].shape == (4, 4, 6, 6)


def test_profile_pools_latencies_by_kernel(tmp_path):
    """Widths whose compiled models run the same kernels share one latency:
    the base's for the base's kernels, else the base's plus the median of
    their measured differences. Each point names its layer's kernel, as
    qnn-compile's kernel report gives it for that model."""
    rng = np.random.default_rng(4)
    model, _ = conv_model(rng, shapes=((8, 3), (16, 8), (16, 16)), size=8)
    x = rng.standard_normal((8, 3, 8, 8)).astype(np.float32)
    stats = tmp_path / "s.json"
    qnn.calibrate(model, x, stats, progress=False)
    prof = qnn.profile_precision(model, x, tmp_path / "p.json", candidates=[32, 8, 7, 4, 2], stats=stats,
                                 progress=False, repeats=2, latency_rounds=1)
    raw = qnn.profile_precision(model, x, tmp_path / "r.json", candidates=[32, 8, 7, 4, 2], stats=stats,
                                progress=False, repeats=2, latency_rounds=1, pool_latency=False)
    base = prof["base"]["latency_us"]
    assert json.loads((tmp_path / "p.json").read_text())["layers"] == prof["layers"]
    for li, (name, points) in enumerate(prof["layers"].items()):
        assert points["32"]["kernel"] == "float", name
        for w in ("8", "7", "4", "2"):
            assert points[w]["kernel"] != "float" and points[w]["kernel"]["kind"] in ("dot4", "vnni512"), (name, w)
        # The groups: the widths with the same kernel (only this layer
        # changes), 32 alone.
        for w, p in points.items():
            same = sorted((v for v, q in points.items() if q["kernel"] == p["kernel"]), key=str)
            assert p["latency_group"] == same, (name, w)
            diffs = [points[v]["latency_measured_us"] - base for v in same]
            want = base if "8" in same else base + float(np.median(diffs))
            assert p["latency_us"] == pytest.approx(want, rel=1e-12), (name, w)
            assert "kernel_key" not in p and "latency_group" not in raw["layers"][name][w]
            assert "latency_measured_us" not in raw["layers"][name][w]
        # The layer's kernel at 4 bits, from an independent compile (its
        # text has no locations: the layer's op by position).
        text = quantize_mlir(import_onnx(model)[0], stats, "percentile", layer_bits={name: 4})
        (tmp_path / "q.mlir").write_text(text)
        subprocess.run([qnn.compiler.find_tool(), str(tmp_path / "q.mlir"), "-o", str(tmp_path / "q.so"),
                        "--kernels=auto", f"--kernel-report={tmp_path / 'k.json'}"], check=True)
        ops = json.loads((tmp_path / "k.json").read_text())["ops"]
        assert len(ops) == 3 and ops[li]["kernel"] == points["4"]["kernel"], name


def test_pool_latencies_groups():
    """_pool_latencies on made-up points: the base's group gets the base
    latency; another group the median of its differences."""
    from qnn.precision import _pool_latencies
    base = {"latency_us": 100.0, "kernel_key": "A"}
    pts = {"8": {"latency_us": 100.0, "kernel_key": "A"}, "7": {"latency_us": 96.0, "kernel_key": "B"},
           "5": {"latency_us": 90.0, "kernel_key": "B"}, "4": {"latency_us": 93.0, "kernel_key": "B"},
           "3": {"latency_us": 104.0, "kernel_key": "A"}, "32": {"latency_us": 300.0, "kernel_key": "C"}}
    _pool_latencies(base, pts)
    assert [pts[w]["latency_us"] for w in ("8", "3", "7", "5", "4", "32")] == [100, 100, 93, 93, 93, 300]
    assert pts["3"]["latency_measured_us"] == 104 and pts["7"]["latency_group"] == ["4", "5", "7"]
    assert all("kernel_key" not in p for p in pts.values())


def test_refine_measures_the_best_assignments_within_the_budget(tmp_path):
    rng = np.random.default_rng(7)
    model, _ = conv_model(rng, shapes=((6, 3), (8, 6), (4, 8)))
    x = rng.standard_normal((16, 3, 6, 6)).astype(np.float32)
    lib = qnn.quantize(model, x, tmp_path / "m.so", progress=False,
                       precision={"budget-ratio": 0.45, "candidates": "8,4,3,2", "refine": 4,
                                  "report": tmp_path / "rep"})
    rep = json.loads((tmp_path / "rep" / "precision.json").read_text())
    tried = rep["refined"]["tried"]
    pareto = [t for t in tried if t["source"] == "pareto"]
    assert 2 <= len(pareto) <= 4
    assert tried[0]["bits"] == [lay["chosen"] for lay in rep["layers"]]  # the pass's choice first
    assert all(t["bytes"] <= rep["budget_bytes"] for t in tried)
    assert [t["cost"] for t in pareto] == sorted(t["cost"] for t in pareto)
    # Every uniform assignment that fits the budget is measured too (once),
    # with the bytes the pass counts for its layers' choices.
    sizes = [{json.dumps(c["bits"]): c["bytes"] for c in lay["choices"]} for lay in rep["layers"]]
    fitting = [w for w in (8, 4, 3, 2) if sum(s[json.dumps(w)] for s in sizes) <= rep["budget_bytes"]]
    assert 0 < len(fitting) < 4
    uniform = {t["bits"][0]: t for t in tried if len(set(map(json.dumps, t["bits"]))) == 1}
    assert sorted(uniform) == sorted(fitting)
    for w, t in uniform.items():
        assert t["bytes"] == sum(s[json.dumps(w)] for s in sizes)
    assert len({json.dumps(t["bits"]) for t in tried}) == len(tried)
    best = rep["refined"]["chosen"]
    assert best["kl"] == min(t["kl"] for t in tried)
    # The library is the refined choice: its KL from the float model,
    # computed here, is the one recorded.
    flib = qnn.compile(model, tmp_path / "f.so")
    f = np.concatenate([flib.run({"x": x[i:i + 4]})["r2"] for i in range(0, 16, 4)]).astype(np.float64)
    q = np.concatenate([lib.run({"x": x[i:i + 4]})["r2"] for i in range(0, 16, 4)]).astype(np.float64)
    f, q = f.reshape(-1, f.shape[-1]), q.reshape(-1, q.shape[-1])
    lf = f - f.max(1, keepdims=True)
    lf -= np.log(np.exp(lf).sum(1, keepdims=True))
    lq = q - q.max(1, keepdims=True)
    lq -= np.log(np.exp(lq).sum(1, keepdims=True))
    kl = (np.exp(lf) * (lf - lq)).sum(1).mean()
    assert best["kl"] == pytest.approx(kl, rel=1e-6, abs=1e-12)
    assert "Measured refinement" in (tmp_path / "rep" / "precision.md").read_text()


def test_refine_checks_a_latency_budget_by_measuring(tmp_path):
    """With a latency budget, refine measures each candidate's latency
    against the all-8-bit model and keeps only those within it. The budget
    is then rewritten in the report to values every candidate meets (10x)
    or none does (0.01x), so that what wins does not depend on this
    machine's timings."""
    rng = np.random.default_rng(8)
    model, _ = conv_model(rng, shapes=((6, 3), (8, 6), (4, 8)))
    x = rng.standard_normal((16, 3, 6, 6)).astype(np.float32)
    stats = tmp_path / "s.json"
    qnn.calibrate(model, x, stats, progress=False)
    prof = tmp_path / "p.json"
    qnn.profile_precision(model, x, prof, candidates=[32, 8, 4, 2], stats=stats, progress=False, repeats=2)
    report = tmp_path / "rep"
    rep = qnn.assign_precision(model, report, {"latency-budget-ratio": 1.0, "metric": "loss",
                                               "profile": str(prof), "candidates": "32,8,4,2"})
    # An in-memory model's title is "model", not its serialized bytes
    # (which matplotlib read as mathtext: a "$" among them failed the plot).
    assert qnn.precision.model_title(model) == "model" and (report / "pareto_size.png").is_file()
    assert qnn.precision.plot_text("a$b$") == r"a\$b\$"
    base = rep["base_latency_us"]
    doc = json.loads((report / "precision.json").read_text())
    for factor, over in ((10.0, False), (0.01, True)):
        doc["budget_latency_us"] = factor * base
        for p in doc["pareto"]:
            p["latency_us"] = min(p["latency_us"], factor * base)  # every point fits the pass's budget
        (report / "precision.json").write_text(json.dumps(doc))
        if over:
            with pytest.warns(UserWarning, match="no assignment measured within the latency budget"):
                bits = qnn.precision.refine(model, x, stats, report, k=2, latency_rounds=1, latency_repeats=2)
        else:
            bits = qnn.precision.refine(model, x, stats, report, k=2, latency_rounds=1, latency_repeats=2)
        got = json.loads((report / "precision.json").read_text())["refined"]
        tried = got["tried"]
        assert got["budget_latency_ratio"] == pytest.approx(factor)
        assert got["over_budget"] is over
        assert all(t["latency_ratio"] > 0 and "predicted_latency_ratio" in t for t in tried)
        # The choice and every more accurate candidate were timed twice
        # (1 round each time), the others once.
        best = got["chosen"]
        assert all(len(t["latency_samples"]) == (2 if t["kl"] <= best["kl"] else 1) for t in tried)
        assert all(t["latency_ratio"] == pytest.approx(np.median(t["latency_samples"])) for t in tried)
        if over:
            # The k candidates and uniform ones missed, so k more of the
            # frontier (fastest predicted first) were measured, and the most
            # accurate of those within 2% of the fastest measured won.
            assert [t["source"] for t in tried].count("pareto (fastest)") == min(2, len(doc["pareto"]) - 2 - sum(
                t["source"] == "uniform" for t in tried))
            fastest = min(t["latency_ratio"] for t in tried)
            band = [t for t in tried if t["latency_ratio"] <= 1.02 * fastest]
            assert got["chosen"] in band and got["chosen"]["kl"] == min(t["kl"] for t in band)
        else:
            assert "pareto (fastest)" not in [t["source"] for t in tried]
            assert got["chosen"]["kl"] == min(t["kl"] for t in tried)
        assert bits == dict(zip([lay["name"] for lay in doc["layers"]], got["chosen"]["bits"]))
    md = (report / "precision.md").read_text()
    assert "measured latency" in md and "no assignment measured within it" in md
    # Without the check (the default for a size budget), no latencies.
    qnn.precision.refine(model, x, stats, report, k=2, check_latency=False)
    got = json.loads((report / "precision.json").read_text())["refined"]
    assert "over_budget" not in got and all("latency_ratio" not in t for t in got["tried"])


def test_cli(tmp_path):
    rng = np.random.default_rng(5)
    model, _ = conv_model(rng, shapes=((6, 3), (4, 6)))
    onnx.save(model, tmp_path / "m.onnx")
    np.savez(tmp_path / "c.npz", x=rng.standard_normal((8, 3, 6, 6)).astype(np.float32))
    py = [sys.executable, "-m", "qnn"]
    p = subprocess.run(py + ["profile", str(tmp_path / "m.onnx"), "--data", str(tmp_path / "c.npz"), "-o",
                             str(tmp_path / "p.json"), "--candidates", "8,4,2", "--quiet"],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert "2 layers" in p.stdout
    pooled = json.loads((tmp_path / "p.json").read_text())["layers"]
    assert all("latency_group" in pt and "kernel" in pt for lay in pooled.values() for pt in lay.values())
    p = subprocess.run(py + ["profile", str(tmp_path / "m.onnx"), "--data", str(tmp_path / "c.npz"), "-o",
                             str(tmp_path / "raw.json"), "--candidates", "8,4,2", "--quiet", "--no-pool-latency"],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    raw = json.loads((tmp_path / "raw.json").read_text())["layers"]
    assert not any("latency_group" in pt for lay in raw.values() for pt in lay.values())
    p = subprocess.run(py + ["quantize", str(tmp_path / "m.onnx"), "--calibration", str(tmp_path / "c.npz"),
                             "-o", str(tmp_path / "m.so"), "--budget-ratio", "0.6", "--metric", "sqnr",
                             "--profile", str(tmp_path / "p.json"), "--candidates", "8,4,2",
                             "--precision-report", str(tmp_path / "rep"), "--quiet"],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "rep" / "precision.md").is_file()
    p = subprocess.run(py + ["quantize", str(tmp_path / "m.onnx"), "--calibration", str(tmp_path / "c.npz"),
                             "-o", str(tmp_path / "m2.so"), "--budget-ratio", "0.01", "--quiet"],
                       capture_output=True, text=True)
    assert p.returncode == 1 and "no assignment fits the budget" in p.stderr
    # Nothing left behind: not the library, nor the statistics calibration wrote.
    assert not (tmp_path / "m2.so").exists() and not (tmp_path / "m2.so.stats.json").exists()
    p = subprocess.run(py + ["quantize", str(tmp_path / "m.onnx"), "--calibration", str(tmp_path / "c.npz"),
                             "-o", str(tmp_path / "m3.so"), "--metric", "loss", "--quiet"],
                       capture_output=True, text=True)
    assert p.returncode == 1 and "--metric needs a budget" in p.stderr


train = pytest.importorskip("train")


@pytest.mark.skipif(not train.DATA.is_dir(), reason="dataset-fashion-mnist not installed")
def test_fashion_mnist_assignment_beats_uniform_at_equal_size(tmp_path):
    """resnet_tiny: at the size of uniform 3-bit weights, qnn's assignment
    (loss metric, profiled on 200 training images) is more accurate than
    uniform 3 bits on 2,000 test images (bench/mixed_precision.py has the
    full curves)."""
    model = ROOT / "examples" / "fashion_mnist" / "resnet_tiny.onnx"
    xtr, _ = train.load("train")
    x, y = train.load("test")
    calib = {"image": xtr[:200]}
    quant = {"weight_scale": "mse", "weight_range": "asymmetric", "bias_correction": True, "method": "percentile"}
    stats = tmp_path / "s.json"
    qnn.calibrate(model, calib, stats, progress=False)

    def top1(lib):
        p = np.concatenate([lib.run({"image": x[i:i + 100]})["logits"].argmax(1) for i in range(0, 2000, 100)])
        return float((p == y[:2000]).mean())
    u3 = top1(qnn.quantize(model, None, tmp_path / "u3.so", stats=stats, weight_bits=3, progress=False, **quant))
    rep = qnn.assign_precision(model, tmp_path / "r0", {"budget-ratio": 1.0, "weight-range": "asymmetric",
                                                        "candidates": "8,4,3,2"})
    bytes3 = sum(next(c["bytes"] for c in lay["choices"] if c["bits"] == 3) for lay in rep["layers"])
    prof = tmp_path / "p.json"
    qnn.profile_precision(model, calib, prof, candidates=[8, 4, 3, 2], stats=stats, max_batches=2,
                          progress=False, **quant)
    lib = qnn.quantize(model, None, tmp_path / "mp.so", stats=stats, progress=False,
                       precision={"budget-bytes": bytes3, "metric": "loss", "profile": prof,
                                  "candidates": "8,4,3,2"}, **quant)
    mp = top1(lib)
    assert mp > u3, (mp, u3)


def test_mcnemar_exact_p_values():
    """bench/significance.py's paired test: two-sided exact binomial tail on
    the discordant images (values worked by hand)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from significance import mcnemar_p
    assert mcnemar_p(0, 0) == 1.0
    assert mcnemar_p(0, 6) == pytest.approx(2 / 64)             # 2 * C(6,0) / 2^6
    assert mcnemar_p(3, 5) == pytest.approx(2 * 93 / 256)       # 2 * (1 + 8 + 28 + 56) / 2^8
    assert mcnemar_p(5, 3) == mcnemar_p(3, 5)
    assert mcnemar_p(4, 4) == 1.0                               # capped at 1


def test_paired_latency_interleaves_calls():
    """paired_latency_us times the two libraries in alternating calls (so
    that a slow spell of the machine hits both), each after one warm-up,
    and returns each one's fastest call: here a library that sleeps 2 ms
    against one that sleeps 1 ms, while the 'machine' gets slower."""
    import time
    calls = []

    class Lib:
        def __init__(self, name, ms):
            self.name, self.ms = name, ms

        def run(self, batch):
            calls.append(self.name)
            time.sleep(self.ms * 1e-3 * (1 + 0.1 * len(calls)))

    t, t_ref = precision.paired_latency_us(Lib("lib", 2), Lib("ref", 1), {}, repeats=3)
    assert calls == ["lib", "ref"] + ["ref", "lib"] * 3
    # The fastest calls are the first timed ones: calls 4 (lib) and 3 (ref).
    assert 2000 * 1.4 <= t < 2000 * 1.4 + 1500
    assert 1000 * 1.3 <= t_ref < 1000 * 1.3 + 1500

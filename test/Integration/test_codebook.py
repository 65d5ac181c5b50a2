"""Codebook and ternary weights through the Python package and the CLI
(issue 10; docs/codebooks.md): qnn.quantize(codebook=...), python -m qnn
quantize --codebook, their option checks, and what the quantized module
holds."""

import json
import os
import re
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
from qnn.quantization import codebook_options  # noqa: E402

pytestmark = pytest.mark.skipif(not H.compiler_available(), reason="qnn not built")


def test_codebook_options():
    assert codebook_options("kmeans4") == "mode=kmeans bits=4"
    assert codebook_options("ternary") == "mode=ternary"
    assert codebook_options({"mode": "ternary", "asymmetric": True}) == "mode=ternary asymmetric=true"
    assert codebook_options({"bits": 3, "max_iterations": 10}) == "bits=3 max-iterations=10"
    assert codebook_options({"bits": 3, "init": "optimal"}, sep=",") == "bits=3,init=optimal"
    with pytest.raises(ValueError, match="codebook must be 'ternary', 'kmeansB'"):
        codebook_options("kmeans")
    with pytest.raises(ValueError, match="unknown codebook option.* levels; known: mode, bits"):
        codebook_options({"levels": 4})
    with pytest.raises(ValueError, match="a value qnn-opt cannot take"):
        codebook_options({"init": "linear bits=2"})


def small_model(tmp_path):
    """Conv (8 output channels, 3x3x4 = 36 weights each) -> Relu -> Flatten
    -> Gemm (10 outputs, 200 weights each)."""
    rng = np.random.default_rng(3)
    w = numpy_helper.from_array(rng.standard_normal((8, 4, 3, 3)).astype(np.float32), "w")
    g = numpy_helper.from_array(rng.standard_normal((200, 10)).astype(np.float32) * 0.1, "g")
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"]), helper.make_node("Relu", ["c"], ["r"]),
             helper.make_node("Flatten", ["r"], ["f"]), helper.make_node("Gemm", ["f", "g"], ["y"])]
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 4, 7, 7])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], [w, g])
    path = tmp_path / "m.onnx"
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), path)
    data = rng.standard_normal((20, 4, 7, 7)).astype(np.float32)
    return path, data


def tables(mlir):
    """[(bits, tables as lists)] of each codebook type in `mlir`."""
    out = []
    for m in re.finditer(r"!qnn\.codebook<(\d+), !quant\.uniform<.*?>, (\d+:)?\{([-\d, {}]*)\}>", mlir):
        body = m.group(3)
        rows = re.findall(r"\{([^{}]*)\}", body) if m.group(2) else [body]
        out.append((int(m.group(1)), [[int(v) for v in r.split(",")] for r in rows]))
    return out


@pytest.mark.parametrize("codebook,bits,entries", [("kmeans3", 3, 8), ("ternary", 2, 3),
                                                    ({"bits": 2, "granularity": "per-layer"}, 2, 4)])
def test_quantize_with_codebook(tmp_path, codebook, bits, entries):
    path, data = small_model(tmp_path)
    lib = qnn.quantize(path, {"x": data}, tmp_path / "q.so", codebook=codebook, mlir_output=tmp_path / "q.mlir",
                       progress=False)
    mlir = (tmp_path / "q.mlir").read_text()
    found = tables(mlir)
    # Both layers decode codebook weights: one type at the container_cast and
    # one at the decode.
    assert mlir.count("qnn.decode") == 2 and len(found) == 4, mlir
    for b, ts in found:
        assert b == bits
        assert all(len(t) == entries for t in ts)
        if codebook == "ternary":
            assert all(t[1] == 0 and t[0] == -t[2] for t in ts)   # {-a, 0, a}, zero points 0
    # Close to the float model, as close as B-level quantization of Gaussian
    # weights allows over two layers (relative L2 error of one layer:
    # 0.19 for Lloyd-Max with 8 levels, 0.34 with 4, measured 0.21 for
    # kmeans3 here, 0.38 for kmeans2, 0.58 for ternary).
    f = qnn.compile(path, tmp_path / "f.so")
    got = np.concatenate([lib.run({"x": data[i:i + 2]})["y"] for i in range(0, 20, 2)])
    want = np.concatenate([f.run({"x": data[i:i + 2]})["y"] for i in range(0, 20, 2)])
    err = np.linalg.norm(got - want) / np.linalg.norm(want)
    assert err < {3: 0.3, 2: 0.7}[bits], err


def test_kmeans8_is_lossless(tmp_path):
    """With 8-bit indices (256 entries) every stored integer is its own
    centroid: the result is the uniform int8 library's, bit for bit (the
    codebook is larger than the int8 weights: keep_larger)."""
    path, data = small_model(tmp_path)
    a = qnn.quantize(path, {"x": data}, tmp_path / "a.so", progress=False).run({"x": data[:2]})["y"]
    b = qnn.quantize(path, {"x": data}, tmp_path / "b.so", codebook={"bits": 8, "keep_larger": True}, progress=False,
                     mlir_output=tmp_path / "b.mlir").run({"x": data[:2]})["y"]
    assert "qnn.decode" in (tmp_path / "b.mlir").read_text()
    np.testing.assert_array_equal(a, b)


def test_cli_codebook(tmp_path):
    path, data = small_model(tmp_path)
    np.savez(tmp_path / "d.npz", x=data)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "python"))

    def run(*a):
        return subprocess.run([sys.executable, "-m", "qnn", *map(str, a)], capture_output=True, text=True, env=env)

    p = run("quantize", path, "--calibration", tmp_path / "d.npz", "-o", tmp_path / "q.so", "--quiet",
            "--codebook", "kmeans4", "--emit-mlir", tmp_path / "q.mlir")
    assert p.returncode == 0, p.stderr
    assert all(b == 4 for b, _ in tables((tmp_path / "q.mlir").read_text()))
    p = run("quantize", path, "--calibration", tmp_path / "d.npz", "-o", tmp_path / "bad.so", "--codebook",
            "kmeans16")
    assert p.returncode == 1 and "error: codebook: bits '16' is not supported; expected 1 to 8" \
        in p.stderr, p.stderr
    assert "Traceback" not in p.stderr
    assert not (tmp_path / "bad.so").exists() and not (tmp_path / "bad.so.stats.json").exists()
    p = run("quantize", path, "--calibration", tmp_path / "d.npz", "-o", tmp_path / "bad.so", "--codebook", "huffman")
    assert p.returncode == 1 and "codebook must be 'ternary', 'kmeansB'" in p.stderr, p.stderr


def uniform_sqnr_db(w, bits):
    """SQNR (dB) of symmetric uniform `bits`-bit weights with one scale per
    row of `w` (max |w|), as NumPy computes it."""
    top = 2 ** (bits - 1) - 1
    s = (np.abs(w).max(1, keepdims=True) / top).astype(np.float32).astype(np.float64)
    dq = np.clip(np.round(w / s), -top, top) * s
    return 10 * np.log10((w ** 2).sum() / ((w - dq) ** 2).sum())


def test_codebooks_are_precision_candidates(tmp_path):
    """kmeansB and ternary as qnn-assign-precision candidates: their sizes
    are those of the codebooks qnn-quantize stores for them, their weight
    SQNR ranks as their levels do, and a measured assignment under a budget
    quantizes, compiles and runs."""
    path, data = small_model(tmp_path)
    stats = tmp_path / "s.json"
    qnn.calibrate(path, {"x": data}, stats, progress=False)
    rep = qnn.assign_precision(path, tmp_path / "r", {"budget-ratio": 1.0,
                                                      "candidates": "8,4,kmeans4,kmeans3,ternary"})
    inits = {t.name: numpy_helper.to_array(t) for t in onnx.load(path).graph.initializer}
    # Rows: output channels (conv OIHW as OHWI; the Gemm's B is K x N).
    rows = [inits["w"].transpose(0, 2, 3, 1).reshape(8, -1), inits["g"].T]
    assert [lay["kind"] for lay in rep["layers"]] == ["conv2d", "fully_connected"]
    for lay, w in zip(rep["layers"], rows):
        w = w.astype(np.float64)
        by = {c["bits"]: c for c in lay["choices"]}
        assert set(by) == {8, 4, "kmeans4", "kmeans3", "ternary"}, lay["constraints"]
        sqnr = {b: c["weight_sqnr_db"] for b, c in by.items()}
        assert sqnr[4] == pytest.approx(uniform_sqnr_db(w, 4), abs=1e-6)
        # More levels, less noise; 16 levels placed by k-means beat the 15
        # of the uniform 4-bit grid on Gaussian weights.
        assert sqnr[8] > sqnr["kmeans4"] > sqnr["kmeans3"] > sqnr["ternary"], sqnr
        assert sqnr["kmeans4"] > sqnr[4] + 1.0, sqnr
        for b, bits in (("kmeans4", 4), ("kmeans3", 3), ("ternary", 2)):
            mlir = tmp_path / f"{lay['name']}_{b}.mlir"
            qnn.quantize(path, None, tmp_path / f"{lay['name']}_{b}.so", stats=stats, layer_bits={lay["name"]: b},
                         mlir_output=mlir, progress=False)
            found = tables(mlir.read_text())
            assert len(found) == 2, b   # this layer only: at its container_cast and its decode
            got_bits, ts = found[0]
            assert got_bits == bits and len(ts) == w.shape[0]
            entries = max(len(t) for t in ts)
            assert by[b]["bytes"] == (w.size * bits + 7) // 8 + len(ts) * entries + 4 * w.shape[0], b
    # A measured assignment under a budget the Gemm's 8-bit weights alone
    # exceed: profiled, chosen, quantized, compiled and run.
    lib = qnn.quantize(path, {"x": data}, tmp_path / "mp.so", stats=stats, mlir_output=tmp_path / "mp.mlir",
                       precision={"budget-ratio": 0.6, "metric": "loss", "candidates": "8,kmeans4,ternary",
                                  "report": tmp_path / "rep"}, progress=False)
    prof = json.loads((tmp_path / "mp.so.profile.json").read_text())
    assert len(prof["layers"]) == 2
    for name, points in prof["layers"].items():
        assert set(points) == {"8", "kmeans4", "ternary"}
        assert points["ternary"]["nsr"] > points["kmeans4"]["nsr"] > 0, (name, points)
        assert all(p["latency_us"] > 0 for p in points.values())
    rep = json.loads((tmp_path / "rep" / "precision.json").read_text())
    chosen = [lay["chosen"] for lay in rep["layers"]]
    assert rep["chosen"]["bytes"] <= 0.6 * rep["int8_bytes"] and chosen[1] != 8, chosen
    mlir = (tmp_path / "mp.mlir").read_text()
    assert len(tables(mlir)) == 2 * sum(c != 8 for c in chosen), chosen
    f = qnn.compile(path, tmp_path / "f.so")
    got = np.concatenate([lib.run({"x": data[i:i + 2]})["y"] for i in range(0, 20, 2)])
    want = np.concatenate([f.run({"x": data[i:i + 2]})["y"] for i in range(0, 20, 2)])
    assert np.linalg.norm(got - want) / np.linalg.norm(want) < 0.7


def ternary_model(tmp_path):
    """Conv (8 x 4 x 3x3, ternary: 0 and +-alpha[o]) -> BatchNormalization
    -> Relu -> Flatten -> Gemm (200 x 10, 0, -a[n] and +b[n] with a != b),
    as trained ternary quantization exports them; and its data."""
    rng = np.random.default_rng(5)
    alpha = rng.uniform(0.2, 1.0, (8, 1, 1, 1))
    w = (rng.integers(-1, 2, (8, 4, 3, 3)) * alpha).astype(np.float32)
    mask = rng.integers(-1, 2, (200, 10))
    g = np.where(mask > 0, 0.08, np.where(mask < 0, -0.05, 0.0)) * rng.uniform(0.5, 1.5, 10)
    inits = [numpy_helper.from_array(w, "w"), numpy_helper.from_array(g.astype(np.float32), "g")]
    for name, v in (("s", rng.uniform(0.5, 2, 8)), ("b", rng.normal(0, 0.1, 8)), ("m", rng.normal(0, 0.1, 8)),
                    ("v", rng.uniform(0.5, 2, 8))):
        inits.append(numpy_helper.from_array(v.astype(np.float32), name))
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"]),
             helper.make_node("BatchNormalization", ["c", "s", "b", "m", "v"], ["n"]),
             helper.make_node("Relu", ["n"], ["r"]), helper.make_node("Flatten", ["r"], ["f"]),
             helper.make_node("Gemm", ["f", "g"], ["y"])]
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 4, 7, 7])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    path = tmp_path / "t.onnx"
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), path)
    return path, rng.standard_normal((20, 4, 7, 7)).astype(np.float32)


def test_onnx_ternary_weights_are_recognised(tmp_path):
    """Weights that are ternary in the ONNX file get a qnn.codebook at
    import, and qnn-quantize stores them as 2-bit codebooks that hold them
    exactly: the library computes what the uniform int8 one does."""
    from qnn.onnx_import import ternary_codebook
    path, data = ternary_model(tmp_path)
    text, signature = qnn.import_onnx(path)
    assert re.search(r'tosa\.conv2d .*qnn\.codebook = "ternary"', text), text
    assert re.search(r'tosa\.matmul .*qnn\.codebook = "kmeans2"', text), text
    plain, _ = qnn.import_onnx(path, detect_ternary=False)
    assert "qnn.codebook" not in plain
    assert "qnn.codebook" not in qnn.import_onnx(small_model(tmp_path)[0])[0]   # Gaussian weights
    # Too few weights per channel to tell; two values of one sign.
    assert ternary_codebook(np.array([[0.5, 0, -0.5, 0.5]] * 3), 0) is None
    assert ternary_codebook(np.array([[0.5, 0, -0.5, 0.25] * 2]), 0) is None
    assert ternary_codebook(np.array([[0.5, 0, -0.5, 0.5] * 2, [0, 0.1, -0.1, 0] * 2]), 0) == "ternary"
    stats = tmp_path / "s.json"
    qnn.calibrate(path, {"x": data}, stats, progress=False)
    qtext = qnn.quantize_mlir(text, stats, "percentile")
    found = tables(qtext)
    assert len(found) == 4 and all(b == 2 for b, _ in found), found
    conv_tables, fc_tables = found[0][1], found[2][1]
    assert all(t == [-127, 0, 127] for t in conv_tables), conv_tables
    assert all(len(t) == 3 and t[1] == 0 and t[2] == 127 and -127 < t[0] < 0 for t in fc_tables), fc_tables
    lib = qnn.compile_mlir(qtext, tmp_path / "t.so", signature)
    ref = qnn.compile_mlir(qnn.quantize_mlir(plain, stats, "percentile"), tmp_path / "u.so", signature)
    assert "qnn.decode" not in qnn.quantize_mlir(plain, stats, "percentile")
    for i in range(0, 20, 2):
        np.testing.assert_array_equal(lib.run({"x": data[i:i + 2]})["y"], ref.run({"x": data[i:i + 2]})["y"])


def gemm_model(path, m, k, n, rng):
    w = (rng.standard_normal((k, n)) * 0.1).astype(np.float32)
    b = rng.standard_normal(n).astype(np.float32)
    g = helper.make_graph([helper.make_node("Gemm", ["x", "w", "b"], ["y"])], "g",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [m, k])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
                          [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b")])
    onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)]), path)
    return w, b


WEIGHT_ONLY_CASES = [  # (M, K, N, quantize options, most relative error against the float model)
    (1, 64, 1, {}, 0.02), (1, 300, 10, {}, 0.02), (3, 200, 33, {"weight_range": "asymmetric"}, 0.02),
    (5, 130, 17, {"weight_bits": 4}, 0.15), (1, 256, 12, {"codebook": "kmeans4"}, 0.12),
    (6, 100, 9, {"codebook": "kmeans2"}, 0.4), (2, 190, 7, {"codebook": "ternary"}, 0.5),
    (4, 128, 16, {"codebook": {"bits": 3, "granularity": "per-layer"}}, 0.3),
    (9, 70, 5, {"codebook": {"mode": "ternary", "asymmetric": True}}, 0.4),
    (2, 96, 5, {"weight_granularity": "per-tensor"}, 0.03),
    (3, 150, 6, {"weight_granularity": "per-tensor", "codebook": "kmeans3"}, 0.3),
]


@pytest.mark.parametrize("m,k,n,opts,tol", WEIGHT_ONLY_CASES)
def test_weight_only_fully_connected(tmp_path, m, k, n, opts, tol):
    """mode="weight-only" (rule N25): the layer keeps f32 activations; with
    int8 weights it computes NumPy's product of the rounded weights (within
    f32 rounding), with others it stays within their quantization error of
    the float model; and the wofc kernel (forced where select-kernels would
    not choose it: codebooks without VBMI take the generic byte lookup) is
    bit-exact against the reference lowering, on one thread and on two."""
    rng = np.random.default_rng(k * 1000 + n)
    w, b = gemm_model(tmp_path / "g.onnx", m, k, n, rng)
    x = rng.standard_normal((m, k)).astype(np.float32)
    lib = qnn.quantize(tmp_path / "g.onnx", None, tmp_path / "r.so", mode="weight-only", kernels="reference",
                       mlir_output=tmp_path / "q.mlir", progress=False, **opts)
    text = (tmp_path / "q.mlir").read_text()
    assert text.count("qnn.weight_only_fc") == 1 and ("!qnn.codebook" in text) == ("codebook" in opts)
    ref = lib.run({"x": x})["y"]
    # The decoded weights, from the module's own types: scales per channel,
    # and the codebook tables (or the stored integers) with their indices.
    f = qnn.compile(tmp_path / "g.onnx", tmp_path / "f.so").run({"x": x})["y"]
    err = np.linalg.norm(ref - f) / np.linalg.norm(f)
    if not opts:
        sc = (np.abs(w).max(0) / 127).astype(np.float32).astype(np.float64)
        want = x.astype(np.float64) @ (np.round(w / sc) * sc) + b
        np.testing.assert_allclose(ref, want, rtol=1e-5, atol=1e-5)
    print(f"relative error against f32: {err:.4f}")
    assert err < tol, err
    forced = re.sub(r"(qnn\.weight_only_fc [^:]*?)( :)", r'\1 {qnn.kernel = {kind = "wofc", rows = 4 : i64}}\2',
                    text, count=1)
    assert "wofc" in forced
    _, signature = qnn.import_onnx(tmp_path / "g.onnx")
    got = qnn.compile_mlir(forced, tmp_path / "k.so", signature, kernels="auto").run({"x": x})["y"]
    np.testing.assert_array_equal(got, ref)
    # On two threads (bands of output channels): the same bits.
    got2 = qnn.compile_mlir(forced, tmp_path / "k2.so", signature, kernels="auto",
                            threads=2).run({"x": x})["y"]
    np.testing.assert_array_equal(got2, ref)

"""Narrow uniform weights stored packed (qnn-pack-narrow-weights): a model
quantized to 2-4 bits compiles, with --kernels=auto, into a library whose
constants shrink with the width, and computes exactly what the reference
lowering of the same module computes."""

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

pytest.importorskip("onnx")

import harness as H  # noqa: E402
import qnn  # noqa: E402
from qnn import compiler  # noqa: E402
from test_codebook_sweep import rodata_bytes  # noqa: E402
from test_precision import conv_model  # noqa: E402

pytestmark = pytest.mark.skipif(not H.compiler_available(), reason="qnn not built")


def test_narrow_weights_are_packed_and_exact(tmp_path):
    rng = np.random.default_rng(11)
    shapes = ((32, 16), (32, 32), (16, 32))
    model, weights = conv_model(rng, shapes=shapes, size=8, batch=2)
    n = sum(w.size for w in weights)  # 18,432 weights
    x = rng.standard_normal((8, 16, 8, 8)).astype(np.float32)
    stats = tmp_path / "s.json"
    qnn.calibrate(model, x, stats, progress=False)
    sizes, kinds = {}, {}
    for bits in (8, 4, 3, 2):
        text = tmp_path / f"q{bits}.mlir"
        qnn.quantize(model, None, tmp_path / f"unused{bits}.so", stats=stats, weight_bits=bits,
                     method="percentile", mlir_output=text, progress=False)
        # The module as quantized holds the narrow weights one per byte.
        assert "qnn.codebook" not in text.read_text()
        sig = json.loads(Path(str(tmp_path / f"unused{bits}.so") + ".json").read_text())
        report = tmp_path / f"k{bits}.json"
        fast = compiler.compile_mlir(text.read_text(), tmp_path / f"fast{bits}.so", sig,
                                     extra_args=[f"--kernel-report={report}"])
        slow = compiler.compile_mlir(text.read_text(), tmp_path / f"slow{bits}.so", sig, kernels="reference")
        for i in (0, 2, 4, 6):
            batch = {"x": x[i:i + 2]}
            assert np.array_equal(fast.run(batch)["r2"], slow.run(batch)["r2"]), (bits, i)
        sizes[bits] = rodata_bytes(str(tmp_path / f"fast{bits}.so"))
        kinds[bits] = [op["kernel"] for op in json.loads(report.read_text())["ops"]]
    if not all(isinstance(k, dict) for k in kinds[8]):
        pytest.skip("no optimized kernel on this host")
    # 2-4 bits: every conv decodes its codebook; 8 bits: plain int8.
    for bits in (4, 3, 2):
        assert all(k.get("decode") for k in kinds[bits]), kinds[bits]
    assert not any(k.get("decode") for k in kinds[8])
    # Indices take 4 bits (3- and 4-bit weights) or 2 bits per weight
    # against 8, less some padding and tables.
    assert sizes[4] < sizes[8] - 0.4 * n, sizes
    assert sizes[3] < sizes[8] - 0.4 * n, sizes
    assert sizes[2] < sizes[4] - 0.2 * n, sizes


@pytest.mark.parametrize("granularity", ["per-channel", "per-tensor"])
def test_asymmetric_4_bit_weights_are_packed_and_exact(tmp_path, granularity):
    """Asymmetric 4-bit weights are re-centred into 5-bit storage
    (qnn-quantize); each channel (or the tensor, with one scale) still spans
    16 values, so they are packed as 4-bit indices into a linear table per
    channel (or one): the same results as the reference lowering, and the
    library's constants shrink by about half the weights' bytes."""
    rng = np.random.default_rng(14)
    model, weights = conv_model(rng, shapes=((32, 16), (32, 32)), size=8, batch=2)
    n = sum(w.size for w in weights)  # 13,824 weights
    x = rng.standard_normal((8, 16, 8, 8)).astype(np.float32)
    stats = tmp_path / "s.json"
    qnn.calibrate(model, x, stats, progress=False)
    sizes = {}
    for bits in (8, 4):
        text = tmp_path / f"q{bits}.mlir"
        qnn.quantize(model, None, tmp_path / f"unused{bits}.so", stats=stats, weight_bits=bits,
                     method="percentile", weight_range="asymmetric" if bits == 4 else "symmetric",
                     weight_granularity=granularity, mlir_output=text, progress=False)
        sig = json.loads(Path(str(tmp_path / f"unused{bits}.so") + ".json").read_text())
        report = tmp_path / f"k{bits}.json"
        fast = compiler.compile_mlir(text.read_text(), tmp_path / f"fast{bits}.so", sig,
                                     extra_args=[f"--kernel-report={report}"])
        sizes[bits] = rodata_bytes(str(tmp_path / f"fast{bits}.so"))
        kinds = [op["kernel"] for op in json.loads(report.read_text())["ops"]]
        if not all(isinstance(k, dict) for k in kinds):
            pytest.skip("no optimized kernel on this host")
        if bits == 4:
            assert "i5<-15:15>" in text.read_text()  # the re-centred storage
            assert all(k.get("decode") for k in kinds), kinds
            slow = compiler.compile_mlir(text.read_text(), tmp_path / "slow.so", sig, kernels="reference")
            for i in (0, 2, 4, 6):
                batch = {"x": x[i:i + 2]}
                a, b = fast.run(batch), slow.run(batch)
                assert a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a), i
    # 4-bit indices against a byte per weight, less the tables (per
    # channel: 16 bytes for each of 64 channels).
    assert sizes[4] < sizes[8] - 0.4 * n, sizes


def test_pack_narrow_weights_cli(tmp_path):
    """The pass through qnn-opt on a 4-bit layer, then qnn-decode-codebooks
    back: the same module as before."""
    src = ROOT / "test" / "Transforms" / "pack-narrow-weights.mlir"
    text = src.read_text().split("// -----")[0]
    opt = compiler.find_tool("qnn-opt")
    packed = subprocess.run([opt, "--qnn-pack-narrow-weights", "-"], input=text, capture_output=True, text=True,
                            check=True).stdout
    assert "!qnn.codebook<4" in packed
    back = subprocess.run([opt, "--qnn-decode-codebooks", "-"], input=packed, capture_output=True, text=True,
                          check=True).stdout
    plain = subprocess.run([opt, "-"], input=text, capture_output=True, text=True, check=True).stdout
    assert back == plain


def test_pack_narrow_weights_can_be_turned_off(tmp_path):
    """--pack-narrow-weights=false (C API pack-narrow-weights=0) keeps the
    weights one per byte: the library's constants are those of 8 bits."""
    rng = np.random.default_rng(12)
    model, _ = conv_model(rng, shapes=((32, 16), (16, 32)), size=8, batch=2)
    x = rng.standard_normal((4, 16, 8, 8)).astype(np.float32)
    stats = tmp_path / "s.json"
    qnn.calibrate(model, x, stats, progress=False)
    qnn.quantize(model, None, tmp_path / "q.so", stats=stats, weight_bits=4, method="percentile",
                 mlir_output=tmp_path / "q.mlir", progress=False)
    text = (tmp_path / "q.mlir").read_text()
    sizes = {}
    for label, extra in (("on", []), ("off", ["--pack-narrow-weights=false"]), ("off0", ["--pack-narrow-weights=0"])):
        compiler.compile_mlir(text, tmp_path / f"{label}.so", extra_args=extra)
        sizes[label] = rodata_bytes(str(tmp_path / f"{label}.so"))
    assert sizes["off"] == sizes["off0"] > sizes["on"] + 0.3 * (32 * 16 * 9 + 16 * 32 * 9), sizes
    p = subprocess.run([compiler.find_tool(), str(tmp_path / "q.mlir"), "-o", str(tmp_path / "cli.so"),
                        "--kernels=auto", "--pack-narrow-weights=false"], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert rodata_bytes(str(tmp_path / "cli.so")) == sizes["off"]
    with pytest.raises(compiler.CompileError, match="pack-narrow-weights"):
        compiler.compile_mlir(text, tmp_path / "bad.so", extra_args=["--pack-narrow-weights=maybe"])


def i32_constant_bytes(asm: str) -> int:
    """The bytes of the i32 constants (biases, requantization vectors) in
    qnn-compile's assembly: the `.size` of each `.L__constant_...xi32`."""
    return sum(int(n) for n in re.findall(r"^\s*\.size\s+\.L__constant_[0-9x]*xi32(?:_\d+)?,\s*(\d+)", asm, re.M))


@pytest.mark.parametrize("weight_range", ["symmetric", "asymmetric"])
@pytest.mark.parametrize("name", ["resnet_tiny", "mobilenet_tiny"])
def test_library_storage_predicts_the_constants(tmp_path, name, weight_range):
    """qnn-assign-precision storage=library counts what the library stores
    (docs/mixed-precision.md#cost): with every layer at 4, 3 and 2 bits,
    the bytes it predicts the weights save against symmetric 8 bits are
    what the compiled library's constants (.rodata) lose, less the change
    in its i32 constants (biases and requantization vectors: the pass
    leaves them out, and how many the kernels keep changes with the width),
    within 192 bytes (the decode constants packed layers share). Padding,
    tables, the depthwise kernel's i16 weights and the re-centring of
    asymmetric weights are counted: packed sizes (storage=packed) miss by
    256 (resnet_tiny) and 768 bytes (mobilenet_tiny) at symmetric 4 bits."""
    model = ROOT / "examples" / "fashion_mnist" / f"{name}.onnx"
    rng = np.random.default_rng(13)
    x = rng.random((100, 1, 28, 28), dtype=np.float32)
    stats = tmp_path / "s.json"
    qnn.calibrate(model, {"image": x}, stats, progress=False)

    def predicted(weight_range, bits):
        rep = qnn.assign_precision(model, tmp_path / f"rep_{weight_range}",
                                   {"budget-ratio": 1e9, "candidates": "8,4,3,2", "storage": "library",
                                    "count-scales": False, "weight-range": weight_range})
        return sum(next(c["bytes"] for c in lay["choices"] if c["bits"] == bits) for lay in rep["layers"])

    def measured(weight_range, bits):
        out = tmp_path / f"q{weight_range}{bits}.so"
        text = tmp_path / f"q{weight_range}{bits}.mlir"
        qnn.quantize(model, None, out, stats=stats, weight_bits=bits, method="percentile", progress=False,
                     weight_range=weight_range, mlir_output=text)
        compiler.compile_mlir(text.read_text(), tmp_path / "q.s")
        return rodata_bytes(str(out)) - i32_constant_bytes((tmp_path / "q.s").read_text()), text

    base, text = measured("symmetric", 8)
    assert base > 0
    report = tmp_path / "k.json"
    compiler.compile_mlir(text.read_text(), tmp_path / "k.so", extra_args=[f"--kernel-report={report}"])
    if not all(isinstance(op["kernel"], dict) for op in json.loads(report.read_text())["ops"]):
        pytest.skip("no optimized kernel on this host")
    for bits in (4, 3, 2):
        want = predicted("symmetric", 8) - predicted(weight_range, bits)
        got = base - measured(weight_range, bits)[0]
        assert abs(want - got) <= 192, (bits, want, got)



"""The binary XOR + popcount kernels (qnn-compile --kernels=auto, kind
"bpop") against the reference lowering and the NumPy reference, bit for bit,
on randomized configurations of qnn.bconv2d and qnn.bfully_connected:

- input channels that are not a multiple of 64 (1 to 200, one to four words
  per tap), output channels not a multiple of 8 or 64;
- batch 1-2, images up to 9x9, kernels 1x1 to 5x5 (also non-square),
  stride 1-3, dilation 1-2, asymmetric padding with pad_value 0 (the
  compile-time border correction) and 1;
- per-tensor and per-channel weight alphas, with and without bias;
- f32, quantized (i8 / u8, per tensor) and binary (bit-packed) results;
- constant weight words with random bits past C (cleared by bitunpack);

and qnn.max_pool2d on binary tensors (rule N13.1, a word-wise AND: the
reference lowering against the NumPy bit-level model);

half of the bconv / bfc configurations carry a hand-written `qnn.kernel` with a random
tile (mr 1-8, nr 1-4) and 2, 4 or 8 lanes. The kernels also run split over
2 OpenMP threads and compiled for an AVX2 CPU (--mcpu=haswell: the nibble
popcount). `python test/Integration/test_binary_sweep.py FAMILY N SEED
[THREADS]` runs a longer sweep (FAMILY: bconv, bfc or bmaxpool).
"""

import os
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import harness as H  # noqa: E402
import reference as R  # noqa: E402
from reference import BinType, QType  # noqa: E402

FUNCS_PER_MODULE = 60


def has_avx2() -> bool:
    try:
        return " avx2 " in Path("/proc/cpuinfo").read_text()
    except OSError:
        return False


def random_words(rng, shape, c, dirty=False):
    """Random packed words for `c` channels; tail bits random when `dirty`."""
    words = rng.integers(-(1 << 63), (1 << 63) - 1, shape, dtype=np.int64, endpoint=True)
    if not dirty and c % 64:
        mask = np.int64((1 << (c % 64)) - 1)
        words[..., -1] &= mask
    return words


def clear_tail(words, c):
    words = words.copy()
    if c % 64:
        words[..., -1] &= np.int64((1 << (c % 64)) - 1)
    return words


def random_fields(rng, cin, n):
    bx = BinType(float(rng.choice([0.5, 1.0, 0.03125, 1.7])))
    if rng.random() < 0.5:
        bw = BinType(float(rng.uniform(0.01, 2.0)))
    else:
        bw = BinType([float(a) for a in rng.uniform(0.01, 2.0, n)], axis=0)
    bias = rng.normal(0, 20, n).astype(np.float32) if rng.random() < 0.6 else None
    kind = rng.choice(["f32", "q", "bin"])
    if kind == "f32":
        out = "f32"
    elif kind == "q":
        if rng.random() < 0.5:
            out = QType("i8", float(rng.uniform(0.05, 2.0)), int(rng.integers(-20, 20)))
        else:
            out = QType("u8", float(rng.uniform(0.05, 2.0)), int(rng.integers(0, 256)))
    else:
        out = BinType(float(rng.uniform(0.1, 2.0)))
    return dict(bx=bx, bw=bw, bias=bias, out=out)


def random_kernel(rng):
    if rng.random() < 0.5:
        return None
    return (f'{{kind = "bpop", mr = {int(rng.integers(1, 9))} : i64, '
            f'nr = {int(rng.integers(1, 5))} : i64, lanes = {int(rng.choice([2, 4, 8]))} : i64}}')


def out_type_text(out, shape):
    dims = "x".join(map(str, shape))
    if out == "f32":
        return f"tensor<{dims}xf32>"
    return f"tensor<{dims}x{out.mlir()}>"


def out_container(out, shape):
    """(shape, dtype) of the result's storage."""
    if out == "f32":
        return tuple(shape), np.float32
    if isinstance(out, BinType):
        return tuple(shape[:-1]) + (R.num_words(shape[-1]),), np.int64
    return tuple(shape), out.container_dtype


class BConv:
    name = "bconv"

    @staticmethod
    def config(rng, idx):
        cin = int(rng.choice([1, 3, 17, 63, 64, 65, 70, 128, 130, 200]))
        n = int(rng.choice([1, 3, 7, 8, 9, 16, 17, 24, 31, 32, 33, 64, 65, 70]))
        while True:
            batch = int(rng.choice([1, 1, 2]))
            h, w = (int(v) for v in rng.integers(1, 10, 2))
            kh, kw = (int(v) for v in rng.choice([1, 1, 2, 3, 3, 5], 2))
            stride = tuple(int(v) for v in rng.choice([1, 1, 2, 3], 2))
            dilation = tuple(int(v) for v in rng.choice([1, 1, 1, 2], 2))
            pad = (tuple(int(v) for v in rng.integers(0, 3, 4))
                   if rng.random() < 0.7 else (0, 0, 0, 0))
            nh = h + pad[0] + pad[1] - dilation[0] * (kh - 1) - 1
            nw = w + pad[2] + pad[3] - dilation[1] * (kw - 1) - 1
            if nh >= 0 and nw >= 0:
                break
        oh, ow = nh // stride[0] + 1, nw // stride[1] + 1
        c = dict(name=f"bconv{idx}", cin=cin, n=n, stride=stride, pad=pad, dilation=dilation,
                 pad_value=int(rng.integers(0, 2)), xshape=(batch, h, w, cin),
                 yshape=(batch, oh, ow, n), kernel=random_kernel(rng))
        c["wwords"] = random_words(rng, (n, kh, kw, R.num_words(cin)), cin, dirty=True)
        c.update(random_fields(rng, cin, n))
        return c

    @staticmethod
    def op_text(c, operands, types, y_t):
        attrs = [f"stride = array<i64: {', '.join(map(str, c['stride']))}>",
                 f"pad = array<i64: {', '.join(map(str, c['pad']))}>",
                 f"dilation = array<i64: {', '.join(map(str, c['dilation']))}>",
                 f"pad_value = {c['pad_value']} : i64"]
        if c["kernel"]:
            attrs.append(f"qnn.kernel = {c['kernel']}")
        return f"  %y = qnn.bconv2d {operands} {{{', '.join(attrs)}}} : ({types}) -> {y_t}"

    @staticmethod
    def reference(c, xw):
        return R.bconv2d(xw, c["cin"], c["bx"], clear_tail(c["wwords"], c["cin"]), c["bw"],
                         c["bias"], c["out"], stride=c["stride"], pad=c["pad"],
                         dilation=c["dilation"], pad_value=c["pad_value"])

    @staticmethod
    def describe(c):
        return (f"x={c['xshape']} w={c['wwords'].shape} stride={c['stride']} pad={c['pad']} "
                f"dilation={c['dilation']} pad_value={c['pad_value']}")


class BFullyConnected:
    name = "bfc"

    @staticmethod
    def config(rng, idx):
        m = int(rng.integers(1, 20))
        cin = int(rng.choice([1, 3, 17, 63, 64, 65, 70, 128, 130, 200, 300]))
        n = int(rng.choice([1, 3, 7, 8, 9, 16, 17, 24, 31, 32, 33, 64, 65, 70, 100]))
        c = dict(name=f"bfc{idx}", cin=cin, n=n, xshape=(m, cin), yshape=(m, n),
                 kernel=random_kernel(rng))
        c["wwords"] = random_words(rng, (n, R.num_words(cin)), cin, dirty=True)
        c.update(random_fields(rng, cin, n))
        return c

    @staticmethod
    def op_text(c, operands, types, y_t):
        attrs = f" {{qnn.kernel = {c['kernel']}}}" if c["kernel"] else ""
        return f"  %y = qnn.bfully_connected {operands}{attrs} : ({types}) -> {y_t}"

    @staticmethod
    def reference(c, xw):
        return R.bfully_connected(xw, c["cin"], c["bx"], clear_tail(c["wwords"], c["cin"]),
                                  c["bw"], c["bias"], c["out"])

    @staticmethod
    def describe(c):
        return f"x={c['xshape']} w={c['wwords'].shape}"


class BMaxPool:
    """qnn.max_pool2d on binary tensors (rule N13.1): the reference lowering
    (a word-wise AND, the only lowering) against the NumPy bit-level model."""
    name = "bmaxpool"

    @staticmethod
    def config(rng, idx):
        cin = int(rng.choice([1, 3, 17, 63, 64, 65, 70, 128, 130, 200]))
        while True:
            batch = int(rng.choice([1, 1, 2]))
            h, w = (int(v) for v in rng.integers(1, 10, 2))
            kh, kw = (int(v) for v in rng.choice([1, 2, 2, 3, 3, 4], 2))
            stride = tuple(int(v) for v in rng.choice([1, 1, 2, 3], 2))
            pad = (tuple(int(rng.integers(0, k)) for k in (kh, kh, kw, kw))
                   if rng.random() < 0.7 else (0, 0, 0, 0))
            nh = h + pad[0] + pad[1] - kh
            nw = w + pad[2] + pad[3] - kw
            if nh >= 0 and nw >= 0:
                break
        bx = (BinType(float(rng.uniform(0.1, 2.0))) if rng.random() < 0.5 else
              BinType([float(a) for a in rng.uniform(0.1, 2.0, cin)], axis=3))
        return dict(name=f"bmax{idx}", cin=cin, kernel=(kh, kw), stride=stride, pad=pad,
                    xshape=(batch, h, w, cin),
                    yshape=(batch, nh // stride[0] + 1, nw // stride[1] + 1, cin),
                    bx=bx, out=bx)

    @staticmethod
    def function_text(c):
        dims = lambda s: "x".join(map(str, s))  # noqa: E731
        x_t = f"tensor<{dims(c['xshape'])}x{c['bx'].mlir()}>"
        y_t = f"tensor<{dims(c['yshape'])}x{c['bx'].mlir()}>"
        attrs = (f"kernel = array<i64: {', '.join(map(str, c['kernel']))}>, "
                 f"stride = array<i64: {', '.join(map(str, c['stride']))}>, "
                 f"pad = array<i64: {', '.join(map(str, c['pad']))}>")
        return (f"func.func @{c['name']}(%x: {x_t}) -> {y_t} {{\n"
                f"  %y = qnn.max_pool2d %x {{{attrs}}} : {x_t} -> {y_t}\n"
                f"  return %y : {y_t}\n}}")

    @staticmethod
    def reference(c, xw):
        return R.max_pool2d_binary(xw, c["cin"], c["kernel"], c["stride"], c["pad"])

    @staticmethod
    def describe(c):
        return f"x={c['xshape']} kernel={c['kernel']} stride={c['stride']} pad={c['pad']}"


FAMILIES = {f.name: f for f in (BConv, BFullyConnected, BMaxPool)}


def function_text(family, c):
    if hasattr(family, "function_text"):
        return family.function_text(c)
    dims = lambda s: "x".join(map(str, s))  # noqa: E731
    x_t = f"tensor<{dims(c['xshape'])}x{c['bx'].mlir()}>"
    wshape = c["wwords"].shape[:-1] + (c["cin"],)
    w_t = f"tensor<{dims(wshape)}x{c['bw'].mlir()}>"
    words_t = f"tensor<{dims(c['wwords'].shape)}xi64>"
    y_t = out_type_text(c["out"], c["yshape"])
    lines = [f"func.func @{c['name']}(%x: {x_t}) -> {y_t} {{",
             f"  %wc = arith.constant dense<{c['wwords'].tolist()}> : {words_t}",
             f"  %w = qnn.bitunpack %wc : {words_t} -> {w_t}"]
    operands, types = "%x, %w", f"{x_t}, {w_t}"
    if c["bias"] is not None:
        vals = ", ".join(R.fmt_float(float(v)) for v in c["bias"])
        lines.append(f"  %b = arith.constant dense<[{vals}]> : tensor<{c['n']}xf32>")
        operands += ", %b"
        types += f", tensor<{c['n']}xf32>"
    lines.append(family.op_text(c, operands, types, y_t))
    lines.append(f"  return %y : {y_t}")
    lines.append("}")
    return "\n".join(lines)


def same(got, want):
    """Bit-for-bit equality (f32 compared as bits, so -0.0 != 0.0)."""
    got, want = np.asarray(got), np.asarray(want)
    if got.shape != want.shape:
        return False
    if got.dtype == np.float32:
        return np.array_equal(got.view(np.int32), want.astype(np.float32).view(np.int32))
    return np.array_equal(got.astype(np.int64), want.astype(np.int64))


def run_sweep(family, count, seed, threads=1, mcpu=None):
    """Returns (configurations checked, mismatch descriptions)."""
    rng = np.random.default_rng(seed)
    checked, failures = 0, []
    for start in range(0, count, FUNCS_PER_MODULE):
        configs = [family.config(rng, i)
                   for i in range(start, min(count, start + FUNCS_PER_MODULE))]
        with tempfile.TemporaryDirectory(prefix="qnn-bpop-") as tmp:
            fast_args = ["--kernels=auto", f"--num-threads={threads}"]
            if mcpu:
                fast_args.append(f"--mcpu={mcpu}")
            fasts, slow = H.compile_fast_and_reference(
                [function_text(family, c) for c in configs], tmp, fast_args, ["-O0"])
            for c, fast in zip(configs, fasts):
                words_shape = c["xshape"][:-1] + (R.num_words(c["cin"]),)
                xw = random_words(rng, words_shape, c["cin"])
                out = [out_container(c["out"], c["yshape"])]
                desc = (f"{c['name']} threads={threads} mcpu={mcpu} {family.describe(c)} "
                        f"bx={c['bx']} bw={c.get('bw')} out={c['out']} "
                        f"bias={c.get('bias') is not None} kernel={c.get('kernel')}")
                checked += 1
                try:
                    (got,) = H.call_library(fast, c["name"], [xw], out, tmp)
                    (ref,) = H.call_library(slow, c["name"], [xw], out, tmp)
                except (H.RunError, OSError) as err:
                    failures.append(f"{desc}: {err}")
                    continue
                want = family.reference(c, xw)
                if not (same(got, ref) and same(got, want)):
                    failures.append(desc)
    return checked, failures


@pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")
@pytest.mark.skipif(not has_avx2(), reason="this CPU has no AVX2")
@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_binary_kernel_matches_reference(family):
    count = int(os.environ.get("QNN_BINARY_SWEEP", "1020"))
    checked, failures = run_sweep(FAMILIES[family], count, seed=2026)
    assert not failures, f"{len(failures)} of {checked} differ, e.g. {failures[:5]}"
    assert checked >= count


@pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")
@pytest.mark.skipif(not has_avx2(), reason="this CPU has no AVX2")
@pytest.mark.parametrize("family", ["bconv", "bfc"])
def test_binary_kernel_two_threads_matches_reference(family):
    count = int(os.environ.get("QNN_BINARY_THREADS_SWEEP", "120"))
    checked, failures = run_sweep(FAMILIES[family], count, seed=78, threads=2)
    assert not failures, f"{len(failures)} of {checked} differ, e.g. {failures[:5]}"
    assert checked >= count


@pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")
@pytest.mark.skipif(not has_avx2(), reason="this CPU has no AVX2")
@pytest.mark.parametrize("family", ["bconv", "bfc"])
def test_binary_kernel_for_avx2_matches_reference(family):
    """Compiled for an AVX2 CPU (--mcpu=haswell): 4 lanes, nibble popcount."""
    count = int(os.environ.get("QNN_BINARY_AVX2_SWEEP", "120"))
    checked, failures = run_sweep(FAMILIES[family], count, seed=6, mcpu="haswell")
    assert not failures, f"{len(failures)} of {checked} differ, e.g. {failures[:5]}"
    assert checked >= count


if __name__ == "__main__":
    fam = FAMILIES[sys.argv[1]] if len(sys.argv) > 1 else BConv
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    checked, failures = run_sweep(fam, n, seed, threads)
    print(f"{fam.name}: {checked} configurations checked, {len(failures)} mismatches")
    for f in failures[:20]:
        print(" ", f)
    sys.exit(1 if failures else 0)

"""The VNNI kernels (qnn-compile --kernels=auto) against the reference
lowering (--kernels=reference) and the NumPy reference, bit for bit, on
randomized configurations of each op family:

- fully_connected: ragged M, N and K (not multiples of 4 or 16);
- conv2d: batch 1-2, images up to 9x9, input channels not a multiple of 4
  or 64, ragged output channels, kernels 1x1 to 5x5 (also non-square),
  stride 1-3, dilation 1-2, asymmetric padding;
- depthwise_conv2d (multiplier 1): channels not a multiple of 16, the same
  windows, per-tensor and per-channel (axis 2) weights, some of them u8
  (0..255);

half of the conv2d and depthwise configurations carry a hand-written
`qnn.kernel` with a random register tile and `pad = "band"` (padding one
output row at a time);

with u8 and s8 activations (and some u4, i4 and u2 ones, in byte
containers), i8 and some i4 weights, per-tensor and per-channel weights,
narrow and full weight ranges, with and without bias, every fused activation, i8,
u8 and i16 results, and both requantization modes.

The kernels also run split over 2 OpenMP threads on 240 configurations per
family, and conv2d / fully_connected compiled for an AVX2 CPU (the dot4
kernel: vpmaddubsw on narrow weights, else vpmaddwd) on 180 each, half of
them with narrow weights, and depthwise_conv2d for an AVX2 CPU on 120. `python test/Integration/test_vnni_sweep.py FAMILY N SEED [THREADS]`
runs a longer sweep (FAMILY: fc, conv or depthwise).
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
from reference import QType  # noqa: E402

FUNCS_PER_MODULE = 60


def has_vnni() -> bool:
    try:
        return "avx512_vnni" in Path("/proc/cpuinfo").read_text()
    except OSError:
        return False


def random_types(rng, n, k):
    """Activation, weight and result types for n output channels and a
    reduction of k products."""
    # Mostly 8-bit; also narrower storage in byte containers (rule N1.4).
    xs = str(rng.choice(["u8", "u8", "u8", "i8", "i8", "i8", "u4", "i4", "u2"]))
    xt = QType(xs, 1.0, 0)
    xq = QType(xs, float(rng.uniform(0.005, 0.05)), int(rng.integers(xt.qmin, xt.qmax + 1)))
    ws = "i8" if rng.random() < 0.85 else "i4"
    wt = QType(ws, 1.0, 0)
    narrow = rng.random() < 0.5
    lo, hi = (wt.qmin + 1, wt.qmax) if narrow else (wt.qmin, wt.qmax)
    if rng.random() < 0.5:
        wq = QType(ws, float(rng.uniform(0.002, 0.02)), 0, qmin=lo if narrow else None,
                   qmax=hi if narrow else None)
    else:
        wq = QType(ws, [float(s) for s in rng.uniform(0.002, 0.02, n)], 0, axis=0,
                   qmin=lo if narrow else None, qmax=hi if narrow else None)
    storage = str(rng.choice(["i8", "u8", "i16"]))
    # Output scales around the accumulator's spread so some outputs saturate.
    ys = float(xq.scales[0] * 0.01 * np.sqrt(k) * rng.uniform(0.5, 40))
    if storage == "i8":
        yq = QType("i8", ys, int(rng.integers(-20, 20)))
    elif storage == "u8":
        yq = QType("u8", ys, int(rng.integers(0, 60)))
    else:
        yq = QType("i16", ys / 100, int(rng.integers(-300, 300)))
    return xq, wq, yq, lo, hi


def common_fields(rng, n, k, wshape):
    xq, wq, yq, lo, hi = random_types(rng, n, k)
    act = str(rng.choice(["none", "relu", "relu6"]))
    w = rng.integers(lo, hi + 1, wshape)
    bias = rng.integers(-5000, 5000, n) if rng.random() < 0.7 else None
    return dict(xq=xq, wq=wq, yq=yq, act=act, w=w, bias=bias)


class FullyConnected:
    name = "fc"

    @staticmethod
    def config(rng, idx):
        m = int(rng.integers(1, 12))
        k = int(rng.choice([1, 2, 3, 4, 5, 7, 8, 13, 16, 31, 64, 67, 100]))
        n = int(rng.choice([1, 3, 15, 16, 17, 31, 32, 33, 48, 64, 65, 70, 100]))
        c = dict(name=f"fc{idx}", m=m, k=k, n=n, xshape=(m, k), yshape=(m, n))
        c.update(common_fields(rng, n, k, (n, k)))
        return c

    @staticmethod
    def op_text(c, operands, types, y_t):
        attrs = "" if c["act"] == "none" else f" {{activation = #qnn.activation<{c['act']}>}}"
        return f"  %y = qnn.fully_connected {operands}{attrs} : ({types}) -> {y_t}"

    @staticmethod
    def reference(c, x, mode):
        return R.fully_connected(x, c["xq"], c["w"], c["wq"], c["bias"], c["yq"],
                                 activation=c["act"], mode=mode)

    @staticmethod
    def describe(c):
        return f"m={c['m']} k={c['k']} n={c['n']}"


def random_window(rng, max_hw, kernels):
    """Batch, input (h, w), kernel (kh, kw), window attributes and output
    (oh, ow) of a random valid convolution (rule N8.2)."""
    while True:
        batch = int(rng.choice([1, 1, 2]))
        h, w = (int(v) for v in rng.integers(1, max_hw + 1, 2))
        kh, kw = (int(v) for v in rng.choice(kernels, 2))
        stride = tuple(int(v) for v in rng.choice([1, 1, 2, 3], 2))
        dilation = tuple(int(v) for v in rng.choice([1, 1, 1, 2], 2))
        pad = tuple(int(v) for v in rng.integers(0, 3, 4)) if rng.random() < 0.7 else (0, 0, 0, 0)
        num_h = h + pad[0] + pad[1] - dilation[0] * (kh - 1) - 1
        num_w = w + pad[2] + pad[3] - dilation[1] * (kw - 1) - 1
        if num_h >= 0 and num_w >= 0:
            win = dict(stride=stride, pad=pad, dilation=dilation)
            return batch, (h, w), (kh, kw), win, (num_h // stride[0] + 1, num_w // stride[1] + 1)


class Conv2D:
    name = "conv"

    @staticmethod
    def config(rng, idx):
        cin = int(rng.choice([1, 2, 3, 4, 5, 7, 8, 13, 16, 33, 64, 67]))
        n = int(rng.choice([1, 3, 15, 16, 17, 31, 32, 33, 48, 50, 64, 65]))
        batch, (h, w), (kh, kw), win, (oh, ow) = random_window(rng, max_hw=9, kernels=[1, 1, 2, 3, 3, 5])
        c = dict(name=f"conv{idx}", n=n, **win,
                 xshape=(batch, h, w, cin), yshape=(batch, oh, ow, n))
        c.update(common_fields(rng, n, kh * kw * cin, (n, kh, kw, cin)))
        # Half the configurations carry a hand-written kernel choice: a
        # random register tile, padding one output row at a time.
        if rng.random() < 0.5:
            c["kernel"] = (f'{{kind = "vnni512", mr = {int(rng.integers(1, 9))} : i64, '
                           f'nr = {int(rng.integers(1, 4))} : i64, pad = "band"}}')
        return c

    @staticmethod
    def op_text(c, operands, types, y_t):
        attrs = [f"stride = array<i64: {', '.join(map(str, c['stride']))}>",
                 f"pad = array<i64: {', '.join(map(str, c['pad']))}>",
                 f"dilation = array<i64: {', '.join(map(str, c['dilation']))}>"]
        if c["act"] != "none":
            attrs.append(f"activation = #qnn.activation<{c['act']}>")
        if "kernel" in c:
            attrs.append(f"qnn.kernel = {c['kernel']}")
        return (f"  %y = qnn.conv2d {operands} {{{', '.join(attrs)}}} : ({types}) -> {y_t}")

    @staticmethod
    def reference(c, x, mode):
        return R.conv2d(x, c["xq"], c["w"], c["wq"], c["bias"], c["yq"], stride=c["stride"],
                        pad=c["pad"], dilation=c["dilation"], activation=c["act"], mode=mode)

    @staticmethod
    def describe(c):
        return (f"x={c['xshape']} w={c['w'].shape} stride={c['stride']} pad={c['pad']} "
                f"dilation={c['dilation']}")


class Depthwise:
    name = "depthwise"

    @staticmethod
    def config(rng, idx):
        ch = int(rng.choice([1, 3, 8, 15, 16, 17, 24, 32, 33, 40, 64, 70]))
        batch, (h, w), (kh, kw), win, (oh, ow) = random_window(rng, max_hw=11, kernels=[1, 2, 3, 3, 3, 5])
        c = dict(name=f"dw{idx}", n=ch, **win,
                 xshape=(batch, h, w, ch), yshape=(batch, oh, ow, ch))
        c.update(common_fields(rng, ch, kh * kw, (kh, kw, ch, 1)))
        wq = c["wq"]
        if wq.axis is not None:  # depthwise weights are per axis 2
            c["wq"] = QType("i8", list(wq.scales), 0, axis=2, qmin=wq.qmin, qmax=wq.qmax)
        if rng.random() < 0.15:
            # Unsigned weights (zero point 0): stored integers 0..255.
            wq = c["wq"]
            c["wq"] = (QType("u8", list(wq.scales), 0, axis=2) if wq.axis is not None
                       else QType("u8", wq.scales[0], 0))
            c["w"] = rng.integers(0, 256, (kh, kw, ch, 1))
        if rng.random() < 0.5:
            c["kernel"] = f'{{kind = "dwvec", mr = {int(rng.integers(1, 9))} : i64, pad = "band"}}'
        return c

    @staticmethod
    def op_text(c, operands, types, y_t):
        return Conv2D.op_text(c, operands, types, y_t).replace("qnn.conv2d", "qnn.depthwise_conv2d")

    @staticmethod
    def reference(c, x, mode):
        return R.depthwise_conv2d(x, c["xq"], c["w"], c["wq"], c["bias"], c["yq"],
                                  stride=c["stride"], pad=c["pad"], dilation=c["dilation"],
                                  activation=c["act"], mode=mode)

    describe = Conv2D.describe


FAMILIES = {f.name: f for f in (FullyConnected, Conv2D, Depthwise)}


def shape_text(shape):
    return "x".join(str(d) for d in shape)


def function_text(family, c):
    x_t = f"tensor<{shape_text(c['xshape'])}x{c['xq'].mlir()}>"
    w_shape = shape_text(c["w"].shape)
    w_t = f"tensor<{w_shape}x{c['wq'].mlir()}>"
    y_t = f"tensor<{shape_text(c['yshape'])}x{c['yq'].mlir()}>"
    wi = f"i{c['wq'].bits}"  # the constant's integer type is the storage type
    lines = [f"func.func @{c['name']}(%x: {x_t}) -> {y_t} {{",
             f"  %wc = arith.constant dense<{c['w'].tolist()}> : tensor<{w_shape}x{wi}>",
             f"  %w = quant.scast %wc : tensor<{w_shape}x{wi}> to {w_t}"]
    operands, types = "%x, %w", f"{x_t}, {w_t}"
    if c["bias"] is not None:
        lines.append(f"  %b = arith.constant dense<{c['bias'].tolist()}> : tensor<{c['n']}xi32>")
        operands += ", %b"
        types += f", tensor<{c['n']}xi32>"
    lines.append(family.op_text(c, operands, types, y_t))
    lines.append(f"  return %y : {y_t}")
    lines.append("}")
    return "\n".join(lines)


def run_sweep(family, count, seed, threads=1, mcpu=None, adapt=None, text_of=function_text,
              extra_inputs=None, per_module=FUNCS_PER_MODULE):
    """Returns (configs checked, list of mismatch descriptions). Each
    configuration runs in one requantization mode; the binaries of a module
    (--kernels=auto in parts, and the reference) compile concurrently. `adapt(rng, c)`
    changes each configuration after family.config, `text_of(family, c)`
    writes its function, `extra_inputs(c)` gives arrays passed after the
    input (test_codebook_sweep.py)."""
    rng = np.random.default_rng(seed)
    checked, failures = 0, []
    for start in range(0, count, per_module):
        mode = ("fixed", "float")[(start // per_module) % 2]
        configs = []
        for i in range(start, min(count, start + per_module)):
            configs.append(family.config(rng, i))
            if adapt:
                adapt(rng, configs[-1])
        with tempfile.TemporaryDirectory(prefix="qnn-vnni-") as tmp:
            args = H.mode_args(mode)
            fast_args = list(args) + ["--kernels=auto", f"--num-threads={threads}"]
            if mcpu:
                fast_args.append(f"--mcpu={mcpu}")
            # The oracle at -O0: it compiles 10x faster, and its results
            # do not depend on the optimization level.
            fasts, slow = H.compile_fast_and_reference(
                [text_of(family, c) for c in configs], tmp, fast_args, list(args) + ["-O0"])
            for c, fast in zip(configs, fasts):
                x = c["xq"].random(rng, c["xshape"])
                ins = [c["xq"].to_container(x)] + (extra_inputs(c) if extra_inputs else [])
                out = [(c["yshape"], c["yq"].container_dtype)]
                desc = (f"{c['name']} mode={mode} threads={threads} mcpu={mcpu} "
                        f"{family.describe(c)} "
                        f"x={c['xq']} w={c['wq']} y={c['yq']} act={c['act']} "
                        f"bias={c['bias'] is not None} {c.get('codebook', '')}")
                checked += 1
                try:
                    (got,) = H.call_library(fast, c["name"], ins, out, tmp)
                    (ref,) = H.call_library(slow, c["name"], ins, out, tmp)
                except (H.RunError, OSError) as err:
                    failures.append(f"{desc}: {err}")
                    continue
                want = family.reference(c, x, mode)
                if not (np.array_equal(got, ref) and np.array_equal(got.astype(np.int64), want)):
                    failures.append(desc)
    return checked, failures


@pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")
@pytest.mark.skipif(not has_vnni(), reason="this CPU has no AVX-512 VNNI")
@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_vnni_kernel_matches_reference(family):
    count = int(os.environ.get("QNN_VNNI_SWEEP", "1020"))
    checked, failures = run_sweep(FAMILIES[family], count, seed=2026)
    assert not failures, f"{len(failures)} of {checked} differ, e.g. {failures[:5]}"
    assert checked >= count


@pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")
@pytest.mark.skipif(not has_vnni(), reason="this CPU has no AVX-512 VNNI")
@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_vnni_kernel_two_threads_matches_reference(family):
    """The same kernels split over 2 OpenMP threads (--num-threads=2)."""
    count = int(os.environ.get("QNN_VNNI_THREADS_SWEEP", "240"))
    checked, failures = run_sweep(FAMILIES[family], count, seed=77, threads=2)
    assert not failures, f"{len(failures)} of {checked} differ, e.g. {failures[:5]}"
    assert checked >= count


def has_avx2() -> bool:
    try:
        return " avx2 " in Path("/proc/cpuinfo").read_text()
    except OSError:
        return False


def narrow_pairs(w) -> bool:
    """The dot4 kernel's narrow-weight rule (qnn-select-kernels): in every
    pair of input channels (the last axis; an odd last one pairs with 0) the
    positive weights sum to at most 128 and the negative ones to at least
    -128."""
    w = np.asarray(w, dtype=np.int64).reshape(-1, np.shape(w)[-1])
    if w.shape[1] % 2:
        w = np.concatenate([w, np.zeros((w.shape[0], 1), np.int64)], axis=1)
    a, b = w[:, 0::2], w[:, 1::2]
    return bool((np.maximum(a, 0) + np.maximum(b, 0)).max() <= 128
                and (np.minimum(a, 0) + np.minimum(b, 0)).min() >= -128)


def dot4_weights(rng, c):
    """Weights for both forms of the dot4 kernel: a third clipped to
    [-64, 64] and a sixth drawn from {-64, 0, 64} (narrow, the second at the
    edge: vpmaddubsw on 255 x (64 + 64) = 32640); the rest as drawn (mostly
    wide: pair-sum accumulators, or, in the configurations with a
    hand-written vnni512 tile, vpmaddubsw on activations split into 7 low
    bits and the top bit)."""
    r = rng.random()
    if r < 1 / 3:
        c["w"] = np.clip(c["w"], -64, 64)
    elif r < 0.5:
        wq = c["wq"]
        c["w"] = rng.choice([max(wq.qmin, -64), 0, min(wq.qmax, 64)], np.shape(c["w"]))
    c["narrow"] = narrow_pairs(c["w"])


@pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")
@pytest.mark.skipif(not has_avx2(), reason="this CPU has no AVX2")
@pytest.mark.parametrize("family", ["conv", "fc"])
def test_dot4_kernel_for_avx2_matches_reference(family):
    """The kernels compiled for an AVX2 CPU without AVX-512 (--mcpu=haswell):
    kind "dot4", run on this host; narrow weights take vpmaddubsw
    (qnn.dot_u8i8 {narrow_rhs}), the others pair-sum accumulators
    (vpmaddwd). Both forms occur."""
    count = int(os.environ.get("QNN_DOT4_SWEEP", "180"))
    seen = []

    def adapt(rng, c):
        dot4_weights(rng, c)
        seen.append(c["narrow"])

    checked, failures = run_sweep(FAMILIES[family], count, seed=5, mcpu="haswell", adapt=adapt)
    assert not failures, f"{len(failures)} of {checked} differ, e.g. {failures[:5]}"
    assert checked >= count
    assert sum(seen) >= count // 5 and len(seen) - sum(seen) >= count // 5, sum(seen)


@pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")
@pytest.mark.skipif(not has_avx2(), reason="this CPU has no AVX2")
def test_dwvec_kernel_for_avx2_matches_reference():
    """The depthwise kernel (dwvec) compiled for an AVX2 CPU without AVX-512
    (--mcpu=haswell), run on this host, u8 weights among the others."""
    count = int(os.environ.get("QNN_DWVEC_SWEEP", "120"))
    checked, failures = run_sweep(FAMILIES["depthwise"], count, seed=8, mcpu="haswell")
    assert not failures, f"{len(failures)} of {checked} differ, e.g. {failures[:5]}"
    assert checked >= count


if __name__ == "__main__":
    fam = FAMILIES[sys.argv[1]] if len(sys.argv) > 1 else FullyConnected
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    checked, failures = run_sweep(fam, n, seed, threads)
    print(f"{fam.name}: {checked} configurations checked, {len(failures)} mismatches")
    for f in failures[:20]:
        print(" ", f)
    sys.exit(1 if failures else 0)

"""The bit-serial kernel (qnn.kernel kind "bitserial": AND + popcount over
bit planes) against the reference lowering and the NumPy reference, bit for
bit, on randomized low-bit qnn.conv2d and qnn.fully_connected layers:

- activations u1..u4 and i2..i4 with any zero point in range;
- weights: bipolar (every value +-1, one plane), 2-bit two's complement
  (i2, values -2..1), ternary (i2<-1:1>) and up to 4 bits (i4 values in a
  narrow range); per-tensor and per-channel scales;
- the conv2d windows of test_vnni_sweep (batch 1-2, kernels 1x1 to 5x5,
  stride 1-3, dilation 1-2, asymmetric padding), input channels not a
  multiple of 64, ragged output channels;
- a random hand-written tile (mr 1-8, nr 1-4, 2, 4 or 8 lanes), with and
  without bias, every fused activation, i8 / u8 / i16 results, both
  requantization modes; 2 threads on a second seed.

`python test/Integration/test_bitserial_sweep.py FAMILY N SEED [THREADS]`
runs a longer sweep (FAMILY: conv or fc).
"""

import os
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import harness as H  # noqa: E402
import test_vnni_sweep as V  # noqa: E402
from reference import QType  # noqa: E402


def has_avx2() -> bool:
    try:
        return " avx2 " in Path("/proc/cpuinfo").read_text()
    except OSError:
        return False


def low_bit_fields(rng, n, k, wshape):
    storage = str(rng.choice(["u1", "u2", "u2", "u3", "u4", "i2", "i3", "i4"]))
    xt = QType(storage, 1.0, 0)
    xq = QType(storage, float(rng.uniform(0.05, 0.5)),
               int(rng.integers(xt.qmin, xt.qmax + 1)))
    kind = str(rng.choice(["bipolar", "i2", "ternary", "i4"]))
    if kind == "bipolar":
        w = rng.choice([-1, 1], wshape)
        store, lo, hi = "i2", -1, 1
    elif kind == "i2":
        w = rng.integers(-2, 2, wshape)
        store, lo, hi = "i2", None, None
    elif kind == "ternary":
        w = rng.integers(-1, 2, wshape)
        store, lo, hi = "i2", -1, 1
    else:
        w = rng.integers(-5, 6, wshape)
        store, lo, hi = "i4", None, None
    if rng.random() < 0.5:
        wq = QType(store, float(rng.uniform(0.02, 0.2)), 0, qmin=lo, qmax=hi)
    else:
        wq = QType(store, [float(s) for s in rng.uniform(0.02, 0.2, n)], 0, axis=0,
                   qmin=lo, qmax=hi)
    ystore = str(rng.choice(["i8", "u8", "i16"]))
    ys = float(xq.scales[0] * 0.1 * np.sqrt(k) * rng.uniform(0.2, 4))
    if ystore == "i8":
        yq = QType("i8", ys, int(rng.integers(-20, 20)))
    elif ystore == "u8":
        yq = QType("u8", ys, int(rng.integers(0, 60)))
    else:
        yq = QType("i16", ys / 100, int(rng.integers(-300, 300)))
    act = str(rng.choice(["none", "relu", "relu6"]))
    bias = rng.integers(-500, 500, n) if rng.random() < 0.7 else None
    return dict(xq=xq, wq=wq, yq=yq, act=act, w=w, bias=bias, wkind=kind)


def random_kernel(rng):
    return (f'{{kind = "bitserial", mr = {int(rng.integers(1, 9))} : i64, '
            f'nr = {int(rng.integers(1, 5))} : i64, lanes = {int(rng.choice([2, 4, 8]))} : i64}}')


class Conv(V.Conv2D):
    name = "conv"

    @staticmethod
    def config(rng, idx):
        cin = int(rng.choice([1, 3, 7, 16, 33, 63, 64, 65, 100, 130]))
        n = int(rng.choice([1, 3, 8, 9, 15, 16, 17, 31, 33, 40]))
        batch, (h, w), (kh, kw), win, (oh, ow) = V.random_window(
            rng, max_hw=9, kernels=[1, 1, 2, 3, 3, 5])
        c = dict(name=f"bsconv{idx}", n=n, **win,
                 xshape=(batch, h, w, cin), yshape=(batch, oh, ow, n))
        c.update(low_bit_fields(rng, n, kh * kw * cin, (n, kh, kw, cin)))
        c["kernel"] = random_kernel(rng)
        return c

    @staticmethod
    def describe(c):
        return V.Conv2D.describe(c) + f" weights={c['wkind']}"


class FC(V.FullyConnected):
    name = "fc"

    @staticmethod
    def config(rng, idx):
        m = int(rng.integers(1, 12))
        k = int(rng.choice([1, 3, 8, 31, 64, 65, 100, 200]))
        n = int(rng.choice([1, 3, 8, 9, 16, 17, 33, 40]))
        c = dict(name=f"bsfc{idx}", m=m, k=k, n=n, xshape=(m, k), yshape=(m, n))
        c.update(low_bit_fields(rng, n, k, (n, k)))
        c["kernel"] = random_kernel(rng)
        return c

    @staticmethod
    def op_text(c, operands, types, y_t):
        attrs = [f"qnn.kernel = {c['kernel']}"]
        if c["act"] != "none":
            attrs.append(f"activation = #qnn.activation<{c['act']}>")
        return f"  %y = qnn.fully_connected {operands} {{{', '.join(attrs)}}} : ({types}) -> {y_t}"

    @staticmethod
    def describe(c):
        return V.FullyConnected.describe(c) + f" weights={c['wkind']}"


FAMILIES = {f.name: f for f in (Conv, FC)}


@pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")
@pytest.mark.skipif(not has_avx2(), reason="this CPU has no AVX2")
@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_bitserial_kernel_matches_reference(family):
    count = int(os.environ.get("QNN_BITSERIAL_SWEEP", "1020"))
    checked, failures = V.run_sweep(FAMILIES[family], count, seed=2026)
    assert not failures, f"{len(failures)} of {checked} differ, e.g. {failures[:5]}"
    assert checked >= count


@pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")
@pytest.mark.skipif(not has_avx2(), reason="this CPU has no AVX2")
@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_bitserial_kernel_two_threads_matches_reference(family):
    count = int(os.environ.get("QNN_BITSERIAL_THREADS_SWEEP", "120"))
    checked, failures = V.run_sweep(FAMILIES[family], count, seed=79, threads=2)
    assert not failures, f"{len(failures)} of {checked} differ, e.g. {failures[:5]}"
    assert checked >= count


if __name__ == "__main__":
    fam = FAMILIES[sys.argv[1]] if len(sys.argv) > 1 else Conv
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    checked, failures = V.run_sweep(fam, n, seed, threads)
    print(f"{fam.name}: {checked} configurations checked, {len(failures)} mismatches")
    for f in failures[:20]:
        print(" ", f)
    sys.exit(1 if failures else 0)

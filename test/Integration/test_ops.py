"""Execution tests: every qnn op compiled by qnn-compile, run through the C
ABI, compared BIT-EXACTLY with the NumPy reference (reference.py).

Run:   /usr/bin/python3 -m pytest -q test/Integration/test_ops.py
       (QNN_COMPILE=/path/to/qnn-compile to override the binary;
        -k conv2d to select one op; QNN_KEEP_TMP=1 to keep modules/.so)

Every case is deterministic: its RNG is seeded from its test id.
"""

import os
import sys
import zlib

import numpy as np
import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as H  # noqa: E402
import reference as R  # noqa: E402
from harness import T, attr_dict, activation_attr, f32_attr, i64_array  # noqa: E402
from reference import BinType, QType  # noqa: E402

pytestmark = pytest.mark.skipif(
    not H.compiler_available(),
    reason=f"qnn-compile not found at {H.QNN_COMPILE} (build it, or set QNN_COMPILE)")

MODES = ["fixed", "float"]


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

def rng_for(*key) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(repr(key).encode()))


def pick_scale(absmax_real: float, qt_storage: QType, spread: float) -> float:
    """Output scale such that the real range covers `spread` times the
    half-range of the storage type (spread > 1 -> clipping at both ends)."""
    half = (qt_storage.qmax - qt_storage.qmin) / 2.0
    if absmax_real <= 0:
        return 1.0
    return float(absmax_real / (spread * half))


def check(out: np.ndarray, exp: np.ndarray, what: str = ""):
    """Bit-exact comparison with a readable report of the first mismatches."""
    out = np.asarray(out)
    exp = np.asarray(exp)
    assert out.shape == exp.shape, f"{what}: shape {out.shape} != expected {exp.shape}"
    assert out.dtype == exp.dtype, f"{what}: dtype {out.dtype} != expected {exp.dtype}"
    if exp.dtype.kind == "f":
        eq = (out == exp) | (np.isnan(out) & np.isnan(exp))
    else:
        eq = out == exp
    if np.all(eq):
        return
    bad = np.argwhere(~eq)
    lines = [f"{what}: {len(bad)} of {exp.size} elements differ"]
    for idx in bad[:12]:
        idx = tuple(int(i) for i in idx)
        g, e = out[idx], exp[idx]
        extra = ""
        if "words" in what:
            extra = f"  xor=0x{(int(g) ^ int(e)) & ((1 << 64) - 1):016x}"
        lines.append(f"  at {idx}: got {g!r}, expected {e!r}{extra}")
    if exp.dtype.kind in "iu":
        d = out.astype(np.int64) - exp.astype(np.int64)
        lines.append(f"  max |diff| = {int(np.abs(d).max())}")
    pytest.fail("\n".join(lines))


def run_and_check(op, operands, result: T, expected, attrs=None, mode="fixed", sig=None):
    out = H.run_op(op, operands, result, attrs=attrs, mode=mode, sig=sig)
    if isinstance(result.elem, QType):
        expected = result.elem.to_container(expected)
        what = f"qnn.{op} ({result.elem_str()}, mode={mode})"
    elif isinstance(result.elem, BinType):
        expected = np.asarray(expected, np.int64)
        what = f"qnn.{op} packed words"
    else:
        expected = np.asarray(expected).astype(result.container_dtype)
        what = f"qnn.{op} ({result.elem_str()})"
    check(out, expected, what)


def rand_scales(rng, n, lo=0.002, hi=0.02):
    return [float(v) for v in rng.uniform(lo, hi, n)]


def conv_attrs(stride, pad, dil, activation=None, omit_defaults=False, extra=None):
    d = {}
    if not (omit_defaults and tuple(stride) == (1, 1)):
        d["stride"] = i64_array(stride)
    if not (omit_defaults and tuple(pad) == (0, 0, 0, 0)):
        d["pad"] = i64_array(pad)
    if not (omit_defaults and tuple(dil) == (1, 1)):
        d["dilation"] = i64_array(dil)
    d["activation"] = activation_attr(activation)
    if extra:
        d.update(extra)
    return attr_dict(**d)


def make_weight_type(rng, kind: str, n: int, axis: int) -> QType:
    """kind: pt | pt_asym | pt_i4 | pc_narrow | pc_asym | pc"""
    if kind == "pt":
        return QType("i8", float(rng.uniform(0.002, 0.02)), 0)
    if kind == "pt_asym":
        return QType("i8", float(rng.uniform(0.002, 0.02)), int(rng.integers(-20, 21)))
    if kind == "pt_i4":
        return QType("i4", float(rng.uniform(0.05, 0.2)), 0)
    if kind == "pc_narrow":
        return QType("i8", rand_scales(rng, n), 0, axis=axis, qmin=-127, qmax=127)
    if kind == "pc":
        return QType("i8", rand_scales(rng, n), 0, axis=axis)
    if kind == "pc_asym":
        return QType("i8", rand_scales(rng, n), [int(z) for z in rng.integers(-20, 21, n)], axis=axis)
    raise ValueError(kind)


def _weights(rng, cfg, qw, shape):
    if cfg["scales"] is not None:
        qw = QType("i8", cfg["scales"][1], 0)
    if cfg["wrange"] is not None:
        return qw, qw.random(rng, shape, *cfg["wrange"])
    if cfg["M"] is not None:   # small values so that M > 1 does not just saturate
        return qw, qw.random(rng, shape, -6, 6)
    return qw, qw.random(rng, shape)


def _modes_must_differ(cid, ref_fn):
    """For *_ties cases the two requantization modes must give different
    results, otherwise the case cannot tell them apart."""
    if cid.endswith("ties"):
        assert not np.array_equal(ref_fn("fixed"), ref_fn("float")), "ties case does not separate modes"


def act_type(storage: str, zp: int, scale: float = 1.0) -> QType:
    return QType(storage, scale, zp)


def per_channel_absmax(acc, s_x, s_w_list):
    """max over channels (last axis) of |acc| * s_x * s_w[c]."""
    a = np.abs(np.asarray(acc, np.float64)).reshape(-1, acc.shape[-1]).max(axis=0)
    return float(np.max(a * s_x * np.array(s_w_list)))


# ---------------------------------------------------------------------------
# N2 quantize
# ---------------------------------------------------------------------------

QUANTIZE_CASES = [
    # id, shape, qtype factory, special
    ("i8_pt_pow2_ties", (2, 9), lambda r: QType("i8", 0.25, -3), "ties"),
    ("u8_pt", (3, 7), lambda r: QType("u8", 0.0372, 128), None),
    ("i16_pt", (4, 33), lambda r: QType("i16", 0.00123, -7), None),
    ("i4_pt", (5, 5), lambda r: QType("i4", 0.5, -1), "ties"),
    ("u4_pt", (2, 9), lambda r: QType("u4", 0.3, 3), None),
    ("i8_narrow", (1, 4, 4, 3), lambda r: QType("i8", 0.1, 0, qmin=-127, qmax=127), None),
    ("i8_axis0", (3, 5), lambda r: QType("i8", [0.1, 0.02, 0.5], [1, -2, 0], axis=0), None),
    ("u8_axis_last", (2, 4, 6), lambda r: QType("u8", rand_scales(r, 6, 0.01, 0.1),
                                                 [0, 128, 255, 3, 77, 200], axis=2), None),
    ("i8_axis1_nhwc", (1, 3, 2, 5), lambda r: QType("i8", [0.125, 0.5, 0.0625], [-128, 0, 127],
                                                     axis=1), "ties"),
    ("i8_specials", (16,), lambda r: QType("i8", 0.1, 5), "specials"),
]


def _quantize_input(rng, shape, qt: QType, special):
    s, zp = qt.broadcast_params(shape)
    lo = s * (qt.qmin - zp)
    hi = s * (qt.qmax - zp)
    x = rng.uniform(lo * 1.3 - s, hi * 1.3 + s).astype(np.float32)
    if special == "ties":
        # exact halfway points when s is a power of two
        k = rng.integers(qt.qmin - 2, qt.qmax + 2, shape)
        tie = ((k - zp + 0.5) * s).astype(np.float32)
        x = np.where(rng.random(shape) < 0.5, tie, x).astype(np.float32)
    if special == "specials":
        vals = [np.nan, np.inf, -np.inf, 3e38, -3e38, -0.0, 0.0, 1e-45, -1e-45,
                0.05, -0.05, 0.15, -0.25, 12.7, -13.3, 1e10]
        x = np.array(vals, np.float32).reshape(shape)
    return x


@pytest.mark.parametrize("cid,shape,qtf,special", QUANTIZE_CASES, ids=[c[0] for c in QUANTIZE_CASES])
def test_quantize(cid, shape, qtf, special):
    rng = rng_for("quantize", cid)
    qt = qtf(rng)
    x = _quantize_input(rng, shape, qt, special)
    exp = R.quantize(x, qt)
    run_and_check("quantize", [(T(shape, "f32"), x)], T(shape, qt), exp)


# ---------------------------------------------------------------------------
# N3 dequantize
# ---------------------------------------------------------------------------

DEQUANTIZE_CASES = [
    ("i8_pt", (2, 3), lambda r: QType("i8", 0.05, -3)),
    ("u8_pt", (1, 5, 5, 3), lambda r: QType("u8", 0.0235, 128)),
    ("i16_pt", (7, 11), lambda r: QType("i16", 0.000731, 100)),
    ("i4_pt", (3, 5), lambda r: QType("i4", 0.3, 2)),
    ("i8_narrow", (4, 4), lambda r: QType("i8", 0.1, 0, qmin=-127, qmax=127)),
    ("i8_axis0", (4, 3, 3, 2), lambda r: QType("i8", rand_scales(r, 4), [0, -1, 5, -128], axis=0)),
    ("u8_axis_last", (2, 3, 70), lambda r: QType("u8", rand_scales(r, 70, 0.001, 1.0),
                                                  [int(z) for z in r.integers(0, 256, 70)], axis=2)),
    ("i32_pt", (3, 4), lambda r: QType("i32", 0.001, 0)),
]


@pytest.mark.parametrize("cid,shape,qtf", DEQUANTIZE_CASES, ids=[c[0] for c in DEQUANTIZE_CASES])
def test_dequantize(cid, shape, qtf):
    rng = rng_for("dequantize", cid)
    qt = qtf(rng)
    q = qt.random(rng, shape)
    if qt.bits == 32:   # include values where f32(q - zp) rounds
        q.reshape(-1)[:4] = [2 ** 24 + 1, -(2 ** 31), 2 ** 31 - 1, 16777219]
    exp = R.dequantize(q, qt)
    run_and_check("dequantize", [(T(shape, qt), q)], T(shape, "f32"), exp)


# ---------------------------------------------------------------------------
# N7 requantize (both modes)
# ---------------------------------------------------------------------------

REQUANTIZE_CASES = [
    ("i8_i8", (2, 3, 4), lambda r: (QType("i8", 0.05, -3), QType("i8", 0.1, 5))),
    ("i8_u8", (1, 5, 5, 3), lambda r: (QType("i8", 0.02, 0), QType("u8", 0.03, 128))),
    ("u8_i8_upscale_sat", (3, 17), lambda r: (QType("u8", 0.1, 128), QType("i8", 0.04, -10))),
    ("i8_i16_big_M", (5, 6), lambda r: (QType("i8", 0.05, 3), QType("i16", 0.001, 0))),
    ("i16_i8", (4, 9), lambda r: (QType("i16", 0.001, 0), QType("i8", 0.05, 2))),
    ("pa_in_axis3", (1, 4, 4, 3), lambda r: (QType("i8", [0.01, 0.05, 0.2], [0, -5, 7], axis=3),
                                             QType("u8", 0.04, 100))),
    ("pa_out_axis1", (2, 4, 3), lambda r: (QType("i8", 0.03, -1),
                                           QType("i8", [0.01, 0.1, 0.05, 0.3], [3, 0, -100, 10],
                                                 axis=1))),
    ("pa_both_axis0", (5, 7), lambda r: (QType("i8", rand_scales(r, 5, 0.01, 0.1), [1, 2, 3, 4, 5], axis=0),
                                         QType("i8", rand_scales(r, 5, 0.01, 0.1), [-1, 0, 1, 0, -1], axis=0))),
    ("flush_to_zero", (3, 3), lambda r: (QType("i8", 1e-12, 0), QType("i8", 1.0, 7))),
    ("M_e30", (2, 5), lambda r: (QType("i8", 1.0, 0), QType("i16", 1.0 / (2 ** 30 - 1), 0))),
    ("i32_in_tiny_M_shift31", (4, 8), lambda r: (QType("i32", 1.0, 0), QType("i8", 2.0 ** 31.5, 0))),
    ("narrow_ties", (4, 16), lambda r: (QType("i8", 1.0, 0, qmin=-127, qmax=127), QType("u8", 2.0, 64))),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("cid,shape,qtf", REQUANTIZE_CASES, ids=[c[0] for c in REQUANTIZE_CASES])
def test_requantize(cid, shape, qtf, mode):
    rng = rng_for("requantize", cid)
    qi, qo = qtf(rng)
    q = qi.random(rng, shape)
    _modes_must_differ(cid, lambda m: R.requantize(q, qi, qo, m))
    exp = R.requantize(q, qi, qo, mode)
    run_and_check("requantize", [(T(shape, qi), q)], T(shape, qo), exp, mode=mode)


# ---------------------------------------------------------------------------
# N8 conv2d (both modes)
# ---------------------------------------------------------------------------

def _cfg(**kw):
    base = dict(N=1, H=5, W=5, C=3, O=4, KH=3, KW=3, stride=(1, 1), pad=(0, 0, 0, 0),
                dil=(1, 1), x=("i8", -3), w="pt", y=("i8", -5), bias=True, act="none",
                spread=1.5, M=None, xrange=None, wrange=None, bias_range=None, bias_values=None,
                scales=None, omit_defaults=False)
    base.update(kw)
    return base


CONV_CASES = [
    ("basic_defaults", _cfg(omit_defaults=True)),
    ("pad1_perchannel_narrow", _cfg(H=6, W=6, C=3, O=5, pad=(1, 1, 1, 1), w="pc_narrow")),
    ("stride2_odd", _cfg(H=7, W=9, C=5, O=6, stride=(2, 2), pad=(0, 1, 0, 1), w="pc")),
    ("dilation2", _cfg(H=8, W=8, C=4, O=3, dil=(2, 2), pad=(2, 2, 2, 2))),
    ("u8_relu", _cfg(H=6, W=5, C=8, O=8, pad=(1, 1, 1, 1), x=("u8", 128), y=("u8", 128),
                     w="pc_narrow", act="relu", spread=2.0)),
    ("relu6_i8", _cfg(H=6, W=6, C=4, O=6, pad=(1, 1, 1, 1), y=("i8", -100), act="relu6",
                      w="pc_narrow", spread=0.8)),
    ("batch2_1x1", _cfg(N=2, H=4, W=4, C=16, O=8, KH=1, KW=1, w="pc")),
    ("nobias", _cfg(H=5, W=6, C=7, O=5, bias=False, x=("u8", 0), y=("u8", 17))),
    ("asym_w_perchannel", _cfg(H=6, W=6, C=6, O=7, x=("u8", 17), w="pc_asym", pad=(1, 1, 1, 1))),
    ("asym_w_pertensor", _cfg(H=5, W=5, C=4, O=3, w="pt_asym", x=("i8", 10))),
    ("saturate_both_ends", _cfg(H=6, W=6, C=5, O=4, x=("i8", 0), y=("i8", 3), spread=6.0, w="pc")),
    ("i16_out", _cfg(H=5, W=5, C=6, O=4, y=("i16", -300), spread=0.7, w="pc")),
    ("mixed_attrs", _cfg(H=9, W=8, C=3, O=5, KH=3, KW=2, stride=(2, 1), dil=(2, 1),
                         pad=(1, 0, 2, 1), w="pc_narrow", act="relu", y=("i8", -20))),
    ("wide", _cfg(H=8, W=8, C=32, O=24, pad=(1, 1, 1, 1), w="pc_narrow", x=("u8", 128))),
    ("i4_x_and_w", _cfg(H=5, W=5, C=5, O=3, x=("i4", -1), w="pt_i4", y=("i8", 0))),
    ("M_greater_than_1", _cfg(H=4, W=4, C=1, O=2, KH=1, KW=1, M=3.3, xrange=(-6, 6), y=("i8", 1))),
    ("big_bias", _cfg(H=4, W=5, C=3, O=4, w="pc", bias_range=2 ** 24, spread=1.2)),
    ("pow2_scales_ties", _cfg(H=5, W=6, C=2, O=3, KH=2, KW=2, x=("i8", 0), xrange=(-4, 4),
                              wrange=(-4, 4), scales=(0.5, 0.25, 0.5), y=("i8", 0),
                              bias_values=[-3, -1, 0, 1, 2])),
    ("stride2_dil2_pc_relu", _cfg(H=11, W=10, C=3, O=4, stride=(2, 2), dil=(2, 2),
                                  pad=(1, 2, 0, 2), w="pc_narrow", act="relu", y=("u8", 0))),
]


def _make_x(rng, cfg, shape):
    xs, xzp = cfg["x"]
    sx = cfg["scales"][0] if cfg["scales"] else float(rng.uniform(0.01, 0.05))
    qx = act_type(xs, xzp, sx)
    if cfg["xrange"]:
        lo, hi = cfg["xrange"]
        x = qx.random(rng, shape, xzp + lo, xzp + hi)
    else:
        x = qx.random(rng, shape)
    return qx, x


def _finish_out_type(rng, cfg, acc, s_x, s_w_list):
    ys, yzp = cfg["y"]
    proto = QType(ys, 1.0, yzp)
    if cfg["scales"] is not None:
        s_y = cfg["scales"][2]
    elif cfg["M"] is not None:
        s_y = s_x * max(s_w_list) / cfg["M"]
    else:
        s_y = pick_scale(per_channel_absmax(acc, s_x, s_w_list), proto, cfg["spread"])
    return QType(ys, s_y, yzp)


def _bias(rng, cfg, n, typical):
    if not cfg["bias"]:
        return None
    if cfg["bias_values"] is not None:
        return rng.choice(np.array(cfg["bias_values"], np.int64), n)
    rngmax = cfg["bias_range"] or max(1, int(typical))
    return rng.integers(-rngmax, rngmax + 1, n).astype(np.int64)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("cid,cfg", CONV_CASES, ids=[c[0] for c in CONV_CASES])
def test_conv2d(cid, cfg, mode):
    rng = rng_for("conv2d", cid)
    N, Hh, W, C, O, KH, KW = (cfg[k] for k in ("N", "H", "W", "C", "O", "KH", "KW"))
    qx, x = _make_x(rng, cfg, (N, Hh, W, C))
    qw = make_weight_type(rng, cfg["w"], O, 0)
    qw, w = _weights(rng, cfg, qw, (O, KH, KW, C))
    bias = _bias(rng, cfg, O, 64 * KH * KW * C)
    acc = R.conv2d_acc(x, qx, w, qw, bias, cfg["stride"], cfg["pad"], cfg["dil"])
    s_w = qw.scales if qw.per_axis else qw.scales * O
    qy = _finish_out_type(rng, cfg, acc, qx.scale, s_w)
    ref = lambda m: R.conv2d(x, qx, w, qw, bias, qy, cfg["stride"], cfg["pad"], cfg["dil"],  # noqa: E731
                             cfg["act"], m)
    _modes_must_differ(cid, ref)
    exp = ref(mode)
    operands = [(T(x.shape, qx), x), (T(w.shape, qw), w)]
    if bias is not None:
        operands.append((T((O,), "i32"), bias))
    attrs = conv_attrs(cfg["stride"], cfg["pad"], cfg["dil"], cfg["act"], cfg["omit_defaults"])
    run_and_check("conv2d", operands, T(exp.shape, qy), exp, attrs=attrs, mode=mode,
                  sig="functional")


# ---------------------------------------------------------------------------
# N9 depthwise_conv2d (both modes)
# ---------------------------------------------------------------------------

DW_CASES = [
    ("c3_m1_pad1", _cfg(H=5, W=5, C=3, MULT=1, pad=(1, 1, 1, 1))),
    ("c5_m2_stride2_pc", _cfg(H=7, W=8, C=5, MULT=2, stride=(2, 2), w="pc_narrow")),
    ("c8_dil2_u8_relu", _cfg(H=8, W=7, C=8, MULT=1, dil=(2, 2), pad=(2, 2, 2, 2), x=("u8", 128),
                             y=("u8", 128), act="relu", w="pc")),
    ("c4_m3_k3x2_relu6", _cfg(H=6, W=6, C=4, MULT=3, KH=3, KW=2, pad=(1, 0, 0, 1), act="relu6",
                              y=("i8", -128), spread=0.5, w="pc_narrow")),
    ("c16_batch2_saturate", _cfg(N=2, H=6, W=6, C=16, MULT=1, stride=(2, 2), pad=(0, 1, 0, 1),
                                 spread=5.0, w="pc")),
    ("c7_nobias_asym", _cfg(H=5, W=5, C=7, MULT=1, bias=False, w="pc_asym", x=("u8", 50))),
    ("c3_m4_k5_i16out", _cfg(H=7, W=7, C=3, MULT=4, KH=5, KW=5, pad=(2, 2, 2, 2), y=("i16", 11),
                             spread=0.6)),
    ("c1_stride2_dil2_u8", _cfg(H=9, W=9, C=1, MULT=1, stride=(2, 2), dil=(2, 2), pad=(1, 1, 1, 1),
                                x=("u8", 0), y=("u8", 0), w="pt_asym")),
    ("c32_wide", _cfg(H=6, W=6, C=32, MULT=1, pad=(1, 1, 1, 1), w="pc_narrow", x=("u8", 128))),
    ("c4_m2_pow2_scales_ties", _cfg(H=5, W=5, C=4, MULT=2, pad=(1, 1, 1, 1), x=("i8", 0),
                                    xrange=(-3, 3), wrange=(-3, 3), scales=(0.5, 0.25, 0.5),
                                    y=("i8", 0), bias_values=[-1, 0, 1])),
    ("c6_m2_k1_M_gt_1", _cfg(H=3, W=4, C=6, MULT=2, KH=1, KW=1, M=2.7, xrange=(-5, 5), w="pc")),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("cid,cfg", DW_CASES, ids=[c[0] for c in DW_CASES])
def test_depthwise_conv2d(cid, cfg, mode):
    rng = rng_for("depthwise_conv2d", cid)
    N, Hh, W, C, KH, KW, MULT = (cfg[k] for k in ("N", "H", "W", "C", "KH", "KW", "MULT"))
    qx, x = _make_x(rng, cfg, (N, Hh, W, C))
    qw = make_weight_type(rng, cfg["w"], C, 2)
    qw, w = _weights(rng, cfg, qw, (KH, KW, C, MULT))
    bias = _bias(rng, cfg, C * MULT, 64 * KH * KW)
    acc = R.depthwise_conv2d_acc(x, qx, w, qw, bias, cfg["stride"], cfg["pad"], cfg["dil"])
    s_w_c = qw.scales if qw.per_axis else qw.scales * C
    s_w = [s_w_c[oc // MULT] for oc in range(C * MULT)]
    qy = _finish_out_type(rng, cfg, acc, qx.scale, s_w)
    ref = lambda m: R.depthwise_conv2d(x, qx, w, qw, bias, qy, cfg["stride"], cfg["pad"],  # noqa: E731
                                       cfg["dil"], cfg["act"], m)
    _modes_must_differ(cid, ref)
    exp = ref(mode)
    operands = [(T(x.shape, qx), x), (T(w.shape, qw), w)]
    if bias is not None:
        operands.append((T((C * MULT,), "i32"), bias))
    attrs = conv_attrs(cfg["stride"], cfg["pad"], cfg["dil"], cfg["act"])
    run_and_check("depthwise_conv2d", operands, T(exp.shape, qy), exp, attrs=attrs, mode=mode,
                  sig="functional")


# ---------------------------------------------------------------------------
# N10 fully_connected (both modes)
# ---------------------------------------------------------------------------

FC_CASES = [
    ("n1_k7_o5", _cfg(N=1, K=7, O=5)),
    ("n6_k7_o5_pt_asym", _cfg(N=6, K=7, O=5, w="pt_asym", x=("u8", 200), y=("u8", 50))),
    ("n3_k64_o10_pc_u8", _cfg(N=3, K=64, O=10, w="pc_narrow", x=("u8", 128), y=("u8", 120))),
    ("n2_k130_o33_asym_relu", _cfg(N=2, K=130, O=33, w="pc_asym", act="relu", y=("i8", -30))),
    ("n4_k1_o3_M_gt_1", _cfg(N=4, K=1, O=3, M=5.5, xrange=(-3, 3), y=("i8", 0))),
    ("n4_k17_o3_relu6", _cfg(N=4, K=17, O=3, act="relu6", x=("u8", 3), y=("u8", 0), spread=0.7)),
    ("n2_k256_o16_nobias_sat", _cfg(N=2, K=256, O=16, bias=False, spread=4.0, w="pc")),
    ("n5_k9_o7_i16out", _cfg(N=5, K=9, O=7, y=("i16", 5), spread=0.5, w="pc")),
    ("n3_k8_o6_pow2_scales_ties", _cfg(N=3, K=8, O=6, x=("i8", 0), xrange=(-5, 5), wrange=(-5, 5),
                                       scales=(0.5, 0.25, 0.25), y=("i8", 0), bias_values=[-2, 1, 0])),
    ("n2_k4_o6_preshift_saturation", _cfg(N=2, K=4, O=6, M=3.3, xrange=(-3, 3), y=("i8", 2),
                                          bias_values=[2 ** 30, -(2 ** 30), 2 ** 29 + 123,
                                                       -(2 ** 29) - 77, 5, -9])),
    # N6.4: MBQM(..) ~ INT32_MAX - 100 (M ~ 2, saturated pre-shift) plus zp must not wrap
    ("n2_k3_o4_zp_add_no_overflow_pos", _cfg(N=2, K=3, O=4, M=1.99999999, xrange=(-2, 2),
                                             wrange=(-2, 2), y=("i8", 120),
                                             bias_values=[2 ** 30, 2 ** 30 + 5, 3, -4])),
    ("n2_k3_o4_zp_add_no_overflow_neg", _cfg(N=2, K=3, O=4, M=1.99999999, xrange=(-2, 2),
                                             wrange=(-2, 2), y=("i8", -120),
                                             bias_values=[-(2 ** 30), -(2 ** 30) - 5, 3, -4])),
    ("n3_k1000_o4_pc", _cfg(N=3, K=1000, O=4, w="pc_narrow", x=("u8", 128))),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("cid,cfg", FC_CASES, ids=[c[0] for c in FC_CASES])
def test_fully_connected(cid, cfg, mode):
    rng = rng_for("fully_connected", cid)
    N, K, O = cfg["N"], cfg["K"], cfg["O"]
    qx, x = _make_x(rng, cfg, (N, K))
    qw = make_weight_type(rng, cfg["w"], O, 0)
    qw, w = _weights(rng, cfg, qw, (O, K))
    bias = _bias(rng, cfg, O, 64 * K)
    acc = R.fully_connected_acc(x, qx, w, qw, bias)
    s_w = qw.scales if qw.per_axis else qw.scales * O
    qy = _finish_out_type(rng, cfg, acc, qx.scale, s_w)
    ref = lambda m: R.fully_connected(x, qx, w, qw, bias, qy, cfg["act"], m)  # noqa: E731
    _modes_must_differ(cid, ref)
    exp = ref(mode)
    operands = [(T(x.shape, qx), x), (T(w.shape, qw), w)]
    if bias is not None:
        operands.append((T((O,), "i32"), bias))
    attrs = attr_dict(activation=activation_attr(cfg["act"]))
    run_and_check("fully_connected", operands, T(exp.shape, qy), exp, attrs=attrs, mode=mode,
                  sig="functional")


# ---------------------------------------------------------------------------
# N11 add (both modes)
# ---------------------------------------------------------------------------

ADD_CASES = [
    # id, shape, (a type, b type, y type), activation, value range limit
    ("same_scale_i8", (1, 5, 5, 3), (QType("i8", 0.05, -3), QType("i8", 0.05, 2), QType("i8", 0.1, 0)), "none", None),
    ("sa_gt_sb_u8", (2, 7), (QType("u8", 0.1, 128), QType("u8", 0.013, 100), QType("u8", 0.07, 120)), "none", None),
    ("sa_lt_sb_i8", (3, 4, 5), (QType("i8", 0.0031, 10), QType("i8", 0.047, -7), QType("i8", 0.05, -1)), "none", None),
    ("relu", (1, 4, 4, 8), (QType("i8", 0.02, 0), QType("i8", 0.03, 5), QType("i8", 0.04, -20)), "relu", None),
    ("relu6", (1, 3, 3, 16), (QType("u8", 0.05, 128), QType("u8", 0.06, 120), QType("u8", 0.04, 10)), "relu6", None),
    ("saturate_both", (130,), (QType("i8", 0.1, 0), QType("i8", 0.2, 0), QType("i8", 0.05, 0)), "none", None),
    ("mixed_storage", (2, 3, 5), (QType("u8", 0.02, 128), QType("i8", 0.03, -1), QType("i8", 0.04, 3)), "none", None),
    ("ties_pow2", (64,), (QType("i8", 0.5, 0), QType("i8", 0.25, 0), QType("i8", 0.5, 0)), "none", None),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("cid,shape,types,act,lim", ADD_CASES, ids=[c[0] for c in ADD_CASES])
def test_add(cid, shape, types, act, lim, mode):
    rng = rng_for("add", cid)
    qa, qb, qy = types
    if lim:
        a = qa.random(rng, shape, qa.zero_point - lim, qa.zero_point + lim)
        b = qb.random(rng, shape, qb.zero_point - lim, qb.zero_point + lim)
    else:
        a = qa.random(rng, shape)
        b = qb.random(rng, shape)
    _modes_must_differ(cid, lambda m: R.add(a, qa, b, qb, qy, act, m))
    exp = R.add(a, qa, b, qb, qy, act, mode)
    attrs = attr_dict(activation=activation_attr(act))
    run_and_check("add", [(T(shape, qa), a), (T(shape, qb), b)], T(shape, qy), exp,
                  attrs=attrs, mode=mode)


# ---------------------------------------------------------------------------
# N12 avg_pool2d / N13 max_pool2d
# ---------------------------------------------------------------------------

AVG_CASES = [
    # id, shape, qtype, kernel, stride, pad, value range (relative to zp) or None
    ("k2s2_i8", (1, 4, 4, 3), QType("i8", 0.1, -5), (2, 2), (2, 2), (0, 0, 0, 0), None),
    ("k3s1p1_u8_excl_pad", (1, 5, 5, 3), QType("u8", 0.1, 128), (3, 3), (1, 1), (1, 1, 1, 1), None),
    ("k3s2p1_i8", (1, 7, 7, 8), QType("i8", 0.02, 0), (3, 3), (2, 2), (1, 1, 1, 1), None),
    ("k2x3_asym_pad_batch2", (2, 6, 5, 5), QType("i8", 0.3, 10), (2, 3), (1, 2), (1, 0, 0, 2), None),
    ("global7x7", (1, 7, 7, 16), QType("u8", 0.05, 3), (7, 7), (1, 1), (0, 0, 0, 0), None),
    ("ties_both_signs", (1, 5, 6, 3), QType("i8", 1.0, 0), (2, 2), (1, 1), (0, 1, 0, 1), (-2, 2)),
    ("i16", (1, 6, 6, 4), QType("i16", 0.001, -1000), (3, 3), (3, 3), (0, 0, 0, 0), None),
    ("c70_k3s2p1_u8", (1, 9, 9, 70), QType("u8", 0.01, 0), (3, 3), (2, 2), (1, 1, 1, 1), None),
    ("pad2_k3_count1", (1, 3, 3, 2), QType("i8", 0.5, -1), (3, 3), (1, 1), (2, 2, 2, 2), None),
    ("i4", (1, 4, 4, 2), QType("i4", 0.5, 0), (2, 2), (1, 1), (0, 0, 0, 0), None),
]

MAX_CASES = [
    ("k2s2_i8", (1, 4, 4, 3), QType("i8", 0.1, -5), (2, 2), (2, 2), (0, 0, 0, 0), None),
    ("k3s1p1_u8_high", (1, 5, 5, 3), QType("u8", 0.1, 128), (3, 3), (1, 1), (1, 1, 1, 1), None),
    ("k3x2_batch2", (2, 7, 6, 5), QType("i8", 0.3, 10), (3, 2), (2, 1), (1, 1, 0, 1), None),
    ("c70_k3s2p1_u8", (1, 9, 9, 70), QType("u8", 0.01, 0), (3, 3), (2, 2), (1, 1, 1, 1), None),
    ("i16", (1, 6, 6, 4), QType("i16", 0.001, -1000), (2, 2), (2, 2), (0, 0, 0, 0), None),
    ("pad2_negative_only", (1, 3, 3, 2), QType("i8", 0.5, 0), (3, 3), (1, 1), (2, 2, 2, 2), (-128, -1)),
    ("narrow_k2s2", (1, 8, 8, 16), QType("i8", 0.1, 0, qmin=-127, qmax=127), (2, 2), (2, 2), (0, 0, 0, 0), None),
    ("i4", (1, 4, 4, 2), QType("i4", 0.5, 0), (2, 2), (1, 1), (0, 1, 0, 1), None),
]


def _pool_input(rng, qt, shape, vr):
    if vr is None:
        return qt.random(rng, shape)
    lo, hi = vr
    if vr == (-128, -1):
        return qt.random(rng, shape, lo, hi)
    return qt.random(rng, shape, qt.zero_point + lo, qt.zero_point + hi)


def _pool_attrs(kernel, stride, pad):
    return attr_dict(kernel=i64_array(kernel), stride=i64_array(stride), pad=i64_array(pad))


@pytest.mark.parametrize("cid,shape,qt,kernel,stride,pad,vr", AVG_CASES, ids=[c[0] for c in AVG_CASES])
def test_avg_pool2d(cid, shape, qt, kernel, stride, pad, vr):
    rng = rng_for("avg_pool2d", cid)
    x = _pool_input(rng, qt, shape, vr)
    exp = R.avg_pool2d(x, qt, kernel, stride, pad)
    run_and_check("avg_pool2d", [(T(shape, qt), x)], T(exp.shape, qt), exp,
                  attrs=_pool_attrs(kernel, stride, pad))


@pytest.mark.parametrize("cid,shape,qt,kernel,stride,pad,vr", MAX_CASES, ids=[c[0] for c in MAX_CASES])
def test_max_pool2d(cid, shape, qt, kernel, stride, pad, vr):
    rng = rng_for("max_pool2d", cid)
    x = _pool_input(rng, qt, shape, vr)
    exp = R.max_pool2d(x, qt, kernel, stride, pad)
    run_and_check("max_pool2d", [(T(shape, qt), x)], T(exp.shape, qt), exp,
                  attrs=_pool_attrs(kernel, stride, pad))


# ---------------------------------------------------------------------------
# N14 clamp
# ---------------------------------------------------------------------------

CLAMP_CASES = [
    ("i8", (2, 3, 7), QType("i8", 0.1, 0), -10, 20),
    ("u8_high", (1, 4, 4, 3), QType("u8", 0.1, 128), 100, 200),
    ("i8_min_eq_max", (5, 5), QType("i8", 0.1, -3), -3, -3),
    ("i8_full_range", (17,), QType("i8", 0.1, 0), -128, 127),
    ("i16", (3, 70), QType("i16", 0.001, 0), -1000, 30000),
]


@pytest.mark.parametrize("cid,shape,qt,lo,hi", CLAMP_CASES, ids=[c[0] for c in CLAMP_CASES])
def test_clamp(cid, shape, qt, lo, hi):
    rng = rng_for("clamp", cid)
    x = qt.random(rng, shape)
    exp = R.clamp(x, qt, lo, hi)
    run_and_check("clamp", [(T(shape, qt), x)], T(shape, qt), exp,
                  attrs=attr_dict(min=f"{lo} : i64", max=f"{hi} : i64"))


# ---------------------------------------------------------------------------
# N15 concat (both modes: operands with other (s, zp) are requantized)
# ---------------------------------------------------------------------------

CONCAT_CASES = [
    ("axis1_diff_scales", 1, [(2, 3), (2, 5)], [QType("i8", 0.05, -3), QType("i8", 0.1, 7)], QType("i8", 0.08, 0)),
    ("axis0_three_u8_one_identical", 0, [(1, 4), (3, 4), (2, 4)],
     [QType("u8", 0.02, 128), QType("u8", 0.05, 128), QType("u8", 0.02, 100)], QType("u8", 0.05, 128)),
    ("axis3_nhwc_saturating", 3, [(1, 4, 4, 3), (1, 4, 4, 5)],
     [QType("i8", 0.5, 0), QType("i8", 0.01, -20)], QType("i8", 0.1, 5)),
    ("axis2_identical_copy", 2, [(2, 3, 4), (2, 3, 1), (2, 3, 7)],
     [QType("i8", 0.07, -2)] * 3, QType("i8", 0.07, -2)),
    ("axis_last_four_ties", 1, [(3, 2), (3, 5), (3, 1), (3, 9)],
     [QType("i8", 1.0, 0), QType("i8", 0.5, 1), QType("i8", 3.0, -1), QType("i8", 2.0, 0)],
     QType("i8", 2.0, 0)),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("cid,axis,shapes,qts,qy", CONCAT_CASES, ids=[c[0] for c in CONCAT_CASES])
def test_concat(cid, axis, shapes, qts, qy, mode):
    rng = rng_for("concat", cid)
    xs = [qt.random(rng, s) for qt, s in zip(qts, shapes)]
    _modes_must_differ(cid, lambda m: R.concat(xs, qts, qy, axis, m))
    exp = R.concat(xs, qts, qy, axis, mode)
    operands = [(T(s, qt), x) for s, qt, x in zip(shapes, qts, xs)]
    run_and_check("concat", operands, T(exp.shape, qy), exp,
                  attrs=attr_dict(axis=f"{axis} : i64"), mode=mode, sig="functional")


# ---------------------------------------------------------------------------
# N16 reshape
# ---------------------------------------------------------------------------

RESHAPE_CASES = [
    ("i8_3d_to_2d", (2, 3, 4), (6, 4), QType("i8", 0.1, -3)),
    ("u8_nhwc_flatten", (1, 4, 4, 3), (1, 48), QType("u8", 0.02, 128)),
    ("f32", (2, 6), (3, 4), "f32"),
    ("i16_expand", (24,), (2, 3, 4), QType("i16", 0.001, 0)),
]


@pytest.mark.parametrize("cid,src,dst,elem", RESHAPE_CASES, ids=[c[0] for c in RESHAPE_CASES])
def test_reshape(cid, src, dst, elem):
    rng = rng_for("reshape", cid)
    if elem == "f32":
        x = rng.normal(size=src).astype(np.float32)
    else:
        x = elem.random(rng, src)
    exp = R.reshape(x, dst)
    run_and_check("reshape", [(T(src, elem), x)], T(dst, elem), exp)


# ---------------------------------------------------------------------------
# N17 binarize / N18 bitpack
# ---------------------------------------------------------------------------

BINARIZE_CASES = [
    ("f32_c70_specials", (1, 4, 4, 70), None, 0.0),
    ("f32_c3", (2, 3), None, 0.0),
    ("f32_c64_thr", (5, 64), None, 0.25),
    ("f32_c130_neg_thr", (2, 130), None, -0.5),
    ("f32_c5_equal_thr", (1, 2, 2, 5), None, 1.5),
    ("u8_c70", (1, 3, 3, 70), QType("u8", 0.05, 128), 0.0),
    ("i8_c65_thr", (4, 65), QType("i8", 0.1, -3), 0.3),
    ("f32_c1", (3, 1), None, 0.0),
]


@pytest.mark.parametrize("cid,shape,qin,thr", BINARIZE_CASES, ids=[c[0] for c in BINARIZE_CASES])
def test_binarize(cid, shape, qin, thr):
    rng = rng_for("binarize", cid)
    if qin is None:
        x = rng.normal(size=shape).astype(np.float32)
        flat = x.reshape(-1)
        n = flat.size
        # exact threshold hits, signed zeros and NaN
        pos = rng.choice(n, size=min(n, 6), replace=False)
        specials = [np.float32(thr), np.float32(-0.0), np.float32(0.0), np.nan,
                    np.nextafter(np.float32(thr), np.float32(-1e9)), np.inf]
        for p, v in zip(pos, specials):
            flat[p] = v
        elem_in = "f32"
    else:
        x = qin.random(rng, shape)
        elem_in = qin
    exp = R.binarize(x, thr, qin)
    rt = T(shape, BinType(0.5))
    run_and_check("binarize", [(T(shape, elem_in), x)], rt, exp,
                  attrs=attr_dict(threshold=f32_attr(thr)))


BITPACK_CASES = [
    ("c3", (2, 3)),
    ("c64", (1, 2, 2, 64)),
    ("c70", (1, 4, 4, 70)),
    ("c130", (3, 130)),
]


@pytest.mark.parametrize("cid,shape", BITPACK_CASES, ids=[c[0] for c in BITPACK_CASES])
def test_bitpack(cid, shape):
    rng = rng_for("bitpack", cid)
    words = R.pack_bits(rng.integers(0, 2, shape))
    exp = R.bitpack(words)
    out_shape = shape[:-1] + (R.num_words(shape[-1]),)
    run_and_check("bitpack", [(T(shape, BinType(0.5)), words)], T(out_shape, "i64"), exp)


@pytest.mark.parametrize("cid,shape", BITPACK_CASES, ids=[c[0] for c in BITPACK_CASES])
def test_bitunpack(cid, shape):
    """N18.1: words -> binary clears the tail bits; read back with bitpack."""
    rng = rng_for("bitunpack", cid)
    nw = R.num_words(shape[-1])
    words = rng.integers(-2**63, 2**63 - 1, shape[:-1] + (nw,), dtype=np.int64, endpoint=True)
    # Independent expectation: unpack the first C bits, repack (tail = 0).
    exp = R.pack_bits(R.unpack_bits(words, shape[-1]))
    text = f"""func.func @forward(%w: {T(shape[:-1] + (nw,), "i64").mlir()}) -> {T(shape[:-1] + (nw,), "i64").mlir()} {{
  %b = qnn.bitunpack %w : {T(shape[:-1] + (nw,), "i64").mlir()} -> {T(shape, BinType(0.5)).mlir()}
  %p = qnn.bitpack %b : {T(shape, BinType(0.5)).mlir()} -> {T(shape[:-1] + (nw,), "i64").mlir()}
  return %p : {T(shape[:-1] + (nw,), "i64").mlir()}
}}
"""
    (out,) = H.run_module(text, [words], [(shape[:-1] + (nw,), np.int64)])
    assert np.array_equal(out, exp)


# ---------------------------------------------------------------------------
# N19 bconv2d / N20 bfully_connected
# ---------------------------------------------------------------------------

def _bcfg(**kw):
    base = dict(N=1, H=5, W=5, C=3, O=4, KH=3, KW=3, stride=(1, 1), pad=(1, 1, 1, 1), dil=(1, 1),
                pv=0, out="f32", pa=False, bias=True, spread=1.5)
    base.update(kw)
    return base


BCONV_CASES = [
    ("c3_nopad_pv0_f32", _bcfg(C=3, pad=(0, 0, 0, 0), pv=0)),
    ("c5_pad1_pv0_pa_nobias", _bcfg(C=5, pv=0, pa=True, bias=False)),
    ("c5_pad1_pv1_pa", _bcfg(C=5, pv=1, pa=True)),
    ("c64_pad1_pv0", _bcfg(C=64, O=8, pv=0)),
    ("c64_pad1_pv1", _bcfg(C=64, O=8, pv=1)),
    ("c70_pad1_pv0_pa", _bcfg(C=70, O=16, pv=0, pa=True)),
    ("c70_pad1_pv1_pa", _bcfg(C=70, O=16, pv=1, pa=True)),
    ("c130_pad1_pv0", _bcfg(C=130, O=5, H=4, W=6, pv=0)),
    ("c130_pad1_pv1", _bcfg(C=130, O=5, H=4, W=6, pv=1)),
    ("c70_stride2_pv0", _bcfg(C=70, O=6, H=8, W=7, stride=(2, 2), pv=0)),
    ("c70_stride2_pv1", _bcfg(C=70, O=6, H=8, W=7, stride=(2, 2), pv=1)),
    ("c5_dil2_pad2_pv0", _bcfg(C=5, O=3, H=7, W=7, dil=(2, 2), pad=(2, 2, 2, 2), pv=0)),
    ("c5_dil2_pad2_pv1", _bcfg(C=5, O=3, H=7, W=7, dil=(2, 2), pad=(2, 2, 2, 2), pv=1)),
    ("c130_s2_d2_asym_pad_pv1_n2", _bcfg(N=2, C=130, O=4, H=9, W=8, stride=(2, 2), dil=(2, 2),
                                         pad=(2, 1, 0, 2), pv=1, pa=True)),
    ("c3_quant_i8_pv0", _bcfg(C=3, out=("i8", -3), pv=0)),
    ("c70_quant_i8_pv1_pa", _bcfg(C=70, O=8, out=("i8", 5), pv=1, pa=True)),
    ("c130_quant_u8_stride2", _bcfg(C=130, O=6, H=7, W=7, stride=(2, 2), out=("u8", 128), pv=0)),
    ("c64_quant_i8_saturate", _bcfg(C=64, O=8, out=("i8", 0), pv=1, spread=5.0)),
    ("c3_binary_out_pv0", _bcfg(C=3, O=4, out="bin", pv=0)),
    ("c70_binary_out_o70_pv1", _bcfg(C=70, O=70, out="bin", pv=1)),
    ("c130_binary_out_o130_s2_pa", _bcfg(C=130, O=130, H=6, W=6, stride=(2, 2), out="bin", pv=0,
                                         pa=True)),
    ("c64_binary_out_o64_pv1_nobias", _bcfg(C=64, O=64, out="bin", pv=1, bias=False)),
    ("c1_pad1_pv1", _bcfg(C=1, O=3, pv=1)),
    ("k1x1_c200", _bcfg(C=200, O=8, KH=1, KW=1, pad=(0, 0, 0, 0))),
    ("k5x5_c70_pad2_pv1", _bcfg(C=70, O=3, H=7, W=7, KH=5, KW=5, pad=(2, 2, 2, 2), pv=1)),
    ("k3x2_asym_pad_quant_pv0", _bcfg(C=9, O=5, H=6, W=5, KH=3, KW=2, pad=(1, 1, 0, 1),
                                      out=("i8", 0), pv=0)),
    ("c5_binary_out_dil2_pv1", _bcfg(C=5, O=9, H=7, W=7, dil=(2, 2), pad=(2, 2, 2, 2), out="bin",
                                     pv=1)),
    ("c70_quant_i4", _bcfg(C=70, O=4, out=("i4", 0), pv=0)),
    ("n2_c64_s2_nobias_o1", _bcfg(N=2, C=64, O=1, H=6, W=6, stride=(2, 2), pv=0, bias=False)),
    ("c130_quant_u8_zp0_pv1", _bcfg(C=130, O=7, out=("u8", 0), pv=1, pa=True)),
]


def _bin_types(rng, cfg, O):
    bx = BinType(float(rng.uniform(0.1, 2.0)))
    if cfg["pa"]:
        bw = BinType([float(a) for a in rng.uniform(0.05, 1.5, O)], axis=0)
    else:
        bw = BinType(float(rng.uniform(0.05, 1.5)))
    return bx, bw


def _bin_bias(rng, cfg, O, C):
    if not cfg["bias"]:
        return None
    return (rng.normal(0, 0.3 * C, O)).astype(np.float32)


def _bin_out(rng, cfg, y_real):
    """Resolve cfg['out'] into (result element, reference `out` argument)."""
    out = cfg["out"]
    if out == "f32":
        return "f32", "f32"
    if out == "bin":
        bt = BinType(1.0)
        return bt, bt
    storage, zp = out
    proto = QType(storage, 1.0, zp)
    s = pick_scale(float(np.abs(y_real).max()), proto, cfg["spread"])
    qt = QType(storage, s, zp)
    return qt, qt


@pytest.mark.parametrize("cid,cfg", BCONV_CASES, ids=[c[0] for c in BCONV_CASES])
def test_bconv2d(cid, cfg):
    rng = rng_for("bconv2d", cid)
    N, Hh, W, C, O, KH, KW = (cfg[k] for k in ("N", "H", "W", "C", "O", "KH", "KW"))
    xw = R.pack_bits(rng.integers(0, 2, (N, Hh, W, C)))
    ww = R.pack_bits(rng.integers(0, 2, (O, KH, KW, C)))
    bx, bw = _bin_types(rng, cfg, O)
    bias = _bin_bias(rng, cfg, O, C)
    args = (cfg["stride"], cfg["pad"], cfg["dil"], cfg["pv"])
    y_real = R.bconv2d(xw, C, bx, ww, bw, bias, "f32", *args)
    elem, out = _bin_out(rng, cfg, y_real)
    exp = R.bconv2d(xw, C, bx, ww, bw, bias, out, *args)
    operands = [(T((N, Hh, W, C), bx), xw), (T((O, KH, KW, C), bw), ww)]
    if bias is not None:
        operands.append((T((O,), "f32"), bias))
    attrs = conv_attrs(cfg["stride"], cfg["pad"], cfg["dil"],
                       extra={"pad_value": f"{cfg['pv']} : i64"})
    run_and_check("bconv2d", operands, T(y_real.shape, elem), exp, attrs=attrs, sig="functional")


BFC_CASES = [
    ("c1_o4_n2_f32", _bcfg(N=2, C=1, O=4)),
    ("c3_o5_f32_pa", _bcfg(N=1, C=3, O=5, pa=True)),
    ("c63_o8_n3_f32", _bcfg(N=3, C=63, O=8)),
    ("c64_o8_quant_i8", _bcfg(N=2, C=64, O=8, out=("i8", -3))),
    ("c65_o70_binary", _bcfg(N=2, C=65, O=70, out="bin")),
    ("c70_o8_f32_pa", _bcfg(N=2, C=70, O=8, pa=True)),
    ("c130_o16_quant_u8_pa", _bcfg(N=3, C=130, O=16, out=("u8", 128), pa=True)),
    ("c200_o130_binary_pa", _bcfg(N=1, C=200, O=130, out="bin", pa=True)),
    ("c128_o64_binary_nobias", _bcfg(N=4, C=128, O=64, out="bin", bias=False)),
    ("c70_o3_quant_i4", _bcfg(N=2, C=70, O=3, out=("i4", 1))),
    ("c512_o10_f32_nobias", _bcfg(N=2, C=512, O=10, bias=False)),
    ("c5_o1_n7_f32", _bcfg(N=7, C=5, O=1)),
]


@pytest.mark.parametrize("cid,cfg", BFC_CASES, ids=[c[0] for c in BFC_CASES])
def test_bfully_connected(cid, cfg):
    rng = rng_for("bfully_connected", cid)
    N, C, O = cfg["N"], cfg["C"], cfg["O"]
    xw = R.pack_bits(rng.integers(0, 2, (N, C)))
    ww = R.pack_bits(rng.integers(0, 2, (O, C)))
    bx, bw = _bin_types(rng, cfg, O)
    bias = _bin_bias(rng, cfg, O, C)
    y_real = R.bfully_connected(xw, C, bx, ww, bw, bias, "f32")
    elem, out = _bin_out(rng, cfg, y_real)
    exp = R.bfully_connected(xw, C, bx, ww, bw, bias, out)
    operands = [(T((N, C), bx), xw), (T((O, C), bw), ww)]
    if bias is not None:
        operands.append((T((O,), "f32"), bias))
    run_and_check("bfully_connected", operands, T((N, O), elem), exp, sig="functional")


# ---------------------------------------------------------------------------
# N21 batch_norm / N22 observe
# ---------------------------------------------------------------------------

BN_CASES = [
    ("nhwc_c3_default_eps", (1, 4, 4, 3), None),
    ("rank2_c5", (2, 5), 1e-3),
    ("nhwc_c70", (1, 3, 3, 70), 1e-5),
    ("eps0", (2, 2, 2, 16), 0.0),
    ("rank3_c1", (4, 7, 1), 0.1),
]


@pytest.mark.parametrize("cid,shape,eps", BN_CASES, ids=[c[0] for c in BN_CASES])
def test_batch_norm(cid, shape, eps):
    rng = rng_for("batch_norm", cid)
    C = shape[-1]
    x = rng.normal(0, 3, shape).astype(np.float32)
    gamma = rng.normal(1, 0.5, C).astype(np.float32)
    beta = rng.normal(0, 1, C).astype(np.float32)
    mean = rng.normal(0, 1, C).astype(np.float32)
    var = rng.uniform(0.01, 4.0, C).astype(np.float32)
    exp = R.batch_norm(x, gamma, beta, mean, var, 1e-5 if eps is None else eps)
    vec = T((C,), "f32")
    operands = [(T(shape, "f32"), x), (vec, gamma), (vec, beta), (vec, mean), (vec, var)]
    attrs = None if eps is None else attr_dict(epsilon=f32_attr(eps))
    run_and_check("batch_norm", operands, T(shape, "f32"), exp, attrs=attrs, sig="functional")


OBSERVE_CASES = [
    ("small", (2, 3), 0),
    ("nhwc", (1, 4, 4, 70), 3),
    ("specials", (8,), 17),
]


@pytest.mark.parametrize("cid,shape,oid", OBSERVE_CASES, ids=[c[0] for c in OBSERVE_CASES])
def test_observe(cid, shape, oid):
    rng = rng_for("observe", cid)
    x = rng.normal(0, 10, shape).astype(np.float32)
    if cid == "specials":
        x[:] = [np.nan, np.inf, -np.inf, -0.0, 0.0, 1e-45, 3.4e38, -1.0]
    exp = R.observe(x)
    run_and_check("observe", [(T(shape, "f32"), x)], T(shape, "f32"), exp,
                  attrs=attr_dict(id=f"{oid} : i64"), sig="single")

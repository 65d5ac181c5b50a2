"""Self-tests of reference.py against values computed BY HAND from the rules
(the derivations are in the comments).  These run without the compiler."""

import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference as R  # noqa: E402
from reference import BinType, QType  # noqa: E402

IMIN, IMAX = -(2 ** 31), 2 ** 31 - 1


# ---------------------------------------------------------------- N4
@pytest.mark.parametrize("M,expected", [
    (0.0, (0, 0)),                       # N4: M == 0
    (0.5, (2 ** 30, 0)),                 # frexp(0.5) = (0.5, 0); 0.5*2^31 = 2^30
    (1.0, (2 ** 30, 1)),                 # frexp(1.0) = (0.5, 1)
    (0.75, (1610612736, 0)),             # 0.75*2^31 = 1610612736
    (3.0, (1610612736, 2)),              # 3 = 0.75*2^2
    (0.1, (1717986918, -3)),             # 0.1 = 0.8*2^-3; 0.8*2^31 = 1717986918.4 -> ...918
    (0.5 + 2.0 ** -32, (2 ** 30 + 1, 0)),   # f*2^31 = 2^30 + 0.5 exactly: tie -> away
    (1.0 - 2.0 ** -33, (2 ** 30, 1)),    # f*2^31 = 2^31 - 0.25 -> rounds to 2^31 -> (2^30, e+1)
    (2.0 ** -32, (2 ** 30, -31)),        # (0.5, -31): smallest kept exponent
    (2.0 ** -33, (0, 0)),                # (0.5, -32): e < -31 flushes to zero
    (2.0 ** 29, (2 ** 30, 30)),          # (0.5, 30): largest accepted exponent
])
def test_quantize_multiplier(M, expected):
    assert R.quantize_multiplier(M) == expected


@pytest.mark.parametrize("M", [2.0 ** 30, 2.0 ** 30 * (1 - 2.0 ** -33), 1e12])
def test_quantize_multiplier_too_large(M):
    # 2^30 = (0.5, 31); 2^30*(1-2^-33) rounds up to (2^30, 31): both e > 30
    with pytest.raises(R.MultiplierTooLarge):
        R.quantize_multiplier(M)


# ---------------------------------------------------------------- N5.1
@pytest.mark.parametrize("a,b,expected", [
    (IMIN, IMIN, IMAX),                      # the saturating case
    (2 ** 30, 2 ** 30, 2 ** 29),             # (2^60 + 2^30) / 2^31 = 2^29 + 0.5 -> trunc
    (IMAX, IMAX, 2 ** 31 - 2),               # (2^62 - 2^32 + 1 + 2^30)/2^31 -> 2^31 - 2 + 0.5.. -> trunc
    (1, 2 ** 30, 1),                         # 0.5: (2^30 + 2^30)/2^31 = 1
    (-1, 2 ** 30, 0),                        # -0.5: (-2^30 + 1 - 2^30)/2^31 = -0.99.. -> 0
    (-3, 2 ** 30, -1),                       # -1.5: (-3*2^30 + 1 - 2^30)/2^31 = -1.99.. -> -1
    (-5, 2 ** 30, -2),                       # -2.5 -> (-6*2^30+1)/2^31 = -2.99.. -> -2
    (IMIN, 2 ** 30, -(2 ** 30)),             # -2^61 + 1 - 2^30 over 2^31 -> -2^30 - 0.49.. -> trunc
    (IMIN, IMAX, -(2 ** 31) + 1),            # (-2^62 + 2^31 + 1 - 2^30)/2^31 = -2^31 + 0.5.. -> trunc
    (0, IMAX, 0),
    (1000, 1717986918, 800),                 # 1000*0.79999999981 + 0.5 = 800.4999 -> 800
    (-1000, 1717986918, -800),
])
def test_srdhm(a, b, expected):
    assert R.srdhm(a, b) == expected
    assert R.srdhm(b, a) == expected         # symmetric


# ---------------------------------------------------------------- N5.2
@pytest.mark.parametrize("x,e,expected", [
    (5, 1, 3),            # 2.5 -> 3: mask 1, rem 1, thr 0
    (-5, 1, -3),          # -2.5 -> -3: rem = -5 & 1 = 1, thr = 0 + 1, -5 >> 1 = -3, 1 > 1 false
    (-4, 1, -2),
    (-6, 2, -2),          # -1.5 -> -2: rem = 2, thr = 2, -6 >> 2 = -2
    (-7, 2, -2),          # -1.75: rem = 1
    (-5, 2, -1),          # -1.25: rem = 3 > 2 -> -2 + 1
    (6, 2, 2),            # 1.5 -> 2: rem 2 > thr 1
    (5, 2, 1),            # 1.25: rem 1, thr 1
    (IMAX, 31, 1),        # 0.99.. -> 1: rem = IMAX > thr 2^30 - 1
    (IMIN, 31, -1),       # exactly -1: rem 0
    (-(2 ** 30), 31, -1),  # -0.5 -> -1: rem 2^30, thr 2^30, -1 + 0
    (2 ** 30, 31, 1),     # 0.5 -> 1: rem 2^30 > 2^30 - 1
    (2 ** 30 - 1, 31, 0),  # just below 0.5
    (123, 0, 123),        # e = 0: identity
    (-123, 0, -123),
    (IMIN, 0, IMIN),
])
def test_rdbpot(x, e, expected):
    assert R.rdbpot(x, e) == expected


# ---------------------------------------------------------------- N5
@pytest.mark.parametrize("x,M,expected", [
    (100, 0.5, 50),
    (3, 0.5, 2),              # SRDHM(3, 2^30) = (3*2^30 + 2^30)/2^31 = 2
    (-3, 0.5, -1),            # SRDHM rounds the negative tie -1.5 toward zero (gemmlowp)
    (1000, 3.0, 3000),        # (m, e) = (0.75*2^31, 2): x1 = 4000, SRDHM = 3000
    (2 ** 30, 3.0, 1610612735),   # x1 = sat(2^32) = IMAX; IMAX*0.75 + 0.5 = 1610612735.75 -> trunc
    (-(2 ** 30), 3.0, -1610612736),  # x1 = sat(-2^32) = IMIN; IMIN*0.75 exact
    (1000, 0.1, 100),         # SRDHM -> 800, RDBPOT(800, 3) = 100
    (-1000, 0.1, -100),
    (12, 0.1, 1),             # SRDHM(12, m) = 9.6 + .5 -> 10; RDBPOT(10, 3) = 1.25 -> 1
    (-4, 0.125, -1),          # (2^30, -2): SRDHM = -2; RDBPOT(-2, 2): -0.5 -> -1
    (4, 0.125, 1),            # 0.5 -> 1
    (77, 2.0 ** -40, 0),      # flushed multiplier (0, 0): SRDHM(77, 0) = 2^30/2^31 -> 0
    # M = 1 -> (2^30, 1): x1 = sat(2*IMAX) = IMAX; SRDHM(IMAX, 2^30) =
    # (IMAX*2^30 + 2^30)/2^31 = 2^30 exactly (the saturated pre-shift halves IMAX)
    (IMAX, 1.0, 2 ** 30),
    (2 ** 30 - 1, 1.0, 2 ** 30 - 1),   # largest x that survives the pre-shift
])
def test_mbqm(x, M, expected):
    m, e = R.quantize_multiplier(M)
    assert R.mbqm(x, m, e) == expected


# ---------------------------------------------------------------- N12 rdiv
@pytest.mark.parametrize("S,count,expected", [
    (7, 2, 4), (-7, 2, -4), (-5, 4, -1), (-6, 4, -2), (6, 4, 2), (5, 3, 2),
    (4, 3, 1), (-4, 3, -1), (-5, 3, -2), (0, 9, 0), (9, 6, 2), (-9, 6, -2),
    (11, 4, 3), (1, 1, 1), (-1, 2, -1), (1, 2, 1), (-1, 3, 0),
])
def test_rdiv(S, count, expected):
    assert R.rdiv(S, count) == expected


# ---------------------------------------------------------------- N6
def test_requant_scalars():
    # fixed: 5*0.5 = 2.5 -> 3; -5*0.5 -> SRDHM(-5, 2^30) = -2 (negative tie toward zero)
    assert R.requant_fixed(5, 0.5, 0, -128, 127) == 3
    assert R.requant_fixed(-5, 0.5, 0, -128, 127) == -2
    assert R.requant_fixed(-7, 0.5, 10, -128, 127) == 7
    # float: f32 ties to even: 2.5 -> 2, 3.5 -> 4, -2.5 -> -2
    assert R.requant_float(5, 0.5, 0, -128, 127) == 2
    assert R.requant_float(7, 0.5, 0, -128, 127) == 4
    assert R.requant_float(-5, 0.5, 0, -128, 127) == -2
    # f32(2^24 + 1) = 2^24: rounding of the accumulator is the defined behaviour
    assert R.requant_float(2 ** 24 + 1, 1.0, 0, IMIN, IMAX) == 2 ** 24
    assert R.requant_fixed(2 ** 24 + 1, 1.0, 0, IMIN, IMAX) == 2 ** 24 + 1
    # clamping
    assert R.requant_fixed(1000, 0.5, 0, -128, 127) == 127
    assert R.requant_float(-1000, 0.5, 3, -128, 127) == -128
    # huge product saturates to i32 before +zp and clamp
    assert R.requant_float(IMAX, 2.0 ** 20, -5, -128, 127) == 127


def test_activation_bounds():
    u8 = QType("u8", 0.1, 0)
    # relu6: 6/0.1 = 60.0 (double) -> 60
    assert R.activation_bounds("relu6", u8) == (0, 60)
    assert R.activation_bounds("relu", u8) == (0, 255)
    i8 = QType("i8", 0.05, -128)
    # 6/0.05 = 120 -> -128 + 120 = -8
    assert R.activation_bounds("relu6", i8) == (-128, -8)
    i8b = QType("i8", 0.02, 10)   # 6/0.02 = 300 -> min(127, 310)
    assert R.activation_bounds("relu6", i8b) == (10, 127)
    assert R.activation_bounds("relu", i8b) == (10, 127)
    assert R.activation_bounds("none", i8b) == (-128, 127)
    n = QType("i8", 0.25, -127, qmin=-127, qmax=127)   # 6/0.25 = 24
    assert R.activation_bounds("relu6", n) == (-127, -103)
    assert R.activation_bounds("relu", n) == (-127, 127)
    h = QType("i8", 4.0, 0)   # 6/4 = 1.5 -> half away -> 2
    assert R.activation_bounds("relu6", h) == (0, 2)


# ---------------------------------------------------------------- N2 / N3
def test_quantize_hand():
    qt = QType("i8", 0.25, -3)   # power-of-two scale: x/s exact
    x = np.array([0.375, 0.625, -0.375, 100.0, -100.0, np.nan, np.inf, -np.inf, -0.0, 0.125],
                 np.float32)
    # 1.5->2, 2.5->2, -1.5->-2, 400, -400, NaN, inf, -inf, -0, 0.5->0 ; then +(-3), clamp
    exp = [-1, -1, -5, 127, -128, -3, 127, -128, -3, -3]
    assert R.quantize(x, qt).tolist() == exp


def test_quantize_f32_division():
    # f32(0.35) = 11744051/2^25, f32(0.1) = 13421773/2^27; ratio 3.49999988824..
    # is within half an ulp (1.19e-7) of 3.5 in f32 -> 3.5 -> rint -> 4.
    # (In double 0.35/0.1 = 3.4999999999999996 -> 3.)
    assert R.quantize(np.array([0.35], np.float32), QType("i8", 0.1, 0)).tolist() == [4]


def test_quantize_u8_per_axis_and_i4():
    qt = QType("u8", [0.5, 2.0], [10, 200], axis=1)
    x = np.array([[1.0, 1.0], [-100.0, 200.0], [0.75, -3.0]], np.float32)
    # col0: x/0.5 + 10 : 12, clamp(-190)=0, 1.5->2 -> 12 ; col1: x/2 + 200: 200.5->... 0.5->0 -> 200, 300->255, -1.5->-2 -> 198
    assert R.quantize(x, qt).tolist() == [[12, 200], [0, 255], [12, 198]]
    i4 = QType("i4", 1.0, -1)
    assert R.quantize(np.array([0, 6.5, 7.5, -20], np.float32), i4).tolist() == [-1, 5, 7, -8]
    nar = QType("i8", 1.0, 0, qmin=-127, qmax=127)
    assert R.quantize(np.array([-1000.0, 1000.0], np.float32), nar).tolist() == [-127, 127]


def test_dequantize_hand():
    qt = QType("i8", 0.25, -3)
    assert R.dequantize(np.array([-3, -1, 127, -128]), qt).tolist() == [0.0, 0.5, 32.5, -31.25]
    # f32(-125) * f32(0.1) = -12.5000001862645 -> nearest f32 is -12.5 (ulp 9.5e-7)
    assert R.dequantize(np.array([-128]), QType("i8", 0.1, -3)).tolist() == [-12.5]
    pa = QType("u8", [1.0, 0.5], [128, 0], axis=0)
    assert R.dequantize(np.array([[130, 0], [3, 255]]), pa).tolist() == [[2.0, -128.0], [1.5, 127.5]]
    # i32 storage: f32(2^24 + 1) rounds to 2^24 (N3: exact in i32, then f32)
    assert R.dequantize(np.array([2 ** 24 + 1]), QType("i32", 1.0, 0)).tolist() == [2.0 ** 24]


def test_requantize_hand():
    qi = QType("i8", 0.5, 1)
    qo = QType("u8", 0.25, 100)
    q = np.array([1, 2, -3, 127, -128])
    # acc = q - 1 = [0, 1, -4, 126, -129]; M = 2: fixed: (2^30, 2)
    # y = 2*acc + 100 -> [100, 102, 92, 352->255, -158->0]
    assert R.requantize(q, qi, qo).tolist() == [100, 102, 92, 255, 0]
    assert R.requantize(q, qi, qo, "float").tolist() == [100, 102, 92, 255, 0]
    # halving with ties: M = 0.5, acc = [1, 3, -1, -3] (zp 0)
    q2 = np.array([1, 3, -1, -3])
    a, b = QType("i8", 1.0, 0), QType("i8", 2.0, 0)
    assert R.requantize(q2, a, b).tolist() == [1, 2, 0, -1]          # SRDHM: 0.5->1, 1.5->2, -0.5->0, -1.5->-1
    assert R.requantize(q2, a, b, "float").tolist() == [0, 2, 0, -2]  # ties to even


# ---------------------------------------------------------------- N8 conv by hand
X33 = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]]).reshape(1, 3, 3, 1)
W33 = np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]]).reshape(1, 3, 3, 1)
# x - zx (zx = 1) padded by one ring of 0:
#   0 0 0 0 0 / 0 0 1 2 0 / 0 3 4 5 0 / 0 6 7 8 0 / 0 0 0 0 0
# w columns are (1,2,1), 0, -(1,2,1): out[i,j] = v_i[j-1] - v_i[j+1] with
# v_0 = [0,3,6,9,0], v_1 = [0,12,16,20,0], v_2 = [0,15,18,21,0]:
#   [[-6,-6,6],[-16,-8,16],[-18,-6,18]]; + bias 11:
ACC33 = [[5, 5, 17], [-5, 3, 27], [-7, 5, 29]]


def test_conv2d_acc_hand():
    qx = QType("i8", 0.5, 1)
    qw = QType("i8", 0.25, 0)
    acc = R.conv2d_acc(X33, qx, W33, qw, np.array([11]), pad=(1, 1, 1, 1))
    assert acc.reshape(3, 3).tolist() == ACC33


def test_conv2d_hand_both_modes():
    qx = QType("i8", 0.5, 1)
    qw = QType("i8", 0.25, 0)
    qy = QType("i8", 0.25, -3)    # M = 0.5*0.25/0.25 = 0.5
    y = R.conv2d(X33, qx, W33, qw, np.array([11]), qy, pad=(1, 1, 1, 1))
    # fixed: 2.5->3, 8.5->9, -2.5->-2, 1.5->2, 13.5->14, -3.5->-3, 14.5->15; then -3
    assert y.reshape(3, 3).tolist() == [[0, 0, 6], [-5, -1, 11], [-6, 0, 12]]
    y = R.conv2d(X33, qx, W33, qw, np.array([11]), qy, pad=(1, 1, 1, 1), mode="float")
    # float: ties to even: 2, 8, -2, 2, 14, -4, 14 (and 2.5 -> 2); then -3
    assert y.reshape(3, 3).tolist() == [[-1, -1, 5], [-5, -1, 11], [-7, -1, 11]]
    # relu: lo = max(-128, -3) = -3
    y = R.conv2d(X33, qx, W33, qw, np.array([11]), qy, pad=(1, 1, 1, 1), activation="relu")
    assert y.reshape(3, 3).tolist() == [[0, 0, 6], [-3, -1, 11], [-3, 0, 12]]


def test_conv2d_stride_dilation_hand():
    # 1x5x5x1 x = 0..24 (zx 0), 1x2x2x1 w = all 1, dilation 2, stride 2, no pad:
    # OH = (5 - 2*1 - 1)/2 + 1 = 2; out[i,j] = x[2i,2j]+x[2i,2j+2]+x[2i+2,2j]+x[2i+2,2j+2]
    x = np.arange(25).reshape(1, 5, 5, 1)
    w = np.ones((1, 2, 2, 1), np.int64)
    q = QType("i8", 1.0, 0)
    acc = R.conv2d_acc(x, q, w, q, None, stride=(2, 2), dilation=(2, 2))
    # (0,0): 0+2+10+12 = 24; (0,1): 2+4+12+14 = 32; (1,0): 10+12+20+22 = 64; (1,1): 72
    assert acc.reshape(2, 2).tolist() == [[24, 32], [64, 72]]


def test_conv2d_per_channel_zero_points():
    # x [1,1,1,2] = (3, 4), zx = 1 -> (2, 3); w [2,1,1,2] with zw = (0, 5)
    x = np.array([3, 4]).reshape(1, 1, 1, 2)
    w = np.array([[1, 1], [6, 4]]).reshape(2, 1, 1, 2)
    qx = QType("u8", 1.0, 1)
    qw = QType("i8", [1.0, 1.0], [0, 5], axis=0)
    acc = R.conv2d_acc(x, qx, w, qw, np.array([0, 100]))
    # o0: 2*1 + 3*1 = 5 ; o1: 100 + 2*(6-5) + 3*(4-5) = 99
    assert acc.reshape(2).tolist() == [5, 99]


def test_conv2d_acc_wraps():
    x = np.array([1]).reshape(1, 1, 1, 1)
    w = np.array([1]).reshape(1, 1, 1, 1)
    q = QType("i8", 1.0, 0)
    acc = R.conv2d_acc(x, q, w, q, np.array([IMAX]))
    assert acc.reshape(-1).tolist() == [IMIN]      # N8.4: i32 wrap-around


def test_depthwise_hand():
    # x [1,1,2,2]: pixel0 = (1, 2), pixel1 = (3, 4); zx = 0
    # w [1,2,2,2] (KH=1, KW=2, C=2, MULT=2); oc = c*2 + m
    x = np.array([1, 2, 3, 4]).reshape(1, 1, 2, 2)
    w = np.array([
        [[1, 2], [3, 4]],      # kw = 0: w[0,0,c,m]
        [[5, 6], [7, 8]],      # kw = 1
    ]).reshape(1, 2, 2, 2)
    q = QType("i8", 1.0, 0)
    acc = R.depthwise_conv2d_acc(x, q, w, q, np.array([0, 0, 0, 100]))
    # OW = 1. oc0 (c0,m0): 1*1 + 3*5 = 16; oc1 (c0,m1): 1*2 + 3*6 = 20
    # oc2 (c1,m0): 2*3 + 4*7 = 34; oc3 (c1,m1): 2*4 + 4*8 = 40 + 100
    assert acc.reshape(-1).tolist() == [16, 20, 34, 140]


def test_fully_connected_hand():
    x = np.array([[1, 2, 3], [0, 0, 0]])
    w = np.array([[1, -1, 2], [0, 1, 0]])
    qx = QType("u8", 1.0, 0)
    qw = QType("i8", [1.0, 1.0], [0, 1], axis=0)
    acc = R.fully_connected_acc(x, qx, w, qw, np.array([10, -10]))
    # n0: 10 + 1 - 2 + 6 = 15 ; -10 + (1*-1 + 2*0 + 3*-1) = -14
    # n1: 10, -10
    assert acc.tolist() == [[15, -14], [10, -10]]


# ---------------------------------------------------------------- N11 add by hand
def test_add_hand():
    qa, qb, qy = QType("i8", 0.5, 0), QType("i8", 0.25, 0), QType("i8", 0.5, 0)
    # twice = 1.0; Ma = 0.5 -> (2^30, 0); Mb = 0.25 -> (2^30, -1); My = 2^-19 -> (2^30, -18)
    # a=3,b=5: a1 = 1572864, b1 = RDBPOT(2621440, 1) = 1310720; sum 2883584;
    #   SRDHM -> 1441792; RDBPOT(.., 18) = 5.5 -> 6.  float: 3*1 + 5*0.5 = 5.5 -> 6
    # a=3,b=3: sum 2359296 -> 1179648 -> 4.5 -> 5.   float: 4.5 -> 4
    # a=-3,b=-3: -4.5 -> -5 (RDBPOT half away). float: -4
    a = np.array([3, 3, -3, 100, -100])
    b = np.array([5, 3, -3, 100, -100])
    # 100,100: 50 + 25 = 75 real /0.5 = 150 -> 127; -150 -> -128
    assert R.add(a, qa, b, qb, qy).tolist() == [6, 5, -5, 127, -128]
    assert R.add(a, qa, b, qb, qy, mode="float").tolist() == [6, 4, -4, 127, -128]
    assert R.add(a, qa, b, qb, qy, activation="relu").tolist() == [6, 5, 0, 127, 0]
    qy6 = QType("i8", 0.5, 0)   # relu6 hi = 12
    assert R.add(a, qa, b, qb, qy6, activation="relu6").tolist() == [6, 5, 0, 12, 0]


# ---------------------------------------------------------------- N12/N13/N14
def test_avg_pool_hand():
    x = np.array([[1, 2], [3, 5]]).reshape(1, 2, 2, 1)
    # kernel 2x2, stride 1, pad bottom 1, right 1: windows count 4, 2, 2, 1
    # zp 0: 11/4 -> 3; 7/2 -> 4; 8/2 -> 4; 5
    y = R.avg_pool2d(x, QType("i8", 1.0, 0), (2, 2), (1, 1), (0, 1, 0, 1))
    assert y.reshape(2, 2).tolist() == [[3, 4], [4, 5]]
    # zp -1: q - zp = [[2,3],[4,6]]: 15/4 -> 4; 9/2 -> 5; 10/2 = 5; 6 ; then + zp
    y = R.avg_pool2d(x, QType("i8", 1.0, -1), (2, 2), (1, 1), (0, 1, 0, 1))
    assert y.reshape(2, 2).tolist() == [[3, 4], [4, 5]]
    x = np.array([[0, -3], [0, 0]]).reshape(1, 2, 2, 1)
    # -3/4 -> -1 (rdiv(-3,4) = (-3-2)/4 = -1); -3/2 = -1.5 -> -2; 0; 0
    y = R.avg_pool2d(x, QType("i8", 1.0, 0), (2, 2), (1, 1), (0, 1, 0, 1))
    assert y.reshape(2, 2).tolist() == [[-1, -2], [0, 0]]


def test_avg_pool_count_excludes_pad():
    # 3x3 all 9, kernel 3x3 stride 1 pad 1: every average is 9 (not 4 or 6 at the border)
    x = np.full((1, 3, 3, 1), 9)
    y = R.avg_pool2d(x, QType("u8", 1.0, 0), (3, 3), (1, 1), (1, 1, 1, 1))
    assert y.reshape(-1).tolist() == [9] * 9


def test_max_pool_hand():
    x = np.array([[1, 200], [3, 5]]).reshape(1, 2, 2, 1)
    y = R.max_pool2d(x, QType("u8", 1.0, 0), (2, 2), (1, 1), (0, 1, 0, 1))
    assert y.reshape(2, 2).tolist() == [[200, 200], [5, 5]]
    x = np.array([[-128, -100], [-120, -127]]).reshape(1, 2, 2, 1)
    y = R.max_pool2d(x, QType("i8", 1.0, 0), (2, 2), (1, 1), (1, 0, 1, 0))
    # windows (top-left padded): (0,0): {-128}; (0,1): {-128,-100}; (1,0): {-128,-120}; (1,1): all
    assert y.reshape(2, 2).tolist() == [[-128, -100], [-120, -100]]


def test_clamp_hand():
    x = np.array([-128, -11, -10, 0, 20, 21, 127])
    assert R.clamp(x, QType("i8", 1.0, 0), -10, 20).tolist() == [-10, -10, -10, 0, 20, 20, 20]


def test_concat_hand():
    qa = QType("i8", 0.5, 0)
    qb = QType("i8", 0.25, 2)
    qy = QType("i8", 0.5, 0)
    a = np.array([[1, 2]])
    b = np.array([[2, 5, 7, -128]])
    # b: acc = [0, 3, 5, -130], M = 0.5 -> fixed [0, 2, 3, -65]  (1.5 -> 2, 2.5 -> 3, -65)
    assert R.concat([a, b], [qa, qb], qy, axis=1).tolist() == [[1, 2, 0, 2, 3, -65]]
    # float: 1.5 -> 2, 2.5 -> 2
    assert R.concat([a, b], [qa, qb], qy, axis=1, mode="float").tolist() == [[1, 2, 0, 2, 2, -65]]


# ---------------------------------------------------------------- N1.5 packing
def test_pack_hand():
    assert R.pack_bits(np.array([1, 0, 1])).tolist() == [5]
    bits = np.zeros(65, np.int64)
    bits[64] = 1
    bits[63] = 1
    # bit 63 of word 0 -> int64 sign bit
    assert R.pack_bits(bits).tolist() == [-(2 ** 63), 1]
    all1 = np.ones(70, np.int64)
    assert R.pack_bits(all1).tolist() == [-1, 63]
    assert R.unpack_bits(np.array([-1, 63]), 70).tolist() == [1] * 70
    assert R.tail_bits_zero(np.array([-1, 63]), 70)
    assert not R.tail_bits_zero(np.array([-1, 64]), 70)


def test_popcount_matches_int_bitcount():
    rng = np.random.default_rng(0)
    w = rng.integers(-(2 ** 63), 2 ** 63 - 1, size=(50, 3), dtype=np.int64)
    exp = [sum(bin(int(v) & (2 ** 64 - 1)).count("1") for v in row) for row in w]
    assert R.popcount_words(w).tolist() == exp


def test_binarize_hand():
    x = np.array([1.0, -1.0, 0.0, -0.0, np.nan, -1e-30, 0.25, 0.3], np.float32)
    # bits (x < 0): 0,1,0,0,0,1,0,0 -> 0b00100010 = 34
    assert R.binarize(x, 0.0).tolist() == [34]
    # threshold 0.25: 1.0 0; -1 1; 0 1; -0 1; nan 0; -1e-30 1; 0.25 0; 0.3 0 -> 0b00101110 = 46
    assert R.binarize(x, 0.25).tolist() == [46]
    # quant input: u8 zp 128, s 0.5: q = [128, 127, 129] -> 0, -0.5, 0.5 -> bits 0,1,0 -> 2
    assert R.binarize(np.array([128, 127, 129]), 0.0, QType("u8", 0.5, 128)).tolist() == [2]


# ---------------------------------------------------------------- N19/N20 by hand
def test_bfully_connected_hand():
    # x = (+1, -1, +1) -> bits 010 = 2; w = (-1, -1, +1) -> bits 011 = 3
    # xor = 1 -> popcount 1 -> dot = 3 - 2 = 1 ( = -1 + 1 + 1 )
    xw = np.array([[2]])
    ww = np.array([[3], [0]])      # second w = (+1,+1,+1): dot = (1 -1 +1) = 1, xor = 2 -> 3-2 = 1
    y = R.bfully_connected(xw, 3, BinType(0.5), ww, BinType([0.25, 2.0], axis=0),
                           np.array([1.0, -3.0], np.float32), "f32")
    # y0 = 1 * (0.5*0.25) + 1 = 1.125 ; y1 = 1 * (0.5*2) - 3 = -2
    assert y.tolist() == [[1.125, -2.0]]
    yb = R.bfully_connected(xw, 3, BinType(0.5), ww, BinType([0.25, 2.0], axis=0),
                            np.array([1.0, -3.0], np.float32), BinType(1.0))
    assert yb.tolist() == [[0b10]]
    yq = R.bfully_connected(xw, 3, BinType(0.5), ww, BinType([0.25, 2.0], axis=0),
                            np.array([1.0, -3.0], np.float32), QType("i8", 0.25, 1))
    # 1.125/0.25 = 4.5 -> 4 (even) + 1 = 5 ; -2/0.25 = -8 + 1 = -7
    assert yq.tolist() == [[5, -7]]


def test_bfully_connected_tail():
    # C = 70: x all -1 (words [-1, 63]), w all +1 (words [0, 0]) -> popcount 70 -> dot = -70
    y = R.bfully_connected(np.array([[-1, 63]]), 70, BinType(1.0), np.array([[0, 0]]),
                           BinType(1.0), None, "f32")
    assert y.tolist() == [[-70.0]]
    # identical -> +70
    y = R.bfully_connected(np.array([[-1, 63]]), 70, BinType(1.0), np.array([[-1, 63]]),
                           BinType(1.0), None, "f32")
    assert y.tolist() == [[70.0]]


def test_bconv2d_padding_correction_hand():
    # x: 1x1x1x3 = (+1, -1, +1) -> word 2.  w: 1x3x3x3; centre tap (-1,-1,+1) -> 3,
    # tap (0,0) all -1 -> 7, other 7 taps all +1 -> 0.  kernel 3x3, pad 1 -> OH = OW = 1.
    xw = np.array([2]).reshape(1, 1, 1, 1)
    taps = np.zeros((3, 3), np.int64)
    taps[1, 1] = 3
    taps[0, 0] = 7
    ww = taps.reshape(1, 3, 3, 1)
    # centre (in bounds): xor = 1 -> 3 - 2 = 1.
    # pad_value 0: the 8 padded taps contribute 0 -> dot = 1
    y0 = R.bconv2d(xw, 3, BinType(1.0), ww, BinType(1.0), None, "f32", pad=(1, 1, 1, 1), pad_value=0)
    assert y0.reshape(-1).tolist() == [1.0]
    # pad_value 1: padded x = +1: the 7 all-+1 taps give 3 each, tap (0,0) all -1
    # gives 3 - 2*3 = -3: dot = 1 + 21 - 3 = 19
    y1 = R.bconv2d(xw, 3, BinType(1.0), ww, BinType(1.0), None, "f32", pad=(1, 1, 1, 1), pad_value=1)
    assert y1.reshape(-1).tolist() == [19.0]
    # alphas 0.5 * 0.75 = 0.375; bias -7.625: 19*0.375 - 7.625 = -0.5 -> binary bit 1
    yb = R.bconv2d(xw, 3, BinType(0.5), ww, BinType(0.75), np.array([-7.625], np.float32),
                   BinType(1.0), pad=(1, 1, 1, 1), pad_value=1)
    assert yb.reshape(-1).tolist() == [1]
    # bias -7.125 -> exactly 0.0 -> not < 0 -> bit 0
    yb = R.bconv2d(xw, 3, BinType(0.5), ww, BinType(0.75), np.array([-7.125], np.float32),
                   BinType(1.0), pad=(1, 1, 1, 1), pad_value=1)
    assert yb.reshape(-1).tolist() == [0]


def test_bconv2d_matches_sign_arithmetic():
    # Cross-check the popcount formulation against the +-1 definition on a
    # random case (padding value 0 = the element is 0; 1 = the element is +1).
    rng = np.random.default_rng(1)
    N, H, W, C, O, K = 1, 4, 5, 70, 3, 3
    xb = rng.integers(0, 2, (N, H, W, C))
    wb = rng.integers(0, 2, (O, K, K, C))
    xs, ws = R.bits_to_signs(xb), R.bits_to_signs(wb)
    for pv in (0, 1):
        xp = np.full((N, H + 2, W + 2, C), pv, np.int64)
        xp[:, 1:-1, 1:-1, :] = xs
        exp = np.zeros((N, H, W, O), np.int64)
        for oh in range(H):
            for ow in range(W):
                for o in range(O):
                    exp[0, oh, ow, o] = np.sum(xp[0, oh:oh + K, ow:ow + K, :] * ws[o])
        got = R.bconv2d(R.pack_bits(xb), C, BinType(1.0), R.pack_bits(wb), BinType(1.0),
                        None, "f32", pad=(1, 1, 1, 1), pad_value=pv)
        assert np.array_equal(got, exp.astype(np.float32))


# ---------------------------------------------------------------- N21
def test_batch_norm_hand():
    # (1 - 0.5) * (2 / sqrt(3 + 1)) + 0.25 = 0.75
    y = R.batch_norm(np.array([[1.0, 4.0]], np.float32), [2.0, 1.0], [0.25, 0.0], [0.5, 0.0],
                     [3.0, 0.0], epsilon=1.0)
    # channel 1: (4 - 0) * (1 / sqrt(0 + 1)) + 0 = 4
    assert y.tolist() == [[0.75, 4.0]]


# ---------------------------------------------------------------- types print
def test_type_printing():
    assert QType("i8", 0.05, -3).mlir() == "!quant.uniform<i8:f32, 0.05:-3>"
    assert QType("u8", 1.0, 0).mlir() == "!quant.uniform<u8:f32, 1.0>"
    assert QType("i8", [0.1, 0.2], [1, -2], axis=0).mlir() == \
        "!quant.uniform<i8:f32:0, {0.1:1, 0.2:-2}>"
    assert QType("i8", 0.1, 0, qmin=-127, qmax=127).mlir() == "!quant.uniform<i8<-127:127>:f32, 0.1>"
    assert QType("i8", 1e-05, 0).mlir() == "!quant.uniform<i8:f32, 1.0e-05>"
    assert BinType(0.5).mlir() == "!qnn.binary<f32, 0.5>"
    assert BinType([0.5, 0.25], axis=0).mlir() == "!qnn.binary<f32:0, {0.5, 0.25}>"
    assert R.fmt_float(3e20) == "3.0e+20"
    assert R.fmt_float(1.5e-7) == "1.5e-07"


def test_containers():
    assert QType("i4", 1.0, 0).container_dtype == np.int8
    assert QType("u8", 1.0, 0).container_dtype == np.uint8
    assert QType("i16", 1.0, 0).container_dtype == np.int16
    assert QType("i32", 1.0, 0).container_dtype == np.int32
    assert QType("i4", 1.0, 0).to_container(np.array([-8, 7])).tolist() == [-8, 7]


# ---------------------------------------------------------------- internal consistency
def test_requant_fixed_close_to_real():
    """MBQM(acc, N4(M)) is within 1 of acc*M for random values (sanity)."""
    rng = np.random.default_rng(2)
    for _ in range(2000):
        M = float(np.exp(rng.uniform(np.log(1e-6), np.log(100.0))))
        acc = int(rng.integers(-(2 ** 20), 2 ** 20))
        m, e = R.quantize_multiplier(M)
        got = R.mbqm(acc, m, e)
        assert abs(got - acc * M) <= 1.0, (acc, M, got)


# ---------------------------------------------------------------- docs/numerics.md examples
# The worked examples printed in docs/numerics.md, checked against the
# reference (a disagreement means the document or the reference is wrong).

def test_doc_n1_5_packing():
    bits = np.zeros(70, np.int64)
    bits[[0, 3, 65]] = 1
    assert R.pack_bits(bits).tolist() == [0x9, 0x2]


def test_doc_n2_quantize():
    qt = QType("i8", 0.05, -3)
    x = np.array([0.125, 0.175, -0.125, 7.0, -7.0, np.nan], np.float32)
    assert R.quantize(x, qt).tolist() == [-1, 1, -5, 127, -128, -3]


def test_doc_n3_dequantize():
    assert R.dequantize(np.array([-1]), QType("i8", 0.05, -3))[0] == np.float32(0.1)


@pytest.mark.parametrize("M,expected", [
    (0.001, (1099511628, -9)), (0.25, (2 ** 30, -1)), (3.0, (1610612736, 2)),
    (2.0 ** 30 - 1, (2147483646, 30)),
])
def test_doc_n4(M, expected):
    assert R.quantize_multiplier(M) == expected


@pytest.mark.parametrize("x,M,expected", [
    (12345, 0.001, 12), (-12345, 0.001, -12), (5, 0.25, 2), (-3, 0.5, -1),
    (1000, 3.0, 3000), (2 ** 30, 3.0, 1610612735),
])
def test_doc_n5(x, M, expected):
    assert R.mbqm(x, *R.quantize_multiplier(M)) == expected


def test_doc_n5_intermediates():
    m, e = R.quantize_multiplier(0.001)
    assert R.srdhm(12345, m) == 6321 and R.rdbpot(6321, 9) == 12
    assert R.rdbpot(3, 1) == 2 and R.rdbpot(-3, 1) == -2 and R.rdbpot(-6, 2) == -2


@pytest.mark.parametrize("M,acc,fixed,flt", [
    (0.5, 5, 3, 2), (0.5, -3, -1, -2), (0.25, 5, 2, 1), (0.001, 12345, 12, 12),
])
def test_doc_n6_modes(M, acc, fixed, flt):
    assert R.requant_fixed(acc, M, 0, IMIN, IMAX) == fixed
    assert R.requant_float(acc, M, 0, IMIN, IMAX) == flt


def test_doc_n6_3():
    qt = QType("i8", 0.05, -3)
    assert R.activation_bounds("relu", qt) == (-3, 127)
    assert R.activation_bounds("relu6", qt) == (-3, 117)


def test_doc_n7():
    qi, qo = QType("i8", 0.05, -3), QType("u8", 0.1, 128)
    q = np.array([-1, 2, -6, 127])
    assert R.requantize(q, qi, qo).tolist() == [129, 131, 127, 193]
    assert R.requantize(q, qi, qo, "float").tolist() == [129, 130, 126, 193]


def test_doc_n8_example():
    x = np.array([[130, 120], [128, 140]]).reshape(1, 2, 2, 1)
    w = np.array([[1, 2], [3, 4]]).reshape(1, 2, 2, 1)
    qx, qw, qy = QType("u8", 0.02, 128), QType("i8", 0.005, 0), QType("i8", 0.001, -10)
    acc = R.conv2d_acc(x, qx, w, qw, np.array([100]), pad=(1, 0, 1, 0))
    assert acc[0, 0, 0, 0] == 108 and acc[0, 1, 1, 0] == 134
    y = R.conv2d(x, qx, w, qw, np.array([100]), qy, pad=(1, 0, 1, 0))
    assert y[0, 0, 0, 0] == 1 and y[0, 1, 1, 0] == 3
    assert R.quantize_multiplier(0.02 * 0.005 / 0.001) == (1717986918, -3)


def test_doc_n8_2_out_size():
    assert R.out_size(8, 0, 0, 3, 1, 1) == 6
    assert R.out_size(7, 1, 1, 3, 2, 2) == 3


def test_doc_n11():
    qa, qb, qy = QType("i8", 0.05, -3), QType("i8", 0.1, 0), QType("i8", 0.1, 5)
    a, b = np.array([17, 18, 16]), np.array([7, 7, 7])
    assert R.add(a, qa, b, qb, qy).tolist() == [22, 23, 22]
    assert R.add(a, qa, b, qb, qy, mode="float").tolist() == [22, 23, 21]


def test_doc_n12():
    qt = QType("i8", 1.0, 5)
    x = np.array([10, 11, 11]).reshape(1, 1, 3, 1)
    assert R.avg_pool2d(x, qt, (1, 3), (1, 1), (0, 0, 0, 0)).reshape(-1).tolist() == [11]
    x = np.array([0, 1]).reshape(1, 1, 2, 1)
    assert R.avg_pool2d(x, qt, (1, 2), (1, 1), (0, 0, 0, 0)).reshape(-1).tolist() == [0]
    assert R.rdiv(6, 4) == 2 and R.rdiv(-6, 4) == -2


def test_doc_n17():
    x = np.array([0.3, -0.0, -2.0, np.nan], np.float32)
    assert R.binarize(x, 0.0).tolist() == [0x4]


def test_doc_n19_example():
    # x[0] = [+1,-1,-1] -> 6, x[1] = [-1,-1,+1] -> 3; w taps 4, 2, 7; pad [0,0,1,1]
    xw = np.array([6, 3]).reshape(1, 1, 2, 1)
    ww = np.array([4, 2, 7]).reshape(1, 1, 3, 1)
    d0 = R.bconv2d(xw, 3, BinType(1.0), ww, BinType(1.0), None, "f32", pad=(0, 0, 1, 1), pad_value=0)
    d1 = R.bconv2d(xw, 3, BinType(1.0), ww, BinType(1.0), None, "f32", pad=(0, 0, 1, 1), pad_value=1)
    assert d0[0, 0, 0, 0] == 2.0 and d1[0, 0, 0, 0] == 3.0
    y = R.bconv2d(xw, 3, BinType(0.5), ww, BinType(0.25), np.array([-0.1], np.float32), "f32",
                  pad=(0, 0, 1, 1), pad_value=0)
    assert y[0, 0, 0, 0] == np.float32(np.float32(0.25) + np.float32(-0.1))
    q = R.bconv2d(xw, 3, BinType(0.5), ww, BinType(0.25), np.array([-0.1], np.float32),
                  QType("i8", 0.05, 0), pad=(0, 0, 1, 1), pad_value=0)
    assert q[0, 0, 0, 0] == 3


def test_doc_n21():
    y = R.batch_norm(np.array([1.0], np.float32), [2.0], [0.5], [0.25], [4.0])
    assert abs(float(y[0]) - 1.249999) < 1e-6

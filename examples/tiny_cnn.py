"""A small quantized CNN and a small binary network written in the qnn
dialect, with their weights, and an independent NumPy evaluation of both
(test/Integration/reference.py, written from docs/numerics.md).

    python examples/tiny_cnn.py --write    regenerate examples/tiny_cnn.mlir
    python examples/tiny_cnn.py LIB.so     run the compiled library beside the reference

build/bin/qnn-compile examples/tiny_cnn.mlir -o tiny_cnn.so, then this script runs
the second form.
"""

import ctypes
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "test" / "Integration"))
import reference as ref  # noqa: E402
from reference import BinType, QType  # noqa: E402

MLIR_PATH = HERE / "tiny_cnn.mlir"


class Model:
    """Weights and types of both functions, from a fixed seed."""

    def __init__(self):
        rng = np.random.default_rng(2026)
        self.qx = QType("u8", 1 / 32, 128)
        self.w1_scales = [float(s) for s in rng.uniform(0.004, 0.012, 8).round(5)]
        self.qw1 = QType("i8", self.w1_scales, 0, axis=0, qmin=-127, qmax=127)
        self.w1 = rng.integers(-127, 128, (8, 3, 3, 3))
        self.b1 = rng.integers(-300, 300, 8)
        self.q1 = QType("u8", 0.04, 0)
        self.wd_scales = [float(s) for s in rng.uniform(0.005, 0.02, 8).round(5)]
        self.qwd = QType("i8", self.wd_scales, 0, axis=2, qmin=-127, qmax=127)
        self.wd = rng.integers(-127, 128, (3, 3, 8, 1))
        self.qd = QType("u8", 0.03, 0)
        self.qa = QType("u8", 0.06, 0)
        self.wf_scales = [float(s) for s in rng.uniform(0.002, 0.006, 10).round(5)]
        self.qwf = QType("i8", self.wf_scales, 0, axis=0, qmin=-127, qmax=127)
        self.wf = rng.integers(-127, 128, (10, 32))
        self.bf = rng.integers(-2000, 2000, 10)
        self.qf = QType("i8", 0.1, -5)
        # Binary network: binarize -> 3x3 binary conv (binary result) ->
        # 8x8 binary conv over the whole map as a classifier (f32 result).
        self.bx = BinType(1.0)
        self.bw1 = BinType([float(a) for a in rng.uniform(0.5, 1.5, 16).round(3)], axis=0)
        self.bw1_bits = rng.integers(0, 2, (16, 3, 3, 70)).astype(bool)
        self.bh = BinType(1.0)
        self.bw2 = BinType(0.25)
        self.bw2_bits = rng.integers(0, 2, (4, 8, 8, 16)).astype(bool)
        self.bb2 = [float(v) for v in rng.uniform(-2, 2, 4).round(3)]

    # -- MLIR ---------------------------------------------------------------
    def mlir(self) -> str:
        def const(name, arr, ty, qty, dtype="i8"):
            vals = np.asarray(arr).tolist()
            return (f"    %{name}_raw = arith.constant dense<{vals}> : "
                    f"tensor<{'x'.join(map(str, np.shape(arr)))}x{dtype}>\n"
                    f"    %{name} = quant.scast %{name}_raw : tensor<{'x'.join(map(str, np.shape(arr)))}x{dtype}> "
                    f"to tensor<{'x'.join(map(str, np.shape(arr)))}x{qty}>\n")

        def t(shape, elt):
            return f"tensor<{'x'.join(map(str, shape))}x{elt}>"

        X, W1, Q1, QD, QA, QF = (self.qx.mlir(), self.qw1.mlir(), self.q1.mlir(),
                                 self.qd.mlir(), self.qa.mlir(), self.qf.mlir())
        WD, WF = self.qwd.mlir(), self.qwf.mlir()
        b1 = self.b1.tolist()
        bf = self.bf.tolist()
        cnn = f"""  // A quantized CNN: conv(relu) -> maxpool -> depthwise(relu6) -> residual add(relu)
  // -> avgpool -> fully connected -> dequantize. Activations u8, weights i8 per channel.
  func.func @tiny_cnn(%x: {t((1, 8, 8, 3), 'f32')}) -> {t((1, 10), 'f32')} {{
    %q0 = qnn.quantize %x : {t((1, 8, 8, 3), 'f32')} -> {t((1, 8, 8, 3), X)}
{const('w1', self.w1, 'i8', W1)}    %b1 = arith.constant dense<{b1}> : tensor<8xi32>
    %c1 = qnn.conv2d %q0, %w1, %b1 {{pad = array<i64: 1, 1, 1, 1>, activation = #qnn.activation<relu>}}
        : ({t((1, 8, 8, 3), X)}, {t((8, 3, 3, 3), W1)}, tensor<8xi32>) -> {t((1, 8, 8, 8), Q1)}
    %p1 = qnn.max_pool2d %c1 {{kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>}}
        : {t((1, 8, 8, 8), Q1)} -> {t((1, 4, 4, 8), Q1)}
{const('wd', self.wd, 'i8', WD)}    %d1 = qnn.depthwise_conv2d %p1, %wd {{pad = array<i64: 1, 1, 1, 1>, activation = #qnn.activation<relu6>}}
        : ({t((1, 4, 4, 8), Q1)}, {t((3, 3, 8, 1), WD)}) -> {t((1, 4, 4, 8), QD)}
    %a1 = qnn.add %p1, %d1 {{activation = #qnn.activation<relu>}}
        : ({t((1, 4, 4, 8), Q1)}, {t((1, 4, 4, 8), QD)}) -> {t((1, 4, 4, 8), QA)}
    %g1 = qnn.avg_pool2d %a1 {{kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>}}
        : {t((1, 4, 4, 8), QA)} -> {t((1, 2, 2, 8), QA)}
    %r1 = qnn.reshape %g1 : {t((1, 2, 2, 8), QA)} -> {t((1, 32), QA)}
{const('wf', self.wf, 'i8', WF)}    %bf = arith.constant dense<{bf}> : tensor<10xi32>
    %f1 = qnn.fully_connected %r1, %wf, %bf
        : ({t((1, 32), QA)}, {t((10, 32), WF)}, tensor<10xi32>) -> {t((1, 10), QF)}
    %y = qnn.dequantize %f1 : {t((1, 10), QF)} -> {t((1, 10), 'f32')}
    return %y : {t((1, 10), 'f32')}
  }}
"""
        BX, BW1, BH, BW2 = self.bx.mlir(), self.bw1.mlir(), self.bh.mlir(), self.bw2.mlir()
        w1w = ref.pack_bits(self.bw1_bits).tolist()
        w2w = ref.pack_bits(self.bw2_bits).tolist()
        bb2 = ", ".join(ref.fmt_float(v) for v in self.bb2)
        bnn = f"""  // A binary network: binarize -> 3x3 binary conv with zero padding and a
  // binary result -> 8x8 binary conv over the whole map as the classifier.
  // Binary weights are constant i64 words (rule N1.5) read by qnn.bitunpack.
  func.func @tiny_bnn(%x: {t((1, 8, 8, 70), 'f32')}) -> {t((1, 1, 1, 4), 'f32')} {{
    %bx = qnn.binarize %x : {t((1, 8, 8, 70), 'f32')} -> {t((1, 8, 8, 70), BX)}
    %w1_words = arith.constant dense<{w1w}> : tensor<16x3x3x2xi64>
    %w1 = qnn.bitunpack %w1_words : tensor<16x3x3x2xi64> -> {t((16, 3, 3, 70), BW1)}
    %h = qnn.bconv2d %bx, %w1 {{pad = array<i64: 1, 1, 1, 1>}}
        : ({t((1, 8, 8, 70), BX)}, {t((16, 3, 3, 70), BW1)}) -> {t((1, 8, 8, 16), BH)}
    %w2_words = arith.constant dense<{w2w}> : tensor<4x8x8x1xi64>
    %w2 = qnn.bitunpack %w2_words : tensor<4x8x8x1xi64> -> {t((4, 8, 8, 16), BW2)}
    %b2 = arith.constant dense<[{bb2}]> : tensor<4xf32>
    %y = qnn.bconv2d %h, %w2, %b2 : ({t((1, 8, 8, 16), BH)}, {t((4, 8, 8, 16), BW2)}, tensor<4xf32>)
        -> {t((1, 1, 1, 4), 'f32')}
    return %y : {t((1, 1, 1, 4), 'f32')}
  }}
"""
        return ("// Generated by examples/tiny_cnn.py --write; do not edit.\nmodule {\n"
                + cnn + "\n" + bnn + "}\n")

    # -- reference ------------------------------------------------------------
    def reference(self, x):
        q0 = ref.quantize(x, self.qx)
        c1 = ref.conv2d(q0, self.qx, self.w1, self.qw1, self.b1, self.q1,
                        pad=(1, 1, 1, 1), activation="relu")
        p1 = ref.max_pool2d(c1, self.q1, (2, 2), (2, 2), (0, 0, 0, 0))
        d1 = ref.depthwise_conv2d(p1, self.q1, self.wd, self.qwd, None, self.qd,
                                  pad=(1, 1, 1, 1), activation="relu6")
        a1 = ref.add(p1, self.q1, d1, self.qd, self.qa, activation="relu")
        g1 = ref.avg_pool2d(a1, self.qa, (2, 2), (2, 2), (0, 0, 0, 0))
        r1 = ref.reshape(g1, (1, 32))
        f1 = ref.fully_connected(r1, self.qa, self.wf, self.qwf, self.bf, self.qf)
        return ref.dequantize(f1, self.qf)

    def reference_bnn(self, x):
        xw = ref.binarize(x)
        h = ref.bconv2d(xw, 70, self.bx, ref.pack_bits(self.bw1_bits), self.bw1, None,
                        self.bh, pad=(1, 1, 1, 1))
        return ref.bconv2d(h, 16, self.bh, ref.pack_bits(self.bw2_bits), self.bw2,
                           np.array(self.bb2, np.float32), "f32")


def main(argv):
    model = Model()
    text = model.mlir()
    if argv[1:] == ["--write"]:
        MLIR_PATH.write_text(text)
        print(f"wrote {MLIR_PATH}")
        return 0
    if len(argv) != 2:
        print(__doc__)
        return 2
    if MLIR_PATH.read_text() != text:
        print("examples/tiny_cnn.mlir is out of date: run examples/tiny_cnn.py --write")
        return 1
    lib = ctypes.CDLL(argv[1])
    rng = np.random.default_rng(7)
    exact = 0
    trials = 5
    for i in range(trials):
        x = rng.normal(0, 1.2, (1, 8, 8, 3)).astype(np.float32)
        out = np.zeros((1, 10), np.float32)
        lib.tiny_cnn(x.ctypes.data_as(ctypes.c_void_p), out.ctypes.data_as(ctypes.c_void_p))
        want = model.reference(x)
        same = np.array_equal(out, want)
        exact += same
        print(f"input {i}: class {int(out.argmax())} (reference {int(want.argmax())}), "
              f"{'bit-exact' if same else 'MISMATCH'}")
        print("  compiled :", " ".join(f"{v:6.2f}" for v in out[0]))
        print("  reference:", " ".join(f"{v:6.2f}" for v in want[0]))
    for i in range(trials):
        x = rng.normal(0, 1.0, (1, 8, 8, 70)).astype(np.float32)
        out = np.zeros((1, 1, 1, 4), np.float32)
        lib.tiny_bnn(x.ctypes.data_as(ctypes.c_void_p), out.ctypes.data_as(ctypes.c_void_p))
        want = model.reference_bnn(x)
        same = np.array_equal(out, want)
        exact += same
        print(f"binary input {i}: {'bit-exact' if same else 'MISMATCH'}")
        print("  compiled :", " ".join(f"{v:8.2f}" for v in out.ravel()))
        print("  reference:", " ".join(f"{v:8.2f}" for v in want.ravel()))
    print(f"{exact}/{2 * trials} inputs bit-exact against the NumPy reference")
    return 0 if exact == 2 * trials else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))

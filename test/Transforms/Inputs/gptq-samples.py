"""Writes an activation samples file (docs/calibration.md) for
test/Transforms/quantize-gptq.mlir: observer 0 'x' with 8 samples of
shape 4x4x3 whose three channels are equal (so the Gram matrix is a
multiple of all-ones), or a broken variant named by the second argument.
Standard library only."""
import struct
import sys

out, case = sys.argv[1], sys.argv[2]
n = 8 * 4 * 4
channels = 2 if case == "wrongshape" else 3
values = [0.1 + 1.4 * i / (n - 1) for i in range(n) for _ in range(channels)]
if case == "nan":
    values[0] = float("nan")
name = b"y" if case == "wrongname" else b"x"
data = struct.pack("<qq", 0, len(name)) + name + struct.pack("<5q", 4, 8, 4, 4, channels)
data += struct.pack(f"<{len(values)}f", *values)
if case == "trunc":
    data = data[:-5]
if case == "empty":
    data = b""
with open(out, "wb") as f:
    f.write(b"QNNSAMP1" + data)

"""Calls one function of a library compiled by qnn-compile through the C ABI
of docs/abi.md and prints its outputs; lit tests use it as `%call`.

usage: call.py LIB FUNC ARG...
  ARG = TYPE:v0,v1,...   an input buffer holding these values; `v*N` repeats v
                         N times
      | out:TYPE:N       an output buffer of N elements
  TYPE = i8 | u8 | i16 | u16 | i32 | i64 | f32
  values may be nan, inf, -inf, -0.0, 0x...
Prints one line per output: "outK: v0 v1 ..." (f32 as %.9g, i64 also in hex).
Output buffers are filled with a sentinel (0x5A bytes) before the call so that
an element the function does not write shows up. Inputs are read-only
(docs/abi.md): an input buffer whose bytes changed during the call is an
error (exit 1, "input K was written").
"""
import ctypes
import sys

CTYPES = {
    "i8": ctypes.c_int8,
    "u8": ctypes.c_uint8,
    "i16": ctypes.c_int16,
    "u16": ctypes.c_uint16,
    "i32": ctypes.c_int32,
    "i64": ctypes.c_int64,
    "f32": ctypes.c_float,
}


def parse(kind, text):
    if kind == "f32":
        return float(text)
    return int(text, 0)


def values(kind, text):
    result = []
    for item in text.split(","):
        value, _, count = item.partition("*")
        result += [parse(kind, value)] * (int(count) if count else 1)
    return result


def main(argv):
    lib = ctypes.CDLL(argv[1])
    fn = getattr(lib, argv[2])
    fn.restype = None
    buffers, outputs, inputs = [], [], []
    for arg in argv[3:]:
        parts = arg.split(":")
        if parts[0] == "out":
            kind, n = parts[1], int(parts[2])
            buf = (CTYPES[kind] * n)()
            ctypes.memset(buf, 0x5A, ctypes.sizeof(buf))
            outputs.append((kind, buf))
        else:
            kind, vals = parts[0], values(parts[0], parts[1])
            buf = (CTYPES[kind] * len(vals))(*vals)
            inputs.append((len(buffers), buf, bytes(buf)))
        buffers.append(buf)
    fn(*[ctypes.cast(b, ctypes.c_void_p) for b in buffers])
    for k, buf, before in inputs:
        if bytes(buf) != before:
            sys.exit("input %d was written: inputs are read-only (docs/abi.md)" % k)
    for i, (kind, buf) in enumerate(outputs):
        if kind == "f32":
            text = " ".join("%.9g" % v for v in buf)
        elif kind == "i64":
            text = " ".join("%d(0x%x)" % (v, v & 0xFFFFFFFFFFFFFFFF) for v in buf)
        else:
            text = " ".join(str(v) for v in buf)
        print("out%d: %s" % (i, text))


if __name__ == "__main__":
    main(sys.argv)

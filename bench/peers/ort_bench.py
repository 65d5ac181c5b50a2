"""onnxruntime peer benchmark for the qnn int8 benchmarks (bench/peers).

Builds each layer shape as a one-node (or few-node) ONNX model in memory
with onnx.helper (opset 17, NCHW as ONNX requires, batch 1) and times it
with an onnxruntime InferenceSession on the CPUExecutionProvider:

  - gemm      int8: QLinearMatMul, u8 activations (M x K) x s8 weights
                    (K x N, per-column scales), u8 output. QLinearMatMul has
                    no bias input, and relu is the u8 output saturating at
                    zero point 0 (what ORT's quantizer does with Relu).
              fp32: MatMul + Add(bias) + Relu.
  - conv      int8: QLinearConv, u8 activations, s8 weights with
                    per-output-channel scales, i32 bias, u8 output with zero
                    point 0 (relu folded into the saturation, as above).
              fp32: Conv(bias) + Relu.
  - depthwise the same with group = channels.
  - int8 conv / depthwise are also timed as ORT's contrib
    com.microsoft.QLinearConv with channels_last=1 (NHWC in and out, the node
    ORT's NHWC transformer rewrites QLinearConv into), reported as library
    "onnxruntime-nhwc": the standard NCHW model pays for layout transposes
    around the kernel, which a NHWC compiler does not.

Sessions use graph optimizations (ORT_ENABLE_ALL, so ORT may switch QLinearConv
to its NHWC kernels and fuse Conv + Relu), intra_op_num_threads = --threads,
inter_op_num_threads = 1, sequential execution. Inputs and outputs are bound
once as OrtValues (IOBinding), and the timed call is run_with_iobinding.
Timing: warm-up, then samples of enough back-to-back calls to last >= ~50 us,
best sample over --budget seconds (default 0.5) per shape and dtype.
GOPS = 2 * MACs / best time. The per-call Python + session overhead (timed
on an Identity model) is reported in the "info" line as call_overhead_ms.

    .venv/bin/python bench/peers/ort_bench.py --threads 1 [--budget S]
        [--dtype int8|fp32|all] [--src-zp N] [--no-nhwc] [SHAPE ...]

SHAPE: gemm:M,K,N  conv:H,W,C,K,R,STRIDE,PAD  dw:H,W,C,STRIDE (the syntax of
onednn_bench.cpp); without SHAPEs DEFAULT_SHAPES. Prints an "info" JSON line,
then one JSON line per shape and dtype. onnx / onnxruntime are imported
lazily so that run_peers.py can import this module's shape list without them.
"""

import argparse
import json
import sys
import time

# The benchmark shapes, shared with onednn_bench.cpp via run_peers.py.
DEFAULT_SHAPES = [
    # GEMM M x K x N
    "gemm:1024,1024,1024", "gemm:256,256,256",
    # ResNet-18 3x3 convs, stride 1, pad 1: H,W,C,K,R,STRIDE,PAD
    "conv:56,56,64,64,3,1,1", "conv:28,28,128,128,3,1,1",
    "conv:14,14,256,256,3,1,1", "conv:7,7,512,512,3,1,1",
    # ResNet-18 1x1 stride-2 downsample convs, pad 0
    "conv:56,56,64,128,1,2,0", "conv:28,28,128,256,1,2,0",
    "conv:14,14,256,512,1,2,0",
    # MobileNetV2 depthwise 3x3, pad 1: H,W,C,STRIDE
    "dw:112,112,32,1", "dw:112,112,96,2", "dw:56,56,144,1", "dw:56,56,144,2",
    "dw:28,28,192,1", "dw:14,14,384,1", "dw:14,14,576,1", "dw:7,7,960,1",
]

OPSET = 17


class Shape:
    """One layer, parsed from a SHAPE spec; names match onednn_bench.cpp."""

    def __init__(self, spec: str):
        kind, _, rest = spec.partition(":")
        v = [int(x) for x in rest.split(",")]
        self.spec = spec
        if kind == "gemm" and len(v) == 3:
            self.op = "gemm"
            self.m, self.k, self.n = v
        elif kind == "conv" and len(v) == 7:
            self.op = "conv"
            self.h, self.w, self.c, self.oc, self.r, self.stride, self.pad = v
            self.groups = 1
        elif kind in ("dw", "depthwise") and len(v) == 4:
            self.op = "depthwise"
            self.h, self.w, self.c, self.stride = v
            self.oc, self.r, self.pad, self.groups = self.c, 3, 1, self.c
        else:
            raise ValueError(f"bad shape spec {spec!r}")
        if self.op != "gemm":
            self.oh = (self.h + 2 * self.pad - self.r) // self.stride + 1
            self.ow = (self.w + 2 * self.pad - self.r) // self.stride + 1

    def macs(self) -> float:
        if self.op == "gemm":
            return float(self.m) * self.k * self.n
        return float(self.oh) * self.ow * self.oc * (self.c // self.groups) * self.r * self.r

    def name(self) -> str:
        if self.op == "gemm":
            return f"{self.m}x{self.k}x{self.n}"
        if self.op == "conv":
            return (f"{self.h}x{self.w}x{self.c}->{self.oc} {self.r}x{self.r}"
                    f" s{self.stride} p{self.pad}")
        return f"{self.h}x{self.w}x{self.c} {self.r}x{self.r} s{self.stride} p{self.pad}"

    def dims(self) -> dict:
        if self.op == "gemm":
            return {"m": self.m, "k": self.k, "n": self.n}
        return {"h": self.h, "w": self.w, "c": self.c, "oc": self.oc,
                "kh": self.r, "kw": self.r, "stride": self.stride,
                "pad": self.pad, "groups": self.groups, "oh": self.oh,
                "ow": self.ow}


def _model(nodes, inputs, outputs, inits):
    from onnx import helper
    graph = helper.make_graph(nodes, "g", inputs, outputs, initializer=inits)
    opsets = [helper.make_opsetid("", OPSET)]
    if any(n.domain == "com.microsoft" for n in nodes):
        opsets.append(helper.make_opsetid("com.microsoft", 1))
    model = helper.make_model(graph, opset_imports=opsets)
    model.ir_version = 8  # understood by any onnxruntime >= 1.10
    return model.SerializeToString()


def build(s: Shape, int8: bool, src_zp: int, rng, nhwc: bool = False):
    """(serialized model, input array) for one shape/dtype. nhwc (int8 conv
    only): use ORT's contrib com.microsoft.QLinearConv with channels_last=1,
    the node ORT's own NHWC transformer produces, with NHWC input/output."""
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    t = numpy_helper.from_array
    nchan = s.n if s.op == "gemm" else s.oc
    if s.op == "gemm":
        x_shape, y_shape = [s.m, s.k], [s.m, s.n]
        w_shape = [s.k, s.n]
    else:
        if nhwc:
            x_shape, y_shape = [1, s.h, s.w, s.c], [1, s.oh, s.ow, s.oc]
        else:
            x_shape, y_shape = [1, s.c, s.h, s.w], [1, s.oc, s.oh, s.ow]
        w_shape = [s.oc, s.c // s.groups, s.r, s.r]
    conv_attrs = {}
    if s.op != "gemm":
        conv_attrs = dict(kernel_shape=[s.r, s.r], strides=[s.stride] * 2,
                          pads=[s.pad] * 4, group=s.groups)

    if int8:
        x = rng.integers(0, 256, x_shape, dtype=np.uint8)
        w = rng.integers(-127, 128, w_shape, dtype=np.int8)
        w_scale = rng.uniform(0.001, 0.004, nchan).astype(np.float32)
        inits = [
            t(np.array(0.02, np.float32), "x_scale"),
            t(np.array(src_zp, np.uint8), "x_zp"),
            t(w, "w"),
            t(w_scale, "w_scale"),
            t(np.zeros(nchan, np.int8), "w_zp"),
            t(np.array(0.5, np.float32), "y_scale"),
            t(np.array(0, np.uint8), "y_zp"),
        ]
        names = ["x", "x_scale", "x_zp", "w", "w_scale", "w_zp", "y_scale", "y_zp"]
        if s.op == "gemm":
            node = helper.make_node("QLinearMatMul", names, ["y"])
        else:
            inits.append(t(rng.integers(-1000, 1000, nchan, dtype=np.int32), "b"))
            if nhwc:
                node = helper.make_node("QLinearConv", names + ["b"], ["y"],
                                        domain="com.microsoft", channels_last=1,
                                        **conv_attrs)
            else:
                node = helper.make_node("QLinearConv", names + ["b"], ["y"], **conv_attrs)
        nodes = [node]
        x_type = y_type = TensorProto.UINT8
    else:
        x = rng.uniform(-1, 1, x_shape).astype(np.float32)
        w = rng.uniform(-1, 1, w_shape).astype(np.float32)
        b = rng.uniform(-1, 1, nchan).astype(np.float32)
        inits = [t(w, "w"), t(b, "b")]
        if s.op == "gemm":
            nodes = [helper.make_node("MatMul", ["x", "w"], ["xw"]),
                     helper.make_node("Add", ["xw", "b"], ["z"])]
        else:
            nodes = [helper.make_node("Conv", ["x", "w", "b"], ["z"], **conv_attrs)]
        nodes.append(helper.make_node("Relu", ["z"], ["y"]))
        x_type = y_type = TensorProto.FLOAT
    model = _model(nodes,
                   [helper.make_tensor_value_info("x", x_type, x_shape)],
                   [helper.make_tensor_value_info("y", y_type, y_shape)], inits)
    return model, x


def session(model: bytes, threads: int):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.log_severity_level = 3
    return ort.InferenceSession(model, so, providers=["CPUExecutionProvider"])


def bound_call(sess, x):
    """A zero-argument callable that runs sess on x with pre-bound buffers."""
    import onnxruntime as ort
    binding = sess.io_binding()
    binding.bind_ortvalue_input("x", ort.OrtValue.ortvalue_from_numpy(x))
    out = sess.get_outputs()[0]
    binding.bind_output(out.name, "cpu")
    sess.run_with_iobinding(binding)  # allocates the output once
    y = binding.get_outputs()[0]
    binding.bind_ortvalue_output(out.name, y)
    return lambda: sess.run_with_iobinding(binding)


def time_best(fn, budget_s: float) -> float:
    fn()
    t0 = time.perf_counter()
    fn()
    one = time.perf_counter() - t0
    # Short samples (>= ~50 us), so best-of finds quiet windows on a shared machine.
    reps = max(1, int(50e-6 / max(one, 1e-9)))
    best, spent, samples = float("inf"), 0.0, 0
    while spent < budget_s or samples < 3:
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        dt = time.perf_counter() - t0
        best, spent, samples = min(best, dt / reps), spent + dt, samples + 1
    return best


def call_overhead(threads: int) -> float:
    """Seconds per run_with_iobinding on a 1-element Identity model."""
    import numpy as np
    from onnx import TensorProto, helper
    model = _model([helper.make_node("Identity", ["x"], ["y"])],
                   [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
                   [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])], [])
    return time_best(bound_call(session(model, threads), np.zeros(1, np.float32)), 0.2)


def run(specs, threads: int, budget_s: float = 0.5, dtypes: str = "all",
        src_zp: int = 0, emit=None, nhwc: bool = True) -> list:
    """Benchmarks specs; returns (and passes to emit, if given) the records.

    Records of the standard NCHW models have library "onnxruntime"; with
    nhwc, int8 conv/depthwise shapes are also timed as the channels-last
    contrib QLinearConv, as library "onnxruntime-nhwc"."""
    import numpy as np
    import onnxruntime as ort

    records = []

    def out(rec):
        records.append(rec)
        if emit:
            emit(rec)

    out({"op": "info", "library": "onnxruntime", "version": ort.__version__,
         "threads": threads, "providers": ort.get_available_providers(),
         "call_overhead_ms": round(call_overhead(threads) * 1e3, 5)})
    for spec in specs:
        s = Shape(spec)
        variants = [(True, False), (False, False)]
        if nhwc and s.op != "gemm":
            variants.insert(1, (True, True))
        for int8, chlast in variants:
            dtn = "int8" if int8 else "fp32"
            if dtypes not in ("all", dtn):
                continue
            rec = {"library": "onnxruntime-nhwc" if chlast else "onnxruntime",
                   "op": s.op, "shape": s.name(), "dims": s.dims(),
                   "dtype": dtn, "threads": threads,
                   "layout": "nhwc" if chlast else ("nchw" if s.op != "gemm" else "rowmajor")}
            if int8:
                rec["node"] = ("QLinearMatMul" if s.op == "gemm" else
                               "com.microsoft.QLinearConv(channels_last=1)" if chlast
                               else "QLinearConv")
                rec["weights"] = "s8"
                rec["src_zp"] = src_zp
            else:
                rec["node"] = "MatMul+Add+Relu" if s.op == "gemm" else "Conv+Relu"
            try:
                model, x = build(s, int8, src_zp, np.random.default_rng(0), chlast)
                best = time_best(bound_call(session(model, threads), x), budget_s)
                rec.update(gops=round(2.0 * s.macs() / best / 1e9, 2),
                           ms=round(best * 1e3, 5))
            except Exception as e:  # e.g. an unsupported type combination
                rec["error"] = f"{type(e).__name__}: {e}"
            out(rec)
    return records


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--budget", type=float, default=0.5)
    ap.add_argument("--dtype", default="all", choices=["all", "int8", "fp32"])
    ap.add_argument("--src-zp", type=int, default=0)
    ap.add_argument("--no-nhwc", action="store_true",
                    help="skip the channels-last int8 QLinearConv variant")
    ap.add_argument("shapes", nargs="*")
    a = ap.parse_args(argv)
    emit = lambda r: print(json.dumps(r), flush=True)  # noqa: E731
    recs = run(a.shapes or DEFAULT_SHAPES, a.threads, a.budget, a.dtype,
               a.src_zp, emit, nhwc=not a.no_nhwc)
    return 1 if any("error" in r for r in recs) else 0


if __name__ == "__main__":
    sys.exit(main())

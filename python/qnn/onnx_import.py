"""ONNX to the flow's input form, as MLIR text: TOSA float ops, qnn ops
where TOSA has none (qnn.batch_norm) and for quantized ONNX (QuantizeLinear,
DequantizeLinear, QLinear*, *Integer, fused QDQ groups), and linalg.generic
where neither has the exact operation (true division, ONNX's rounding,
run-time quantization parameters). Each op carries the ONNX tensor it
computes as its location (loc("name")).

Layout: ONNX tensors are NCHW; qnn and TOSA are NHWC (shared/DESIGN.md).
A 4-D activation is transposed once where it enters (a graph input) and
carried NHWC from then on; an op that needs the ONNX layout (Flatten,
Reshape, Transpose, a graph output) transposes it back. 4-D constants
that meet NHWC activations are permuted at import time.

Supported (opset 10 and newer): SUPPORTED_OPS below; docs/onnx.md has the
table of what each becomes. Anything else raises ImportError_ naming the
node, its op type and what is supported.
"""

import json
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

SUPPORTED_OPS = (
    "Abs", "Add", "AveragePool", "BatchNormalization", "Clip", "Concat", "Constant", "Conv", "Div",
    "Flatten", "Gemm", "GlobalAveragePool", "Identity", "LeakyRelu", "MatMul", "Max",
    "MaxPool", "Min", "Mul", "Pad", "ReduceMax", "ReduceMean", "ReduceMin", "Relu", "Reshape", "Round",
    "Sigmoid", "Sign", "Softmax", "Sub", "Transpose",
    # quantized
    "Cast", "ConvInteger", "DequantizeLinear", "DynamicQuantizeLinear", "MatMulInteger", "QLinearConv",
    "QLinearMatMul", "QuantizeLinear",
)
QUANT_OPS = ("Cast", "ConvInteger", "Identity", "DequantizeLinear", "MatMulInteger", "QLinearConv", "QLinearMatMul",
             "QuantizeLinear")
# The quantization node tests are opset 10 and 11 models; ops whose meaning
# changed since are checked per op (Clip before 11, Softmax before 13).
MIN_OPSET = 10

NCHW_TO_NHWC = (0, 2, 3, 1)
NHWC_TO_NCHW = (0, 3, 1, 2)


class ImportError_(ValueError):
    """An ONNX construct qnn cannot import; the message names the node."""


# Input ranks the op handlers take, checked before they run (input index ->
# ranks); the handlers of Conv and pooling check theirs with a longer message.
INPUT_RANKS = {
    "GlobalAveragePool": {0: (4,)},
    "BatchNormalization": {0: (2, 4), 1: (1,), 2: (1,), 3: (1,), 4: (1,)},
    "Gemm": {0: (2,), 1: (2,)},
    "MatMul": {0: (2,), 1: (2,)},
}


@dataclass
class Value:
    name: str                 # SSA name, with %
    shape: Tuple[int, ...]    # in its current layout
    nhwc: bool = False        # a 4-D activation held NHWC (ONNX shape is NCHW)
    const: Optional[np.ndarray] = None  # ONNX-layout value for initializers
    dtype: str = "float32"    # numpy dtype of the ONNX tensor (uint8/int8 in i8 containers)

    @property
    def onnx_shape(self):
        if self.nhwc:
            n, h, w, c = self.shape
            return (n, c, h, w)
        return self.shape


def _ttype(shape, elt: str = "f32") -> str:
    if len(shape) == 0:
        return f"tensor<{elt}>"
    return "tensor<" + "x".join(str(d) for d in shape) + f"x{elt}>"


# The quantized ONNX dtypes: !quant.uniform storage, its range, and the MLIR
# container a tensor of it is held in (rule N1.4; 4- and 2-bit values one
# per byte, sign- or zero-extended, as the runtime's int8/uint8 carriers).
QDTYPES = {
    "uint8": ("u8", 0, 255, "i8"), "int8": ("i8", -128, 127, "i8"),
    "uint16": ("u16", 0, 65535, "i16"), "int16": ("i16", -32768, 32767, "i16"),
    "uint4": ("u4", 0, 15, "i8"), "int4": ("i4", -8, 7, "i8"),
    "uint2": ("u2", 0, 3, "i8"), "int2": ("i2", -2, 1, "i8"),
}
# Integer ONNX tensors and the MLIR container each is held in.
INT_CONTAINERS = {**{k: v[3] for k, v in QDTYPES.items()}, "int32": "i32"}
ONNX_DTYPES = {"FLOAT": "float32", "INT32": "int32", **{k.upper(): k for k in QDTYPES}}


def _vtype(v) -> str:
    return _ttype(v.shape, INT_CONTAINERS.get(v.dtype, "f32"))


def _exact(v: float) -> str:
    """A double literal that is exactly the f32 value `v` (scales are f32 in
    ONNX; the quant type holds a double)."""
    return f"{float(np.float32(v)):.17e}"


def _f32(v: float) -> str:
    """An MLIR f32 literal (always with a mantissa dot and an exponent)."""
    return f"{float(np.float32(v)):.9e}"


def _hex(a: np.ndarray) -> str:
    return "0x" + np.ascontiguousarray(a, np.float32).tobytes().hex().upper()


def ternary_codebook(w: np.ndarray, axis: int) -> Optional[str]:
    """The codebook that holds the float weights `w` exactly when they are
    ternary, as trained ternary quantization exports them: every slice
    along `axis` (an output channel) holds only 0, one negative and one
    positive value. "ternary" when those are -alpha and +alpha in every
    channel, "kmeans2" (3 of its 4 entries) when some channel's differ;
    None for other weights, and for channels of fewer than 8 weights, too
    few to tell ternary weights from chance (docs/codebooks.md)."""
    ch = np.moveaxis(w, axis, 0).reshape(w.shape[axis], -1)
    if ch.shape[1] < 8 or not np.isfinite(ch).all() or not ch.any():
        return None
    symmetric = True
    for row in ch:
        neg, pos = np.unique(row[row < 0]), np.unique(row[row > 0])
        if len(neg) > 1 or len(pos) > 1:
            return None
        if len(neg) and len(pos) and -neg[0] != pos[0]:
            symmetric = False
    return "ternary" if symmetric else "kmeans2"


def _codebook_attr(w: np.ndarray, axis: int, detect: bool) -> str:
    """`, qnn.codebook = "..."` for ternary weights (ternary_codebook), else ""."""
    cb = ternary_codebook(w, axis) if detect else None
    return f', qnn.codebook = "{cb}"' if cb else ""


@dataclass
class _Builder:
    lines: List[str] = field(default_factory=list)
    counter: int = 0
    defs: Dict[str, int] = field(default_factory=dict)  # SSA name -> the line its op ends on

    def fresh(self, hint="v") -> str:
        self.counter += 1
        return f"%{hint}{self.counter}"

    def emit(self, text: str):
        self.lines.append("  " + text)
        head = text.split(" = ", 1)[0]
        if head.startswith("%") and " " not in head and not text.endswith("{"):
            self.defs[head] = len(self.lines) - 1

    def locate(self, ssa: str, name: str):
        """Gives the op defining `ssa` the location loc("name") (the ONNX
        tensor it computes; observers and diagnostics show it)."""
        idx = self.defs.pop(ssa, None)
        if idx is not None:
            esc = name.replace("\\", "\\\\").replace('"', '\\"')
            self.lines[idx] += f' loc("{esc}")'

    def const(self, a: np.ndarray) -> Value:
        a = np.asarray(a, np.float32)
        name = self.fresh("c")
        body = f'dense<"{_hex(a)}">'
        self.emit(f'{name} = "tosa.const"() {{values = {body} : {_ttype(a.shape)}}} : () -> {_ttype(a.shape)}')
        return Value(name, tuple(a.shape))

    def shape_const(self, dims) -> str:
        name = self.fresh("s")
        vals = ", ".join(str(int(d)) for d in dims)
        self.emit(f"{name} = tosa.const_shape {{values = dense<[{vals}]> : tensor<{len(dims)}xindex>}} "
                  f": () -> !tosa.shape<{len(dims)}>")
        return name

    def op(self, text_fn, shape) -> Value:
        name = self.fresh()
        self.emit(f"{name} = {text_fn}")
        return Value(name, tuple(shape))

    def zp(self) -> Value:
        return self.const(np.zeros((1,), np.float32))

    def transpose(self, v: Value, perm) -> Value:
        shape = tuple(v.shape[p] for p in perm)
        perms = ", ".join(str(p) for p in perm)
        return self.op(f"tosa.transpose {v.name} {{perms = array<i32: {perms}>}} : "
                       f"({_ttype(v.shape)}) -> {_ttype(shape)}", shape)

    def reshape(self, v: Value, shape) -> Value:
        s = self.shape_const(shape)
        return self.op(f"tosa.reshape {v.name}, {s} : ({_ttype(v.shape)}, !tosa.shape<{len(shape)}>) "
                       f"-> {_ttype(shape)}", shape)

    def reshape_t(self, v: Value, shape, elt: str) -> Value:
        s = self.shape_const(shape)
        return self.op(f"tosa.reshape {v.name}, {s} : ({_ttype(v.shape, elt)}, !tosa.shape<{len(shape)}>) "
                       f"-> {_ttype(shape, elt)}", shape)

    def unary(self, opname, v: Value, attrs="") -> Value:
        return self.op(f"{opname} {v.name}{attrs} : ({_ttype(v.shape)}) -> {_ttype(v.shape)}", v.shape)

    def binary(self, opname, a: Value, b: Value, shape) -> Value:
        if opname == "tosa.mul":
            shift = self.fresh("sh")
            self.emit(f'{shift} = "tosa.const"() {{values = dense<0> : tensor<1xi8>}} : () -> tensor<1xi8>')
            return self.op(f"tosa.mul {a.name}, {b.name}, {shift} : ({_ttype(a.shape)}, {_ttype(b.shape)}, "
                           f"tensor<1xi8>) -> {_ttype(shape)}", shape)
        return self.op(f"{opname} {a.name}, {b.name} : ({_ttype(a.shape)}, {_ttype(b.shape)}) -> {_ttype(shape)}",
                       shape)


def _bmap(shape, out) -> str:
    """The indexing map results reading a tensor of `shape` broadcast (equal
    rank, size-1 dims) to `out`: "(d0, 0, d2)"."""
    return "(" + ", ".join("0" if s == 1 and o != 1 else f"d{i}" for i, (s, o) in enumerate(zip(shape, out))) + ")"


def _dtype_name(code) -> str:
    """The ONNX element type's name, or 'undefined element type N' for a
    code this onnx does not know (a corrupt or future model)."""
    import onnx
    try:
        return onnx.TensorProto.DataType.Name(int(code))
    except ValueError:
        return f"undefined element type {code}"


def _node_error(node, what):
    """Raises the ImportError_ `node 'NAME' (OP): what`."""
    label = node.name or (node.output[0] if node.output else "(unnamed)")
    raise ImportError_(f"node '{label}' ({node.op_type}): {what}")


def _check_nodes(model):
    """Checks that need no shapes, before ONNX's shape inference sees the
    model (its C++ code can crash on what they refuse: a LayerNormalization
    with axis 2^31 segfaulted onnx 1.23): every name is UTF-8; every node
    is in the default domain, of an op qnn supports, with as many inputs
    and outputs as the op's schema allows and every attribute of the
    schema's type, integers within 32 bits. The message names the node."""
    import onnx
    from onnx import defs
    g = model.graph
    opset = max((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), default=0)
    # protobuf hands over a string field that is not UTF-8 as bytes
    strings = [v.name for v in list(g.input) + list(g.output) + list(g.value_info)]
    strings += [t.name for t in g.initializer]
    for node in g.node:
        strings += [node.name, node.op_type, node.domain, *node.input, *node.output]
        strings += [a.name for a in node.attribute]
    for s in strings:
        if not isinstance(s, str):
            raise ImportError_(f"the name {s!r} is not valid UTF-8 (a corrupt model)")
    names = onnx.AttributeProto.AttributeType.Name
    err = _node_error
    for node in g.node:
        if node.domain not in ("", "ai.onnx"):
            err(node, f"domain '{node.domain}' is not supported (only the default ONNX domain)")
        if node.op_type not in SUPPORTED_OPS:
            err(node, f"op type {node.op_type} is not supported; supported: {', '.join(SUPPORTED_OPS)}")
        try:
            schema = defs.get_schema(node.op_type, opset, "")
        except Exception:  # noqa: BLE001 - no schema at this opset: shape inference reports it
            continue
        for what, n, lo, hi in (("inputs", len(node.input), schema.min_input, schema.max_input),
                                ("outputs", len(node.output), schema.min_output, schema.max_output)):
            if not lo <= n <= hi:
                takes = f"{lo}" if lo == hi else f"{lo} to {hi}" if hi < 1 << 20 else f"{lo} or more"
                err(node, f"has {n} {what}; {node.op_type} takes {takes}")
        single = defs.OpSchema.FormalParameterOption.Single
        for i, formal in enumerate(schema.inputs):
            if formal.option == single and i < len(node.input) and not node.input[i]:
                err(node, f"input {i} ('{formal.name}') is required but left empty")
        for a in node.attribute:
            spec = schema.attributes.get(a.name)
            if spec is None:
                err(node, f"attribute '{a.name}' is not an attribute of {node.op_type}")
            if a.type != spec.type:
                err(node, f"attribute '{a.name}' has type {names(a.type)}, {node.op_type} takes {names(spec.type)}")
            for v in ([a.i] if a.type == onnx.AttributeProto.INT else list(a.ints)):
                if not -(1 << 31) <= v < 1 << 31:
                    err(node, f"attribute '{a.name}' holds {v}, outside 32-bit integers")


def _tensor_value(t, what: str):
    """numpy_helper.to_array(t), or an ImportError_ naming `what` when the
    tensor's data does not match its type or dims (a corrupt model)."""
    from onnx import numpy_helper
    try:
        return numpy_helper.to_array(t)
    except Exception as err:  # noqa: BLE001 - ValueError, TypeError, ... from onnx and NumPy
        raise ImportError_(f"{what}: the tensor's data does not match its type and dims ({err})") from None


def _attrs(node) -> dict:
    import onnx
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


class Importer:
    def __init__(self, model, func_name: str = "main", fuse_qdq: bool = True, detect_ternary: bool = True):
        import onnx
        from onnx import numpy_helper, shape_inference
        self.onnx = onnx
        self.func_name = func_name
        opset = max((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), default=0)
        if opset < MIN_OPSET:
            raise ImportError_(f"model opset {opset} is not supported: qnn imports opset {MIN_OPSET} and newer")
        try:
            model = shape_inference.infer_shapes(model, strict_mode=True)
        except Exception as err:  # noqa: BLE001
            raise ImportError_(f"ONNX shape inference failed: {err}") from err
        self.model = model
        self.opset = opset
        self.graph = model.graph
        self.b = _Builder()
        self.fuse_qdq = fuse_qdq
        self.detect_ternary = detect_ternary
        self.fused: Dict[int, object] = {}   # id(op node) -> its QuantizeLinear (QDQ fusion)
        self.skip = set()                     # ids of the QuantizeLinear nodes fused into their op
        self.producer: Dict[str, object] = {}
        self.onnx_rounding = False
        self.signs: Dict[str, Value] = {}
        self.env: Dict[str, Value] = {}
        self.inits = {t.name: _tensor_value(t, f"initializer '{t.name}'") for t in self.graph.initializer}
        self.shapes = {}
        for vi in list(self.graph.value_info) + list(self.graph.input) + list(self.graph.output):
            tt = vi.type.tensor_type
            if tt.HasField("shape"):
                dims = []
                for d in tt.shape.dim:
                    if not d.HasField("dim_value"):
                        dims = None
                        break
                    dims.append(d.dim_value)
                if dims is not None:
                    self.shapes[vi.name] = tuple(dims)

    # -- helpers ---------------------------------------------------------
    def err(self, node, what):
        _node_error(node, what)

    def get(self, node, name) -> Value:
        if name in self.signs:
            self.err(node, f"input '{name}' is the output of Sign, which qnn supports only as the input "
                           "of a convolution whose weights are +-alpha per output channel (a binary layer)")
        if name in self.env:
            return self.env[name]
        if name in self.inits:
            a = self.inits[name].astype(np.float32) if self.inits[name].dtype.kind == "f" else self.inits[name]
            v = Value("", tuple(a.shape), const=a, dtype=str(a.dtype))
            self.env[name] = v
            return v
        self.err(node, f"input '{name}' is not produced by any node, input or initializer")

    def materialize(self, v: Value) -> Value:
        """An SSA value for `v` (a constant becomes tosa.const)."""
        if v.name:
            return v
        c = self.b.const(v.const.astype(np.float32))
        v.name = c.name
        return v

    def plain(self, v: Value) -> Value:
        """`v` in the ONNX layout."""
        v = self.materialize(v)
        if v.nhwc:
            return self.b.transpose(v, NHWC_TO_NCHW)
        return v

    def like(self, v: Value, other: Value) -> Value:
        """Constant or activation `v` prepared to meet `other` elementwise:
        same rank, NHWC when `other` is NHWC."""
        if v.const is not None and not v.name:
            a = v.const.astype(np.float32)
            rank = max(len(other.onnx_shape), a.ndim)
            a = a.reshape((1,) * (rank - a.ndim) + a.shape)
            if other.nhwc and rank == 4:
                a = a.transpose(NCHW_TO_NHWC)
            c = self.b.const(a)
            c.nhwc = other.nhwc and rank == 4
            return c
        if v.nhwc != other.nhwc:
            return self.plain(v) if not other.nhwc else self.to_nhwc(v)
        if len(v.shape) < len(other.shape):
            return self.b.reshape(v, (1,) * (len(other.shape) - len(v.shape)) + v.shape)
        return v

    def to_nhwc(self, v: Value) -> Value:
        v = self.materialize(v)
        if v.nhwc or len(v.shape) != 4:
            return v
        t = self.b.transpose(v, NCHW_TO_NHWC)
        t.nhwc = True
        return t

    def exact_window(self, x: Value, k, strides, dil, pads):
        """TOSA wants (in - 1 + pad_before + pad_after - (k - 1) * d) to be a
        multiple of the stride where ONNX floors the division: the rows and
        columns past the last window are dropped, from the trailing padding
        first, then (tosa.slice) from the input. Returns the input and the
        TOSA pad [top, bottom, left, right]."""
        top, left, bottom, right = pads
        h, w = x.shape[1], x.shape[2]
        cut = []
        for size, lo, hi, kk, st, d in ((h, top, bottom, k[0], strides[0], dil[0]),
                                        (w, left, right, k[1], strides[1], dil[1])):
            rem = (size - 1 + lo + hi - (kk - 1) * d) % st
            drop = min(rem, hi)
            cut.append((hi - drop, rem - drop))
        (bottom, hcut), (right, wcut) = cut
        if hcut or wcut:
            shape = (x.shape[0], h - hcut, w - wcut, x.shape[3])
            start = self.b.shape_const([0, 0, 0, 0])
            size = self.b.shape_const(shape)
            x = self.b.op(f"tosa.slice {x.name}, {start}, {size} : ({_ttype(x.shape)}, !tosa.shape<4>, "
                          f"!tosa.shape<4>) -> {_ttype(shape)}", shape)
            x.nhwc = True
        return x, [top, bottom, left, right]

    def check_ranks(self, node):
        """Refuses an input whose rank the op's handler cannot take (ONNX's
        shape inference leaves some unchecked: GlobalAveragePool on a
        rank-0 tensor passes it)."""
        for idx, ranks in INPUT_RANKS.get(node.op_type, {}).items():
            if len(node.input) <= idx or not node.input[idx]:
                continue
            name = node.input[idx]
            v = self.env.get(name)
            shape = v.onnx_shape if v is not None else self.inits[name].shape if name in self.inits else None
            if shape is not None and len(shape) not in ranks:
                takes = " or ".join(str(r) for r in ranks)
                self.err(node, f"input '{name}' has rank {len(shape)}; qnn's {node.op_type} takes rank {takes}")

    def check_result_shapes(self, node):
        """The shape qnn built for each output must be the one ONNX's shape
        inference gave it: a disagreement means the node's inputs and
        attributes do not fit together in a way no earlier check named."""
        for name in node.output:
            v = self.env.get(name)
            want = self.shapes.get(name)
            if v is not None and want is not None and tuple(v.onnx_shape) != tuple(want):
                self.err(node, f"output '{name}' comes out of shape {list(v.onnx_shape)}, but ONNX's shape "
                               f"inference gives {list(want)}; the node's inputs and attributes do not fit")

    def out_shape(self, node, idx=0):
        s = self.shapes.get(node.output[idx])
        if s is None:
            self.err(node, "output shape is unknown or dynamic; qnn needs static shapes")
        return s

    # -- import ----------------------------------------------------------
    def run(self) -> str:
        args = []
        for inp in self.graph.input:
            if inp.name in self.inits:
                continue
            tt = inp.type.tensor_type
            tname = _dtype_name(tt.elem_type)
            if tname not in ONNX_DTYPES:
                raise ImportError_(f"graph input '{inp.name}' has element type {tname}; "
                                   f"supported: {', '.join(ONNX_DTYPES)}")
            dtype = ONNX_DTYPES[tname]
            shape = self.shapes.get(inp.name)
            if shape is None:
                raise ImportError_(f"graph input '{inp.name}' has a dynamic or unknown shape; "
                                   "give it a static shape: input_shapes={name: shape} in Python, "
                                   "--input-shape NAME=D0,D1,... on the command line")
            ssa = f"%arg{len(args)}"
            args.append((inp.name, ssa, shape, dtype))
            v = Value(ssa, shape, dtype=dtype)
            self.env[inp.name] = self.to_nhwc(v) if len(shape) == 4 and dtype == "float32" else v
        if self.fuse_qdq:
            self.plan_qdq()
        for name, ssa, _, _ in args:
            self.b.defs.pop(ssa, None)
        for node in self.graph.node:
            if id(node) in self.skip:
                continue
            # Domain and op support were checked before shape inference (_check_nodes).
            try:
                if id(node) in self.fused:
                    self.fuse(node, self.fused[id(node)])
                    self.locate(self.fused[id(node)])
                    continue
                if self.fold(node):
                    continue
                if node.op_type not in QUANT_OPS:
                    for name in node.input:
                        v = self.env.get(name)
                        if v is not None and v.name and v.dtype != "float32":
                            self.err(node, f"input '{name}' is {v.dtype}; {node.op_type} takes float tensors "
                                           "(DequantizeLinear first)")
                attrs = _attrs(node)
                self.check_ranks(node)
                getattr(self, "op_" + node.op_type)(node, attrs)
                self.check_result_shapes(node)
            except ImportError_:
                raise
            except (ValueError, IndexError, KeyError, TypeError, ArithmeticError) as err:
                # A node that does not fit its inputs in a way no check above
                # caught: still an error naming the node, never a traceback.
                # The fuzz target counts these as findings ("internal check").
                self.err(node, f"the node does not fit its inputs (internal check: {type(err).__name__}: {err})")
            self.locate(node)
        results = []
        for out in self.graph.output:
            if out.name not in self.env:
                raise ImportError_(f"graph output '{out.name}' is not produced by any node")
            v = self.env[out.name]
            v = self.plain(v) if v.dtype == "float32" else self.plain_int(v)
            results.append((out.name, v))
        sig_in = ", ".join(f"{ssa}: {_ttype(shape, INT_CONTAINERS.get(dt, 'f32'))} loc({json.dumps(name)})"
                           for name, ssa, shape, dt in args)
        sig_out = ", ".join(_vtype(v) for _, v in results)
        head = f"func.func @{self.func_name}({sig_in}) -> ({sig_out}) {{"
        ret = f"  return {', '.join(v.name for _, v in results)} : {sig_out}"
        self.signature = {
            "function": self.func_name,
            "inputs": [{"name": n, "shape": list(s), "dtype": dt} for n, _, s, dt in args],
            "outputs": [{"name": n, "shape": list(v.shape), "dtype": v.dtype} for n, v in results],
        }
        if self.onnx_rounding:
            # QLinear* ops requantize as ONNX does: f32 scale, half to even.
            self.signature["requant_mode"] = "float"
        return "\n".join([head] + self.b.lines + [ret, "}", ""])

    def locate(self, node):
        for out in node.output:
            v = self.env.get(out)
            if v is not None and v.name:
                self.b.locate(v.name, out)

    FOLDABLE = ("Abs", "Add", "Div", "Mul", "ReduceMean", "Sign", "Sub")

    def fold(self, node) -> bool:
        """Evaluates, at import time, an op whose inputs are all constants
        (e.g. the scaled Sign weights of a binary network:
        Sign(W) * ReduceMean(Abs(W))). Returns whether it did."""
        if node.op_type not in self.FOLDABLE or not node.input:
            return False
        if not all(n in self.inits for n in node.input if n):
            return False
        a = _attrs(node)
        ins = [self.inits[n] for n in node.input if n]
        op = node.op_type
        if op == "Abs":
            r = np.abs(ins[0])
        elif op == "Sign":
            r = np.sign(ins[0])
        elif op == "ReduceMean":
            axes = a.get("axes")
            if axes is None and len(ins) > 1:
                axes = ins[1].tolist()
            r = np.mean(ins[0], axis=None if axes is None else tuple(int(x) for x in axes),
                        keepdims=bool(a.get("keepdims", 1)))
        else:
            r = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Div": np.divide}[op](ins[0], ins[1])
        self.inits[node.output[0]] = np.asarray(r, dtype=ins[0].dtype)
        return True

    def op_Sign(self, node, a):
        # Sign on activations: the input of a binary convolution (qnn.binarize
        # there). Its other uses are refused where they happen.
        x = self.get(node, node.input[0])
        self.signs[node.output[0]] = x

    def op_Abs(self, node, a):
        self.err(node, "Abs is supported on constants only (folded at import)")

    def op_ReduceMean(self, node, a):
        self.err(node, "ReduceMean is supported on constants only (folded at import)")

    def set(self, node, v: Value, idx=0):
        self.env[node.output[idx]] = v

    # -- ops ---------------------------------------------------------------
    def op_Constant(self, node, a):
        # A constant node is an initializer by another name.
        from onnx import numpy_helper
        if "value" in a:
            value = _tensor_value(a["value"], f"node '{node.name or node.output[0]}' (Constant)")
        elif "value_float" in a:
            value = np.array(a["value_float"], np.float32)
        elif "value_floats" in a:
            value = np.array(a["value_floats"], np.float32)
        elif "value_int" in a:
            value = np.array(a["value_int"], np.int64)
        elif "value_ints" in a:
            value = np.array(a["value_ints"], np.int64)
        else:
            self.err(node, f"only 'value', 'value_float(s)' and 'value_int(s)' are supported, got {sorted(a)}")
        self.inits[node.output[0]] = value

    def op_Identity(self, node, a):
        self.set(node, self.get(node, node.input[0]))

    def op_Relu(self, node, a):
        x = self.materialize(self.get(node, node.input[0]))
        r = self.b.unary("tosa.clamp", x, " {min_val = 0.0 : f32, max_val = 3.40282347e+38 : f32}")
        r.nhwc = x.nhwc
        self.set(node, r)

    def op_Clip(self, node, a):
        if self.opset < 11:
            self.err(node, f"Clip of opset {self.opset} (bounds as attributes) is not supported; opset 11 and newer")
        x = self.materialize(self.get(node, node.input[0]))
        lo, hi = -3.40282347e38, 3.40282347e38
        for idx, which in ((1, "min"), (2, "max")):
            if len(node.input) > idx and node.input[idx]:
                if node.input[idx] not in self.inits:
                    self.err(node, f"'{which}' must be a constant (an initializer)")
                bound = self.inits[node.input[idx]]
                if bound.size != 1:
                    self.err(node, f"'{which}' must hold one value, got shape {list(bound.shape)}")
                val = float(bound.reshape(-1)[0])
                lo, hi = (val, hi) if which == "min" else (lo, val)
        r = self.b.unary("tosa.clamp", x, f" {{min_val = {_f32(lo)} : f32, max_val = {_f32(hi)} : f32}}")
        r.nhwc = x.nhwc
        self.set(node, r)

    def op_Sigmoid(self, node, a):
        x = self.materialize(self.get(node, node.input[0]))
        r = self.b.unary("tosa.sigmoid", x)
        r.nhwc = x.nhwc
        self.set(node, r)

    def op_LeakyRelu(self, node, a):
        x = self.materialize(self.get(node, node.input[0]))
        alpha = float(a.get("alpha", 0.01))
        c = self.b.const(np.full((1,) * len(x.shape), alpha, np.float32))
        ax = self.b.binary("tosa.mul", x, c, x.shape)
        op = "tosa.maximum" if alpha <= 1.0 else "tosa.minimum"
        r = self.b.binary(op, x, ax, x.shape)
        r.nhwc = x.nhwc
        self.set(node, r)

    def _elementwise(self, node, opname):
        x = self.get(node, node.input[0])
        y = self.get(node, node.input[1])
        if x.const is not None and y.const is not None and not x.name and not y.name:
            self.err(node, "both operands are constants; fold them before import")
        ref = x if x.name or x.const is None else y
        ref = self.materialize(ref)
        xs = self.like(x, ref) if x is not ref else ref
        ys = self.like(y, ref) if y is not ref else ref
        rank = max(len(xs.shape), len(ys.shape))   # TOSA broadcasts equal ranks only
        xs, ys = ((v if len(v.shape) == rank else self.b.reshape(v, (1,) * (rank - len(v.shape)) + v.shape))
                  for v in (xs, ys))
        shape = tuple(int(d) for d in np.broadcast_shapes(xs.shape, ys.shape))
        if opname == "div":
            # A true f32 division, as ONNX and onnxruntime compute it (a
            # multiplication by tosa.reciprocal can be an ulp off).
            r = self.generic(shape, "f32", [(xs.name, xs.shape, "f32", _bmap(xs.shape, shape)),
                                            (ys.name, ys.shape, "f32", _bmap(ys.shape, shape))],
                             lambda e, p, q: [f"{e('d')} = arith.divf {p}, {q} : f32"])
        else:
            r = self.b.binary(opname, xs, ys, shape)
        r.nhwc = ref.nhwc
        self.set(node, r)

    def op_Add(self, node, a):
        self._elementwise(node, "tosa.add")

    def op_Sub(self, node, a):
        self._elementwise(node, "tosa.sub")

    def op_Mul(self, node, a):
        self._elementwise(node, "tosa.mul")

    def op_Div(self, node, a):
        self._elementwise(node, "div")

    def op_Min(self, node, a):
        if len(node.input) != 2:
            self.err(node, f"Min of {len(node.input)} inputs is not supported: 2")
        self._elementwise(node, "tosa.minimum")

    def op_Max(self, node, a):
        if len(node.input) != 2:
            self.err(node, f"Max of {len(node.input)} inputs is not supported: 2")
        self._elementwise(node, "tosa.maximum")

    def _reduce_all(self, node, a, kind):
        x = self.plain(self.get(node, node.input[0]))
        axes = a.get("axes")
        if axes is None and len(node.input) > 1 and node.input[1]:
            axes = self.const_input(node, 1, "axes").tolist()
        rank = len(x.shape)
        if axes is not None and sorted(int(v) % max(rank, 1) for v in axes) != list(range(rank)):
            self.err(node, f"reducing over axes {list(axes)} is not supported; only over all axes")
        r = self.reduce_all(x, kind, init=np.inf if kind == "min" else -np.inf)
        if int(a.get("keepdims", 1)):
            r = self.b.reshape(r, (1,) * rank)
        self.set(node, r)

    def op_ReduceMin(self, node, a):
        self._reduce_all(node, a, "min")

    def op_ReduceMax(self, node, a):
        self._reduce_all(node, a, "max")

    def op_Round(self, node, a):
        # ONNX rounds half to even.
        x = self.materialize(self.get(node, node.input[0]))
        r = self.generic(x.shape, "f32", [(x.name, x.shape, "f32")],
                         lambda e, v: [f"{e('r')} = math.roundeven {v} : f32"])
        r.nhwc = x.nhwc
        self.set(node, r)

    def op_Conv(self, node, a):
        if node.input[0] in self.signs:
            return self.binary_conv(node, a)
        x = self.get(node, node.input[0])
        if len(x.shape) != 4:
            self.err(node, f"input '{node.input[0]}' has rank {len(x.shape)}; only 2-D convolutions "
                           "(a rank-4 NCHW input) are supported")
        x = self.to_nhwc(x)
        if node.input[1] not in self.inits:
            self.err(node, "weights must be a constant (an initializer)")
        if len(node.input) > 2 and node.input[2] and node.input[2] not in self.inits:
            self.err(node, "bias must be a constant (an initializer)")
        w = self.inits[node.input[1]].astype(np.float32)          # [O, C/g, KH, KW]
        if w.ndim != 4:
            self.err(node, f"only 2-D convolutions are supported (weights of rank {w.ndim})")
        o, cg, kh, kw = w.shape
        c = x.shape[3]
        group = int(a.get("group", 1))
        if a.get("auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET"):
            self.err(node, "auto_pad is not supported; give explicit 'pads'")
        pads = list(a.get("pads", [0, 0, 0, 0]))                   # t, l, b, r
        strides = list(a.get("strides", [1, 1]))
        dil = list(a.get("dilations", [1, 1]))
        bias = (self.inits[node.input[2]].astype(np.float32) if len(node.input) > 2 and node.input[2]
                else np.zeros((o,), np.float32))
        ys = self.out_shape(node)                                    # NCHW
        out = (ys[0], ys[2], ys[3], ys[1])
        x, tp = self.exact_window(x, (kh, kw), strides, dil, pads)
        pad = f"array<i64: {tp[0]}, {tp[1]}, {tp[2]}, {tp[3]}>"
        win = f"stride = array<i64: {strides[0]}, {strides[1]}>, dilation = array<i64: {dil[0]}, {dil[1]}>"
        bc = self.b.const(bias)
        zp = self.b.zp()
        if group == 1:
            wc = self.b.const(w.transpose(0, 2, 3, 1))               # OHWI
            cb = _codebook_attr(w, 0, self.detect_ternary)
            r = self.b.op(f"tosa.conv2d {x.name}, {wc.name}, {bc.name}, {zp.name}, {zp.name} "
                          f"{{acc_type = f32, pad = {pad}, {win}{cb}}} : ({_ttype(x.shape)}, {_ttype(wc.shape)}, "
                          f"{_ttype(bc.shape)}, tensor<1xf32>, tensor<1xf32>) -> {_ttype(out)}", out)
        elif group == c and cg == 1:
            m = o // c
            wd = w.reshape(c, m, kh, kw).transpose(2, 3, 0, 1)       # [KH, KW, C, M]
            wc = self.b.const(wd)
            # Channels along C, as qnn-quantize's scales when M = 1.
            cb = _codebook_attr(wd, 2, self.detect_ternary and m == 1)
            r = self.b.op(f"tosa.depthwise_conv2d {x.name}, {wc.name}, {bc.name}, {zp.name}, {zp.name} "
                          f"{{acc_type = f32, pad = {pad}, {win}{cb}}} : ({_ttype(x.shape)}, {_ttype(wc.shape)}, "
                          f"{_ttype(bc.shape)}, tensor<1xf32>, tensor<1xf32>) -> {_ttype(out)}", out)
        else:
            self.err(node, f"group = {group} is not supported: group 1 or depthwise (group = channels)")
        r.nhwc = True
        self.set(node, r)

    def binary_conv(self, node, a):
        """Conv(Sign(x), W) with W = +-alpha[o]: qnn.binarize + qnn.bconv2d
        (rule N19, zero padding = pad_value 0). ONNX's Sign(0) is 0 where
        qnn.binarize gives +1 (rule N17): exact zeros differ."""
        x = self.to_nhwc(self.materialize(self.signs[node.input[0]]))
        if node.input[1] not in self.inits:
            self.err(node, "binary weights must be constants (Sign(W) * scale is folded at import)")
        w = self.inits[node.input[1]].astype(np.float32)
        if w.ndim != 4 or int(a.get("group", 1)) != 1:
            self.err(node, "a binary convolution needs 2-D weights and group 1")
        o, c, kh, kw = w.shape
        mags = np.abs(w).reshape(o, -1)
        alpha = mags.max(axis=1)
        if np.any(alpha <= 0) or np.any(mags.min(axis=1) != alpha):
            self.err(node, "the input is Sign(x) but the weights are not +-alpha per output channel; "
                           "qnn maps Sign only into binary convolutions")
        if a.get("auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET"):
            self.err(node, "auto_pad is not supported; give explicit 'pads'")
        pads = list(a.get("pads", [0, 0, 0, 0]))
        strides = list(a.get("strides", [1, 1]))
        dil = list(a.get("dilations", [1, 1]))
        ys = self.out_shape(node)
        out = (ys[0], ys[2], ys[3], ys[1])
        nw = (c + 63) // 64
        bits = (w.transpose(0, 2, 3, 1) < 0)                         # OHWI, bit 1 = -alpha
        words = np.zeros((o, kh, kw, nw), np.uint64)
        for ch in range(c):
            words[..., ch // 64] |= bits[..., ch].astype(np.uint64) << np.uint64(ch % 64)
        words = words.view(np.int64)
        xb_t = "tensor<" + "x".join(map(str, x.shape)) + "x!qnn.binary<f32, 1.0>>"
        xb = self.b.fresh("xb")
        self.b.emit(f"{xb} = qnn.binarize {x.name} : {_ttype(x.shape)} -> {xb_t}")
        wc = self.b.fresh("ww")
        self.b.emit(f"{wc} = arith.constant dense<{words.tolist()}> : tensor<{o}x{kh}x{kw}x{nw}xi64>")
        alphas = ", ".join(_exact(v) for v in alpha)
        wb_t = f"tensor<{o}x{kh}x{kw}x{c}x!qnn.binary<f32:0, {{{alphas}}}>>"
        wb = self.b.fresh("wb")
        self.b.emit(f"{wb} = qnn.bitunpack {wc} : tensor<{o}x{kh}x{kw}x{nw}xi64> -> {wb_t}")
        operands, types = f"{xb}, {wb}", f"{xb_t}, {wb_t}"
        if len(node.input) > 2 and node.input[2]:
            bias = self.const_input(node, 2, "B").astype(np.float32)
            bc = self.b.const(bias)
            operands += f", {bc.name}"
            types += f", {_ttype(bias.shape)}"
        attrs = (f"stride = array<i64: {strides[0]}, {strides[1]}>, dilation = array<i64: {dil[0]}, {dil[1]}>, "
                 f"pad = array<i64: {pads[0]}, {pads[2]}, {pads[1]}, {pads[3]}>")
        r = self.b.op(f"qnn.bconv2d {operands} {{{attrs}}} : ({types}) -> {_ttype(out)}", out)
        r.nhwc = True
        self.set(node, r)

    def op_BatchNormalization(self, node, a):
        x = self.to_nhwc(self.get(node, node.input[0]))
        if len(node.output) > 1 and any(node.output[1:]):
            self.err(node, "training mode (running mean / var outputs) is not supported")
        params = []
        for name in node.input[1:5]:
            if name not in self.inits:
                self.err(node, f"'{name}' must be a constant (an initializer)")
            params.append(self.b.const(self.inits[name].astype(np.float32)))
        eps = float(a.get("epsilon", 1e-5))
        ch = x.shape[-1]
        r = self.b.op(f"qnn.batch_norm {x.name}, {', '.join(p.name for p in params)} "
                      f"{{epsilon = {_f32(eps)} : f32}} : ({_ttype(x.shape)}, " + ", ".join([f"tensor<{ch}xf32>"] * 4)
                      + f") -> {_ttype(x.shape)}", x.shape)
        r.nhwc = x.nhwc
        self.set(node, r)

    def _pool(self, node, a, kind):
        x = self.get(node, node.input[0])
        if len(x.shape) != 4:
            self.err(node, f"input '{node.input[0]}' has rank {len(x.shape)}; only 2-D pooling "
                           "(a rank-4 NCHW input) is supported")
        x = self.to_nhwc(x)
        for name, n in (("kernel_shape", 2), ("strides", 2), ("pads", 4), ("dilations", 2)):
            if name in a and len(a[name]) != n:
                self.err(node, f"'{name}' has {len(a[name])} values; 2-D pooling takes {n}")
        if "kernel_shape" not in a:
            self.err(node, "'kernel_shape' is missing")
        if a.get("auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET"):
            self.err(node, "auto_pad is not supported; give explicit 'pads'")
        if int(a.get("ceil_mode", 0)):
            self.err(node, "ceil_mode = 1 is not supported")
        if any(d != 1 for d in a.get("dilations", [1, 1])):
            self.err(node, "dilated pooling is not supported")
        k = list(a["kernel_shape"])
        pads = list(a.get("pads", [0, 0, 0, 0]))
        strides = list(a.get("strides", [1, 1]))
        ys = self.out_shape(node)
        out = (ys[0], ys[2], ys[3], ys[1])
        x, tp = self.exact_window(x, k, strides, (1, 1), pads)
        attrs = (f"kernel = array<i64: {k[0]}, {k[1]}>, stride = array<i64: {strides[0]}, {strides[1]}>, "
                 f"pad = array<i64: {tp[0]}, {tp[1]}, {tp[2]}, {tp[3]}>")
        if kind == "max":
            r = self.b.op(f"tosa.max_pool2d {x.name} {{{attrs}}} : ({_ttype(x.shape)}) -> {_ttype(out)}", out)
        else:
            if any(pads) and int(a.get("count_include_pad", 0)) == 1:
                self.err(node, "count_include_pad = 1 with padding is not supported")
            zp = self.b.zp()
            r = self.b.op(f"tosa.avg_pool2d {x.name}, {zp.name}, {zp.name} {{acc_type = f32, {attrs}}} : "
                          f"({_ttype(x.shape)}, tensor<1xf32>, tensor<1xf32>) -> {_ttype(out)}", out)
        r.nhwc = True
        self.set(node, r)

    def op_MaxPool(self, node, a):
        if len(node.output) > 1 and node.output[1]:
            self.err(node, "the Indices output is not supported")
        self._pool(node, a, "max")

    def op_AveragePool(self, node, a):
        self._pool(node, a, "avg")

    def op_GlobalAveragePool(self, node, a):
        x = self.to_nhwc(self.get(node, node.input[0]))
        n, h, w, c = x.shape
        zp = self.b.zp()
        out = (n, 1, 1, c)
        r = self.b.op(f"tosa.avg_pool2d {x.name}, {zp.name}, {zp.name} {{acc_type = f32, "
                      f"kernel = array<i64: {h}, {w}>, stride = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>}} : "
                      f"({_ttype(x.shape)}, tensor<1xf32>, tensor<1xf32>) -> {_ttype(out)}", out)
        r.nhwc = True
        self.set(node, r)

    def op_Flatten(self, node, a):
        x = self.plain(self.get(node, node.input[0]))
        self.set(node, self.b.reshape(x, self.out_shape(node)))

    def op_Reshape(self, node, a):
        x = self.plain(self.get(node, node.input[0]))
        self.set(node, self.b.reshape(x, self.out_shape(node)))

    def op_Transpose(self, node, a):
        x = self.plain(self.get(node, node.input[0]))
        perm = a.get("perm", list(reversed(range(len(x.shape)))))
        self.set(node, self.b.transpose(x, perm))

    def op_Concat(self, node, a):
        vals = [self.get(node, n) for n in node.input]
        if "axis" not in a:
            self.err(node, "'axis' is missing")
        axis = int(a["axis"])
        rank = len(vals[0].onnx_shape)
        if any(len(v.onnx_shape) != rank for v in vals):
            self.err(node, f"inputs of ranks {[len(v.onnx_shape) for v in vals]}; Concat takes inputs of one rank")
        if not -rank <= axis < rank:
            self.err(node, f"axis {axis} is out of range for rank {rank}")
        axis = axis + rank if axis < 0 else axis
        if any(tuple(v.onnx_shape[:axis]) + tuple(v.onnx_shape[axis + 1:])
               != tuple(vals[0].onnx_shape[:axis]) + tuple(vals[0].onnx_shape[axis + 1:]) for v in vals):
            self.err(node, f"input shapes {[list(v.onnx_shape) for v in vals]} differ outside axis {axis}")
        if rank == 4 and all(v.nhwc or v.const is not None for v in vals):
            vals = [self.to_nhwc(self.materialize(v)) if v.name or v.const is None
                    else self.like(v, Value("", (1, 1, 1, 1), nhwc=True)) for v in vals]
            axis = NCHW_TO_NHWC.index(axis)
            nhwc = True
        else:
            vals = [self.plain(v) for v in vals]
            nhwc = False
        shape = list(vals[0].shape)
        shape[axis] = sum(v.shape[axis] for v in vals)
        r = self.b.op(f"tosa.concat {', '.join(v.name for v in vals)} {{axis = {axis} : i32}} : "
                      f"({', '.join(_ttype(v.shape) for v in vals)}) -> {_ttype(shape)}", shape)
        r.nhwc = nhwc
        self.set(node, r)

    def op_Pad(self, node, a):
        mode = a.get("mode", b"constant")
        if mode not in (b"constant", "constant"):
            self.err(node, f"mode '{mode.decode() if isinstance(mode, bytes) else mode}' is not supported; "
                           "only 'constant'")
        x = self.get(node, node.input[0])
        if node.input[1] not in self.inits:
            self.err(node, "'pads' must be a constant (an initializer)")
        pads = [int(p) for p in self.inits[node.input[1]]]
        value = 0.0
        if len(node.input) > 2 and node.input[2]:
            value = float(self.inits[node.input[2]].reshape(-1)[0])
        if len(node.input) > 3 and node.input[3]:
            self.err(node, "the 'axes' input is not supported")
        rank = len(x.onnx_shape)
        before, after = pads[:rank], pads[rank:]
        x = self.materialize(x)
        if x.nhwc:
            before = [before[p] for p in NCHW_TO_NHWC]
            after = [after[p] for p in NCHW_TO_NHWC]
        flat = [v for pair in zip(before, after) for v in pair]
        shape = tuple(d + lo + hi for d, lo, hi in zip(x.shape, before, after))
        s = self.b.shape_const(flat)
        pc = self.b.const(np.full((1,), value, np.float32))
        r = self.b.op(f"tosa.pad {x.name}, {s}, {pc.name} : ({_ttype(x.shape)}, !tosa.shape<{len(flat)}>, "
                      f"tensor<1xf32>) -> {_ttype(shape)}", shape)
        r.nhwc = x.nhwc
        self.set(node, r)

    def op_Softmax(self, node, a):
        if self.opset < 13:
            self.err(node, f"Softmax of opset {self.opset} (2-D coercion) is not supported; opset 13 and newer")
        x = self.plain(self.get(node, node.input[0]))
        axis = int(a.get("axis", -1))
        axis = axis + len(x.shape) if axis < 0 else axis
        red = list(x.shape)
        red[axis] = 1
        mx = self.b.op(f"tosa.reduce_max {x.name} {{axis = {axis} : i32}} : ({_ttype(x.shape)}) -> {_ttype(red)}",
                       red)
        d = self.b.binary("tosa.sub", x, mx, x.shape)
        e = self.b.unary("tosa.exp", d)
        s = self.b.op(f"tosa.reduce_sum {e.name} {{axis = {axis} : i32}} : ({_ttype(x.shape)}) -> {_ttype(red)}",
                      red)
        rs = self.b.unary("tosa.reciprocal", s)
        self.set(node, self.b.binary("tosa.mul", e, rs, x.shape))

    def _matmul2d(self, node, x: Value, w: np.ndarray) -> Value:
        """x [M, K] (SSA) times constant w [K, N] -> [M, N]."""
        m, k = x.shape
        n = w.shape[1]
        x3 = self.b.reshape(x, (1, m, k))
        wc = self.b.const(w.reshape(1, k, n))
        zp = self.b.zp()
        cb = _codebook_attr(w, 1, self.detect_ternary)
        attrs = f" {{{cb[2:]}}}" if cb else ""
        r = self.b.op(f"tosa.matmul {x3.name}, {wc.name}, {zp.name}, {zp.name}{attrs} : ({_ttype(x3.shape)}, "
                      f"{_ttype(wc.shape)}, tensor<1xf32>, tensor<1xf32>) -> {_ttype((1, m, n))}", (1, m, n))
        return self.b.reshape(r, (m, n))

    def op_Gemm(self, node, a):
        x = self.plain(self.get(node, node.input[0]))
        if node.input[1] not in self.inits:
            self.err(node, "B must be a constant (an initializer)")
        if int(a.get("transA", 0)):
            x = self.b.transpose(x, (1, 0))
        w = self.inits[node.input[1]].astype(np.float32)
        if int(a.get("transB", 0)):
            w = w.T
        w = w * np.float32(a.get("alpha", 1.0))
        r = self._matmul2d(node, x, np.ascontiguousarray(w))
        if len(node.input) > 2 and node.input[2]:
            if node.input[2] not in self.inits:
                self.err(node, "C must be a constant (an initializer)")
            c = self.inits[node.input[2]].astype(np.float32) * np.float32(a.get("beta", 1.0))
            try:
                np.broadcast_shapes(c.shape, r.shape)
            except ValueError:
                self.err(node, f"C of shape {list(c.shape)} does not broadcast to the result {list(r.shape)}")
            c = np.broadcast_to(c.reshape((1,) * (2 - c.ndim) + c.shape) if c.ndim < 2 else c,
                                (1, r.shape[1]) if c.ndim < 2 or c.shape[0] == 1 else r.shape)
            cc = self.b.const(np.ascontiguousarray(c))
            r = self.b.binary("tosa.add", r, cc, r.shape)
        self.set(node, r)

    def op_MatMul(self, node, a):
        x = self.plain(self.get(node, node.input[0]))
        if node.input[1] not in self.inits:
            self.err(node, "only MatMul with a constant right operand (an initializer) is supported")
        w = self.inits[node.input[1]].astype(np.float32)
        if len(x.shape) != 2 or w.ndim != 2:
            self.err(node, f"only 2-D MatMul is supported, got {x.shape} x {w.shape}")
        self.set(node, self._matmul2d(node, x, w))

    # -- quantized ops ------------------------------------------------------
    def plain_int(self, v: Value) -> Value:
        """An integer value in the ONNX layout (NHWC results transposed back)."""
        if not v.name:
            a = v.const
            name = self.b.fresh("c")
            elt = INT_CONTAINERS.get(str(a.dtype))
            if elt is None:
                raise ImportError_(f"constant of dtype {a.dtype} cannot be an output")
            vals = np.ascontiguousarray(a).astype(np.int64).reshape(-1).tolist()
            self.b.emit(f'{name} = "tosa.const"() {{values = dense<{vals}> : {_ttype(a.shape, elt)}}} '
                        f": () -> {_ttype(a.shape, elt)}")
            return Value(name, tuple(a.shape), dtype=str(a.dtype))
        if v.nhwc:
            return self.int_transpose(v, NHWC_TO_NCHW)
        return v

    def int_transpose(self, v: Value, perm) -> Value:
        shape = tuple(v.shape[p] for p in perm)
        perms = ", ".join(str(p) for p in perm)
        r = self.b.op(f"tosa.transpose {v.name} {{perms = array<i32: {perms}>}} : ({_vtype(v)}) -> "
                      f"{_ttype(shape, INT_CONTAINERS[v.dtype])}", shape)
        r.dtype = v.dtype
        return r

    def const_input(self, node, idx, what):
        """The constant value of input `idx` (an initializer)."""
        if len(node.input) <= idx or not node.input[idx]:
            return None
        name = node.input[idx]
        if name not in self.inits:
            self.err(node, f"{what} '{name}' must be a constant (an initializer; bind graph inputs "
                           "with import_onnx(constants=...))")
        return self.inits[name]

    def qtype(self, node, scale, zp, default="uint8", axis=None, n=None, dtypes=("uint8", "int8")):
        """The !quant.uniform type of ONNX (scale, zero point): per tensor,
        or per axis when the scale has more than one element. Returns the
        type and the ONNX dtype of the quantized tensor."""
        sdt = np.asarray(scale).dtype
        if sdt.kind != "f" or sdt.itemsize < 4:
            self.err(node, f"scale of dtype {sdt} is not supported: float32")
        scale = np.asarray(scale, np.float32).reshape(-1)
        dtype = str(zp.dtype) if zp is not None else default
        if dtype not in dtypes:
            self.err(node, f"quantized dtype {dtype} is not supported: {', '.join(dtypes)}")
        zps = (np.asarray(zp).astype(np.int64).reshape(-1) if zp is not None
               else np.zeros(scale.size, np.int64))
        if zps.size not in (1, scale.size):
            self.err(node, f"{zps.size} zero points for {scale.size} scales")
        if np.any(scale <= 0) or not np.all(np.isfinite(scale)):
            self.err(node, f"scales must be positive and finite, got {scale.tolist()}")
        storage = QDTYPES[dtype][0]
        if scale.size == 1:
            return f"!quant.uniform<{storage}:f32, {_exact(scale[0])}:{int(zps[0])}>", dtype
        if axis is None:
            self.err(node, "a per-axis scale needs an axis")
        if n is not None and scale.size != n:
            self.err(node, f"{scale.size} scales for an axis of size {n}")
        zl = zps if zps.size == scale.size else np.full(scale.size, zps[0])
        params = ", ".join(f"{_exact(sv)}:{int(zv)}" for sv, zv in zip(scale, zl))
        return f"!quant.uniform<{storage}:f32:{axis}, {{{params}}}>", dtype

    def int_input(self, node, idx, dtypes=("uint8", "int8")) -> Value:
        v = self.get(node, node.input[idx])
        dt = v.dtype if v.name or v.const is None else str(v.const.dtype)
        if dt not in dtypes:
            self.err(node, f"input '{node.input[idx]}' must be {' or '.join(dtypes)}, got {dt}")
        if not v.name:
            v = self.plain_int(v)
        return v

    @staticmethod
    def _cast_op(dtype: str) -> str:
        """quant.scast where the container is the storage type, else
        qnn.container_cast (4- and 2-bit values in bytes)."""
        return "qnn.container_cast" if QDTYPES[dtype][0][1:] not in ("8", "16") else "quant.scast"

    def scast(self, v: Value, shape, qt: str) -> str:
        name = self.b.fresh("q")
        self.b.emit(f"{name} = {self._cast_op(v.dtype)} {v.name} : {_ttype(shape, INT_CONTAINERS[v.dtype])} "
                    "to tensor<" + "x".join(map(str, shape)) + f"x{qt}>")
        return name

    def unscast(self, name: str, shape, qt: str, dtype: str, elt=None) -> Value:
        out = self.b.fresh("r")
        elt = elt or INT_CONTAINERS[dtype]
        op = self._cast_op(dtype) if dtype in QDTYPES else "quant.scast"
        self.b.emit(f"{out} = {op} {name} : tensor<" + "x".join(map(str, shape)) + f"x{qt}> to "
                    f"{_ttype(shape, elt)}")
        return Value(out, tuple(shape), dtype=dtype)

    def qparams(self, node, x_shape, scale, zp, axis, block):
        """ONNX's scale and zero point broadcast to the full shape of x (per
        tensor, per axis or blocked), as float32 and int64 arrays."""
        rank = len(x_shape)
        scale = np.asarray(scale)
        if block:
            if scale.ndim != rank:
                self.err(node, f"a blocked scale must have the rank of the input ({rank}), got {scale.shape}")
            for d in range(rank):
                want = -(-x_shape[d] // block) if d == axis else x_shape[d]
                if scale.shape[d] != want:
                    self.err(node, f"blocked scale of shape {scale.shape} does not match input {x_shape} "
                                   f"with block_size {block} on axis {axis}")

            def expand(a):
                return np.repeat(np.asarray(a), block, axis=axis)[tuple(
                    slice(0, x_shape[d]) for d in range(rank))]
        else:
            if scale.size > 1 and scale.ndim != 1:
                self.err(node, f"scale of shape {scale.shape}: per-axis scales are 1-D (or give block_size)")

            def expand(a):
                a = np.asarray(a).reshape(-1)
                if a.size == 1:
                    return np.broadcast_to(a.reshape((1,) * rank), x_shape)
                if a.size != x_shape[axis]:
                    self.err(node, f"{a.size} scales or zero points for axis {axis} of size {x_shape[axis]}")
                shape = [1] * rank
                shape[axis] = a.size
                return np.broadcast_to(a.reshape(shape), x_shape)
        s = np.ascontiguousarray(expand(scale)).astype(np.float32)
        if np.any(s <= 0) or not np.all(np.isfinite(s)):
            self.err(node, "scales must be positive and finite")
        z = (np.ascontiguousarray(expand(zp)).astype(np.int64) if zp is not None
             else np.zeros(x_shape, np.int64))
        if zp is not None and np.asarray(zp).shape != scale.shape and np.asarray(zp).size != 1:
            self.err(node, f"zero point of shape {np.asarray(zp).shape} does not match scale {scale.shape}")
        return s, z

    def _axis(self, node, a, rank, scale):
        """The normalized axis attribute; checked where it matters (a scale
        with more than one element)."""
        axis = int(a.get("axis", 1))
        if np.asarray(scale).size > 1 and not -rank <= axis < rank:
            self.err(node, f"axis {axis} is out of range for a rank-{rank} input")
        return axis + rank if axis < 0 else axis

    def _quant_dtype(self, node, a, zp):
        """The dtype QuantizeLinear produces: its zero point's, else
        output_dtype, else uint8."""
        import onnx
        out = a.get("output_dtype", 0)
        name = None
        if out:
            tname = _dtype_name(out)
            name = ONNX_DTYPES.get(tname)
            if name not in QDTYPES:
                self.err(node, f"output_dtype {tname} is not supported: "
                               f"{', '.join(k.upper() for k in QDTYPES)}")
        if zp is not None:
            if str(zp.dtype) not in QDTYPES:
                self.err(node, f"zero point of dtype {zp.dtype} is not supported: {', '.join(QDTYPES)}")
            if name is not None and name != str(zp.dtype):
                self.err(node, f"output_dtype {name} differs from the zero point's dtype {zp.dtype}")
            return str(zp.dtype)
        return name or "uint8"

    def dequantize_const(self, node, a) -> bool:
        """DequantizeLinear of an initializer: folded at import, exactly as
        ONNX computes it ((x - zp) * scale in float32)."""
        if node.input[0] not in self.inits:
            return False
        x = self.inits[node.input[0]]
        if str(x.dtype) not in QDTYPES and str(x.dtype) != "int32":
            self.err(node, f"input of dtype {x.dtype} is not supported: {', '.join(QDTYPES)}, int32")
        scale = self.const_input(node, 1, "x_scale")
        zp = self.const_input(node, 2, "x_zero_point")
        s, z = self.qparams(node, x.shape, scale, zp, self._axis(node, a, x.ndim, scale), int(a.get("block_size", 0)))
        self.inits[node.output[0]] = ((x.astype(np.float32) - z.astype(np.float32)) * s).astype(np.float32)
        return True

    def runtime_qparams(self, node, default_dtype):
        """Scale and zero point computed at run time (DynamicQuantizeLinear's
        or its expanded form's): per tensor only. Returns (scale SSA, zero
        point as an f32 SSA, both rank 0, and the quantized dtype)."""
        sv = self.get(node, node.input[1])
        if sv.dtype != "float32" or int(np.prod(sv.shape)) != 1:
            self.err(node, f"a scale computed at run time must be one float32 value, got "
                           f"{sv.dtype}{list(sv.shape)}")
        sv = self.materialize(sv)
        if sv.shape:
            sv = self.b.reshape(sv, ())
        dtype = default_dtype
        if len(node.input) > 2 and node.input[2]:
            zv = self.get(node, node.input[2])
            dtype = zv.dtype if zv.name else str(zv.const.dtype)
            if dtype not in ("uint8", "int8") or int(np.prod(zv.shape)) != 1:
                self.err(node, f"a zero point with a run-time scale must be one uint8 or int8 value, got "
                               f"{dtype}{list(zv.shape)}")
            if not zv.name:
                zf = self.b.const(np.asarray(zv.const, np.float32).reshape(()))
            else:
                if zv.shape:
                    zv = self.b.reshape_t(zv, (), "i8")
                conv = "arith.uitofp" if dtype == "uint8" else "arith.sitofp"
                zf = self.generic((), "f32", [(zv.name, (), "i8")],
                                  lambda e, z: [f"{e('f')} = {conv} {z} : i8 to f32"])
        else:
            zf = self.b.const(np.zeros((), np.float32))
        return sv, zf, dtype

    def op_DequantizeLinear(self, node, a):
        if self.dequantize_const(node, a):
            return
        if node.input[1] not in self.inits:
            x = self.int_input(node, 0, ("uint8", "int8"))
            sv, zf, dtype = self.runtime_qparams(node, x.dtype)
            if dtype != x.dtype:
                self.err(node, f"zero point of dtype {dtype} does not match the input's {x.dtype}")
            conv = "arith.uitofp" if x.dtype == "uint8" else "arith.sitofp"
            r = self.generic(x.shape, "f32", [(x.name, x.shape, "i8"), (sv.name, (), "f32"), (zf.name, (), "f32")],
                             lambda e, q, s_, z_: [f"{e('f')} = {conv} {q} : i8 to f32",
                                                   f"{e('d')} = arith.subf {e['f']}, {z_} : f32",
                                                   f"{e('m')} = arith.mulf {e['d']}, {s_} : f32"])
            r.nhwc = x.nhwc
            self.set(node, r)
            return
        x = self.int_input(node, 0, tuple(QDTYPES))
        scale = self.const_input(node, 1, "x_scale")
        zp = self.const_input(node, 2, "x_zero_point")
        if x.nhwc and np.asarray(scale).size > 1:
            x = self.plain_int(x)  # the axis is an ONNX (NCHW) axis
        rank = len(x.shape)
        axis = self._axis(node, a, rank, scale)
        block = int(a.get("block_size", 0))
        if zp is not None and str(zp.dtype) != x.dtype:
            self.err(node, f"zero point of dtype {zp.dtype} does not match the input's {x.dtype}")
        if block or np.asarray(scale).ndim > 1:
            # Blocked scales: no quant type carries them; the float formula
            # elementwise, with the parameters expanded at import.
            s, z = self.qparams(node, x.shape, scale, zp, axis, block)
            sc, zc = self.b.const(s), self.b.const(z.astype(np.float32))
            conv = "arith.uitofp" if x.dtype in ("uint8", "uint16") else "arith.sitofp"
            elt = INT_CONTAINERS[x.dtype]
            r = self.generic(x.shape, "f32", [(x.name, x.shape, elt), (sc.name, x.shape, "f32"),
                                              (zc.name, x.shape, "f32")],
                             lambda e, q, s_, z_: [f"{e('f')} = {conv} {q} : {elt} to f32",
                                                   f"{e('d')} = arith.subf {e['f']}, {z_} : f32",
                                                   f"{e('m')} = arith.mulf {e['d']}, {s_} : f32"])
            self.set(node, r)
            return
        qt, _ = self.qtype(node, scale, zp, default=x.dtype, axis=axis,
                           n=x.shape[axis] if axis < rank else None, dtypes=(x.dtype,))
        q = self.scast(x, x.shape, qt)
        r = self.b.op(f"qnn.dequantize {q} : tensor<" + "x".join(map(str, x.shape)) + f"x{qt}> -> "
                      f"{_ttype(x.shape)}", x.shape)
        r.nhwc = x.nhwc
        self.set(node, r)

    def op_QuantizeLinear(self, node, a):
        if node.input[1] not in self.inits:
            x = self.materialize(self.get(node, node.input[0]))
            sv, zf, dtype = self.runtime_qparams(node, self._quant_dtype(node, a, None))
            self.set(node, self.quantize_generic(x, sv.name, zf.name, (), dtype))
            return
        x = self.plain(self.get(node, node.input[0]))
        scale = self.const_input(node, 1, "y_scale")
        zp = self.const_input(node, 2, "y_zero_point")
        rank = len(x.shape)
        axis = self._axis(node, a, rank, scale)
        block = int(a.get("block_size", 0))
        dtype = self._quant_dtype(node, a, zp)
        if a.get("saturate", 1) != 1:
            self.err(node, "saturate = 0 applies to float8 outputs only, which qnn does not support")
        if block or np.asarray(scale).ndim > 1:
            s, z = self.qparams(node, x.shape, scale, zp, axis, block)
            sc, zc = self.b.const(s), self.b.const(z.astype(np.float32))
            self.set(node, self.quantize_generic(x, sc.name, zc.name, x.shape, dtype))
            return
        qt, dtype = self.qtype(node, scale, zp, default=dtype, axis=axis,
                               n=x.shape[axis] if axis < rank else None, dtypes=(dtype,))
        q = self.b.fresh("q")
        self.b.emit(f"{q} = qnn.quantize {x.name} : {_ttype(x.shape)} -> tensor<"
                    + "x".join(map(str, x.shape)) + f"x{qt}>")
        self.set(node, self.unscast(q, x.shape, qt, dtype))

    # -- elementwise and reductions as linalg.generic ------------------------
    def generic(self, shape, out_elt, ins, body) -> Value:
        """A linalg.generic over `shape` (all loops parallel). `ins` are
        (SSA name, shape, element type) with the full shape or rank 0 (a
        scalar broadcast), or (..., indexing map results, e.g. "(d1)");
        body(e, *block args) returns the body's lines,
        naming fresh values with e('x') (then e['x']); the last line's
        value is yielded."""
        rank = len(shape)
        dims = ", ".join(f"d{i}" for i in range(rank))
        full = f"affine_map<({dims}) -> ({dims})>"
        scalar = f"affine_map<({dims}) -> ()>"
        maps = [f"affine_map<({dims}) -> {i[3]}>" if len(i) > 3 else full if len(i[1]) else scalar
                for i in ins] + [full]
        empty = self.b.fresh("e")
        self.b.emit(f"{empty} = tensor.empty() : {_ttype(shape, out_elt)}")
        args = [self.b.fresh("a") for _ in ins]
        out_arg = self.b.fresh("o")

        class _E(dict):
            def __call__(e, hint):
                e[hint] = self.b.fresh(hint)
                return e[hint]
        e = _E()
        lines = body(e, *args)
        last = lines[-1].split("=")[0].strip()
        res = self.b.fresh("g")
        iters = ", ".join(['"parallel"'] * rank)
        ins_s = ", ".join(i[0] for i in ins)
        ins_t = ", ".join(_ttype(i[1], i[2]) for i in ins)
        self.b.emit(f"{res} = linalg.generic {{indexing_maps = [{', '.join(maps)}], iterator_types = [{iters}]}} "
                    f"ins({ins_s} : {ins_t}) outs({empty} : {_ttype(shape, out_elt)}) {{")
        bb = ", ".join(f"{a_}: {i[2]}" for a_, i in zip(args, ins))
        self.b.emit(f"^bb0({bb}, {out_arg}: {out_elt}):")
        for ln in lines:
            self.b.emit("  " + ln)
        self.b.emit(f"  linalg.yield {last} : {out_elt}")
        self.b.emit(f"}} -> {_ttype(shape, out_elt)}")
        self.b.defs[res] = len(self.b.lines) - 1
        return Value(res, tuple(shape))

    def reduce_all(self, x: Value, kind: str, init: float = 0.0) -> Value:
        """min or max over every element of float x and `init` (a rank-0
        tensor; init 0 gives the range DynamicQuantizeLinear quantizes)."""
        rank = len(x.shape)
        dims = ", ".join(f"d{i}" for i in range(rank))
        zero = self.b.fresh("z")
        lit = {np.inf: "0x7F800000", -np.inf: "0xFF800000"}.get(init, _f32(init))
        self.b.emit(f"{zero} = arith.constant {lit} : f32")
        empty = self.b.fresh("e")
        self.b.emit(f"{empty} = tensor.empty() : tensor<f32>")
        init = self.b.fresh("i")
        self.b.emit(f"{init} = linalg.fill ins({zero} : f32) outs({empty} : tensor<f32>) -> tensor<f32>")
        a_, acc, m, res = self.b.fresh("a"), self.b.fresh("acc"), self.b.fresh("m"), self.b.fresh("g")
        iters = ", ".join(['"reduction"'] * rank)
        self.b.emit(f"{res} = linalg.generic {{indexing_maps = [affine_map<({dims}) -> ({dims})>, "
                    f"affine_map<({dims}) -> ()>], iterator_types = [{iters}]}} ins({x.name} : {_ttype(x.shape)}) "
                    f"outs({init} : tensor<f32>) {{")
        self.b.emit(f"^bb0({a_}: f32, {acc}: f32):")
        self.b.emit(f"  {m} = arith.{kind}imumf {a_}, {acc} : f32")
        self.b.emit(f"  linalg.yield {m} : f32")
        self.b.emit("} -> tensor<f32>")
        return Value(res, ())

    def quantize_generic(self, x: Value, scale: str, zp: str, sshape, dtype: str) -> Value:
        """ONNX's QuantizeLinear formula elementwise: saturate(rint(x /
        scale) + zp), with `scale` and `zp` f32 tensors of x's shape or rank
        0 (`sshape`). NaN saturates to the lowest value."""
        _, lo, hi, elt = QDTYPES[dtype]
        shape = x.shape

        def body(e, xv, s, z, _o=None):
            lines = [f"{e('d')} = arith.divf {xv}, {s} : f32",
                     f"{e('r')} = math.roundeven {e['d']} : f32",
                     f"{e('a')} = arith.addf {e['r']}, {z} : f32",
                     f"{e('lo')} = arith.constant {_f32(lo)} : f32",
                     f"{e('hi')} = arith.constant {_f32(hi)} : f32",
                     f"{e('c')} = arith.maxnumf {e['a']}, {e['lo']} : f32",
                     f"{e('c2')} = arith.minnumf {e['c']}, {e['hi']} : f32",
                     f"{e('i')} = arith.fptosi {e['c2']} : f32 to i32"]
            if elt != "i32":
                lines.append(f"{e('t')} = arith.trunci {e['i']} : i32 to {elt}")
            return lines
        r = self.generic(shape, elt, [(x.name, shape, "f32"), (scale, sshape, "f32"), (zp, sshape, "f32")], body)
        r.dtype = dtype
        r.nhwc = x.nhwc
        return r

    def op_DynamicQuantizeLinear(self, node, a):
        # uint8 with a scale and zero point computed at run time from the
        # range of x extended to 0 (ONNX's formula, exactly).
        x = self.materialize(self.get(node, node.input[0]))
        lo, hi = self.reduce_all(x, "min"), self.reduce_all(x, "max")

        def scale_body(e, mx, mn):
            return [f"{e('one')} = arith.constant 1.000000e+00 : f32",
                    f"{e('q')} = arith.constant 2.550000e+02 : f32",
                    f"{e('w')} = arith.subf {mx}, {mn} : f32",
                    f"{e('eq')} = arith.cmpf oeq, {mx}, {mn} : f32",
                    f"{e('r')} = arith.select {e['eq']}, {e['one']}, {e['w']} : f32",
                    f"{e('s')} = arith.divf {e['r']}, {e['q']} : f32"]
        scale = self.generic((), "f32", [(hi.name, (), "f32"), (lo.name, (), "f32")], scale_body)

        def zp_body(e, mn, s):
            return [f"{e('z')} = arith.constant 0.000000e+00 : f32",
                    f"{e('q')} = arith.constant 2.550000e+02 : f32",
                    f"{e('d')} = arith.divf {mn}, {s} : f32",
                    f"{e('n')} = arith.subf {e['z']}, {e['d']} : f32",
                    f"{e('c')} = arith.maximumf {e['n']}, {e['z']} : f32",
                    f"{e('c2')} = arith.minimumf {e['c']}, {e['q']} : f32",
                    f"{e('r')} = math.roundeven {e['c2']} : f32"]
        zpf = self.generic((), "f32", [(lo.name, (), "f32"), (scale.name, (), "f32")], zp_body)
        y = self.quantize_generic(x, scale.name, zpf.name, (), "uint8")
        zp = self.generic((), "i8", [(zpf.name, (), "f32")],
                          lambda e, z: [f"{e('i')} = arith.fptosi {z} : f32 to i32",
                                        f"{e('t')} = arith.trunci {e['i']} : i32 to i8"])
        zp.dtype = "uint8"
        self.set(node, y, 0)
        self.set(node, scale, 1)
        self.set(node, zp, 2)

    def _qlinear_matmul(self, node, a_v, b, qa, qb, qy, ydtype, yelt, bias=None):
        """a_v [M, K] (container SSA, plain) x constant b [K, N] as
        qnn.fully_connected; returns the result container value [M, N]."""
        m, k = a_v.shape
        n = b.shape[1]
        aq = self.scast(a_v, (m, k), qa)
        wname = self.b.fresh("w")
        wt = np.ascontiguousarray(b.T).astype(np.int64)
        self.b.emit(f'{wname} = arith.constant dense<{wt.tolist()}> : tensor<{n}x{k}xi8>')
        wq = self.b.fresh("wq")
        self.b.emit(f"{wq} = quant.scast {wname} : tensor<{n}x{k}xi8> to tensor<{n}x{k}x{qb}>")
        y = self.b.fresh("y")
        operands, types = f"{aq}, {wq}", f"tensor<{m}x{k}x{qa}>, tensor<{n}x{k}x{qb}>"
        if bias is not None:
            bname = self.b.fresh("b")
            self.b.emit(f"{bname} = arith.constant dense<{bias.astype(np.int64).tolist()}> : tensor<{n}xi32>")
            operands += f", {bname}"
            types += f", tensor<{n}xi32>"
        self.b.emit(f"{y} = qnn.fully_connected {operands} : ({types}) -> tensor<{m}x{n}x{qy}>")
        return self.unscast(y, (m, n), qy, ydtype, yelt)

    def _batched(self, node, a_v: Value, b: np.ndarray, fn):
        """Applies fn(a2 [M, K], b2 [K, N]) to 2-D operands, or per batch
        (slices, then concat) for 3-D ones."""
        if len(a_v.shape) == 2 and b.ndim == 2:
            return fn(a_v, b)
        if len(a_v.shape) != 3 or b.ndim not in (2, 3):
            self.err(node, f"only 2-D and 3-D operands are supported, got {a_v.shape} x {b.shape}")
        batch, m, k = a_v.shape
        outs = []
        for i in range(batch):
            start = self.b.shape_const([i, 0, 0])
            size = self.b.shape_const([1, m, k])
            sl = self.b.op(f"tosa.slice {a_v.name}, {start}, {size} : ({_vtype(a_v)}, !tosa.shape<3>, "
                           f"!tosa.shape<3>) -> {_ttype((1, m, k), 'i8')}", (1, m, k))
            sl.dtype = a_v.dtype
            a2 = self.b.reshape_t(sl, (m, k), "i8")
            a2.dtype = a_v.dtype
            r = fn(a2, b[i] if b.ndim == 3 else b)
            r3 = self.b.reshape_t(r, (1,) + r.shape, INT_CONTAINERS[r.dtype])
            r3.dtype = r.dtype
            outs.append(r3)
        n = outs[0].shape[2]
        elt = INT_CONTAINERS[outs[0].dtype]
        shape = (batch, m, n)
        r = self.b.op(f"tosa.concat {', '.join(o.name for o in outs)} {{axis = 0 : i32}} : "
                      f"({', '.join(_vtype(o) for o in outs)}) -> {_ttype(shape, elt)}", shape)
        r.dtype = outs[0].dtype
        return r

    def op_QLinearMatMul(self, node, a):
        self.onnx_rounding = True
        x = self.int_input(node, 0)
        sa, za = self.const_input(node, 1, "a_scale"), self.const_input(node, 2, "a_zero_point")
        b = self.const_input(node, 3, "b")
        sb, zb = self.const_input(node, 4, "b_scale"), self.const_input(node, 5, "b_zero_point")
        sy, zy = self.const_input(node, 6, "y_scale"), self.const_input(node, 7, "y_zero_point")
        qa, _ = self.qtype(node, sa, za)
        qy, ydt = self.qtype(node, sy, zy)

        def fn(a2, b2):
            qb, _ = self.qtype(node, sb, zb, axis=0, n=b2.shape[1])
            return self._qlinear_matmul(node, a2, b2, qa, qb, qy, ydt, "i8")
        self.set(node, self._batched(node, x, b, fn))

    def op_MatMulInteger(self, node, a):
        # int32 results: all scales 1, so M = 1 and qnn returns the
        # accumulator itself (rule N6.0).
        x = self.int_input(node, 0)
        b = self.const_input(node, 1, "B")
        zb = self.const_input(node, 3, "b_zero_point")
        runtime_za = len(node.input) > 2 and node.input[2] and node.input[2] not in self.inits
        za = None if runtime_za else self.const_input(node, 2, "a_zero_point")
        qa, _ = self.qtype(node, np.float32(1.0), za, default=x.dtype)
        nz = np.asarray(zb).size if zb is not None else 1

        def fn(a2, b2):
            qb, _ = self.qtype(node, np.ones(nz, np.float32), zb, default=str(b2.dtype), axis=0, n=b2.shape[1])
            return self._qlinear_matmul(node, a2, b2, qa, qb, "!quant.uniform<i32:f32, 1.0>", "int32", "i32")
        r = self._batched(node, x, b, fn)
        if runtime_za:
            # A zero point known at run time (DynamicQuantizeLinear's): the
            # product with zero point 0, minus za * sum_k (b[k, n] - zb[n]).
            zv = self.get(node, node.input[2])
            if zv.dtype != x.dtype or int(np.prod(zv.shape)) != 1 or b.ndim != 2:
                self.err(node, f"a run-time a_zero_point must be one {x.dtype} value with a 2-D B, "
                               f"got {zv.dtype}{list(zv.shape)} and B of rank {b.ndim}")
            if zv.shape:
                zv = self.b.reshape_t(zv, (), INT_CONTAINERS[zv.dtype])
                zv.dtype = x.dtype
            zbv = np.zeros(b.shape[1], np.int64) if zb is None else np.asarray(zb).astype(np.int64).reshape(-1)
            cs = (b.astype(np.int64) - zbv).sum(axis=0)
            csn = self.b.fresh("cs")
            self.b.emit(f"{csn} = arith.constant dense<{cs.tolist()}> : tensor<{cs.size}xi32>")
            ext = "arith.extui" if x.dtype == "uint8" else "arith.extsi"
            last = f"(d{len(r.shape) - 1})"
            r2 = self.generic(r.shape, "i32", [(r.name, r.shape, "i32"), (csn, (cs.size,), "i32", last),
                                               (zv.name, (), "i8")],
                              lambda e, acc, c, z: [f"{e('z')} = {ext} {z} : i8 to i32",
                                                    f"{e('p')} = arith.muli {e['z']}, {c} : i32",
                                                    f"{e('s')} = arith.subi {acc}, {e['p']} : i32"])
            r2.dtype = "int32"
            r = r2
        self.set(node, r)

    def op_Cast(self, node, a):
        import onnx
        x = self.get(node, node.input[0])
        to = _dtype_name(a.get("to", 0))
        if to in ("UINT8", "INT8", "INT32") and x.dtype == "float32":
            # Truncation toward zero, as ONNX; values outside the type's
            # range saturate (ONNX leaves them undefined).
            dtype = to.lower()
            x = self.materialize(x)
            lo, hi = {"uint8": (0, 255), "int8": (-128, 127), "int32": (-2**31, 2**31 - 128)}[dtype]
            elt = INT_CONTAINERS[dtype]

            def body(e, v):
                lines = [f"{e('lo')} = arith.constant {_f32(lo)} : f32",
                         f"{e('hi')} = arith.constant {_f32(hi)} : f32",
                         f"{e('c')} = arith.maxnumf {v}, {e['lo']} : f32",
                         f"{e('c2')} = arith.minnumf {e['c']}, {e['hi']} : f32",
                         f"{e('i')} = arith.fptosi {e['c2']} : f32 to i32"]
                if elt != "i32":
                    lines.append(f"{e('t')} = arith.trunci {e['i']} : i32 to {elt}")
                return lines
            r = self.generic(x.shape, elt, [(x.name, x.shape, "f32")], body)
            r.dtype, r.nhwc = dtype, x.nhwc
            self.set(node, r)
            return
        if to != "FLOAT":
            self.err(node, f"Cast to {to} is not supported; to FLOAT (from float32, int32, int8 or uint8), "
                           "or from float32 to UINT8, INT8 or INT32")
        if x.dtype == "float32":
            self.set(node, x)
            return
        if x.dtype not in ("int32", "int8", "uint8"):
            self.err(node, f"Cast from {x.dtype} is not supported; from float32, int32, int8 or uint8")
        if not x.name:
            self.inits[node.output[0]] = x.const.astype(np.float32)
            return
        elt = INT_CONTAINERS[x.dtype]
        conv = "arith.uitofp" if x.dtype == "uint8" else "arith.sitofp"
        r = self.generic(x.shape, "f32", [(x.name, x.shape, elt)],
                         lambda e, v: [f"{e('f')} = {conv} {v} : {elt} to f32"])
        r.nhwc = x.nhwc
        self.set(node, r)

    def _qconv(self, node, a, x, w, qx, wparams, qy, ydtype, yelt, bias):
        """qnn.conv2d (group 1) or qnn.depthwise_conv2d (group = channels)
        of container x (NCHW, or NHWC when x.nhwc) and constant ONNX weights
        w [O, C/g, KH, KW] with (scale, zero point) `wparams`."""
        if w.ndim != 4:
            self.err(node, f"only 2-D convolutions are supported (weights of rank {w.ndim})")
        if a.get("auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET"):
            self.err(node, "auto_pad is not supported; give explicit 'pads'")
        o, cg, kh, kw = w.shape
        pads = list(a.get("pads", [0, 0, 0, 0]))
        strides = list(a.get("strides", [1, 1]))
        dil = list(a.get("dilations", [1, 1]))
        xt = x if x.nhwc else self.int_transpose(x, NCHW_TO_NHWC)
        c = xt.shape[3]
        group = int(a.get("group", 1))
        sw, zw = wparams
        if group == 1:
            op = "qnn.conv2d"
            wt = w.transpose(0, 2, 3, 1)                                # OHWI
            qw, _ = self.qtype(node, sw, zw, default=str(w.dtype), axis=0, n=o)
        elif group == c and cg == 1:
            op = "qnn.depthwise_conv2d"
            m = o // c
            wt = w.reshape(c, m, kh, kw).transpose(2, 3, 0, 1)          # [KH, KW, C, M]
            if np.asarray(sw).size > 1 and m != 1:
                self.err(node, "per-channel weight scales with a depth multiplier above 1 are not supported")
            qw, _ = self.qtype(node, sw, zw, default=str(w.dtype), axis=2, n=c)
        else:
            self.err(node, f"group = {group} is not supported for quantized convolutions: group 1 or "
                           "depthwise (group = channels)")
        ys = self.out_shape(node)
        out = (ys[0], ys[2], ys[3], ys[1])
        xq = self.scast(xt, xt.shape, qx)
        wname = self.b.fresh("w")
        wt = np.ascontiguousarray(wt).astype(np.int64)
        self.b.emit(f"{wname} = arith.constant dense<{wt.tolist()}> : {_ttype(wt.shape, 'i8')}")
        wq = self.b.fresh("wq")
        wshape = "x".join(map(str, wt.shape))
        self.b.emit(f"{wq} = quant.scast {wname} : {_ttype(wt.shape, 'i8')} to tensor<{wshape}x{qw}>")
        operands = f"{xq}, {wq}"
        types = f"tensor<{'x'.join(map(str, xt.shape))}x{qx}>, tensor<{wshape}x{qw}>"
        if bias is not None:
            bname = self.b.fresh("b")
            self.b.emit(f"{bname} = arith.constant dense<{bias.astype(np.int64).tolist()}> : tensor<{o}xi32>")
            operands += f", {bname}"
            types += f", tensor<{o}xi32>"
        y = self.b.fresh("y")
        attrs = (f"stride = array<i64: {strides[0]}, {strides[1]}>, dilation = array<i64: {dil[0]}, {dil[1]}>, "
                 f"pad = array<i64: {pads[0]}, {pads[2]}, {pads[1]}, {pads[3]}>")
        self.b.emit(f"{y} = {op} {operands} {{{attrs}}} : ({types}) -> "
                    f"tensor<{'x'.join(map(str, out))}x{qy}>")
        r = self.unscast(y, out, qy, ydtype, yelt)
        r.nhwc = True
        return r

    def op_QLinearConv(self, node, a):
        self.onnx_rounding = True
        x = self.int_input(node, 0)
        sx, zx = self.const_input(node, 1, "x_scale"), self.const_input(node, 2, "x_zero_point")
        w = self.const_input(node, 3, "w")
        sw, zw = self.const_input(node, 4, "w_scale"), self.const_input(node, 5, "w_zero_point")
        sy, zy = self.const_input(node, 6, "y_scale"), self.const_input(node, 7, "y_zero_point")
        bias = self.const_input(node, 8, "B")
        qx, _ = self.qtype(node, sx, zx)
        qy, ydt = self.qtype(node, sy, zy)
        self.set(node, self._qconv(node, a, x, w, qx, (sw, zw), qy, ydt, "i8", bias))


    def op_ConvInteger(self, node, a):
        x = self.int_input(node, 0)
        w = self.const_input(node, 1, "w")
        zx = self.const_input(node, 2, "x_zero_point")
        zw = self.const_input(node, 3, "w_zero_point")
        qx, _ = self.qtype(node, np.float32(1.0), zx, default=x.dtype)
        nz = np.asarray(zw).size if zw is not None else 1
        self.set(node, self._qconv(node, a, x, w, qx, (np.ones(nz, np.float32), zw),
                                   "!quant.uniform<i32:f32, 1.0>", "int32", "i32", None))


    # -- QDQ fusion ------------------------------------------------------------
    # DequantizeLinear -> op -> QuantizeLinear groups, as quantize_static and
    # QAT exporters write them, become one integer qnn op (docs/onnx.md,
    # "QDQ models"). Anything that does not match stays as written: float
    # ops between dequantize and quantize, which is the same model.
    QDQ_FUSABLE = ("Add", "Conv", "Gemm", "MatMul", "MaxPool")

    def plan_qdq(self):
        prod = {o: n for n in self.graph.node for o in n.output}
        users: Dict[str, list] = {}
        for n in self.graph.node:
            for i in n.input:
                users.setdefault(i, []).append(n)
        outs = {o.name for o in self.graph.output}
        self.producer = prod
        for n in self.graph.node:
            if n.op_type not in self.QDQ_FUSABLE or n.domain not in ("", "ai.onnx"):
                continue
            u = users.get(n.output[0], [])
            if n.output[0] in outs or len(u) != 1 or u[0].op_type != "QuantizeLinear":
                continue
            q = u[0]
            if self._static_qparams(q) is None:
                continue
            if getattr(self, "_fusable_" + n.op_type)(n, q):
                self.fused[id(n)] = q
                self.skip.add(id(q))

    def _static_qparams(self, qnode):
        """(scale, zero point, dtype) of a per-tensor 8-bit Q or DQ node with
        constant parameters, else None."""
        a = _attrs(qnode)
        if int(a.get("block_size", 0)) or a.get("output_dtype", 0):
            return None
        ins = list(qnode.input) + [""] * (3 - len(qnode.input))
        if ins[1] not in self.inits or (ins[2] and ins[2] not in self.inits):
            return None
        scale = np.asarray(self.inits[ins[1]])
        zp = self.inits[ins[2]] if ins[2] else None
        dtype = str(zp.dtype) if zp is not None else "uint8"
        if scale.size != 1 or scale.dtype != np.float32 or dtype not in ("uint8", "int8"):
            return None
        if zp is not None and np.asarray(zp).size != 1:
            return None
        if not (np.isfinite(scale).all() and float(scale.reshape(-1)[0]) > 0):
            return None
        return scale.reshape(-1)[0], (np.asarray(zp).reshape(-1)[0] if zp is not None else None), dtype

    def _dq_act(self, name):
        """The DequantizeLinear node producing activation `name` with
        per-tensor 8-bit constant parameters, else None."""
        p = self.producer.get(name)
        if p is None or p.op_type != "DequantizeLinear" or p.input[0] in self.inits:
            return None
        return p if self._static_qparams(p) is not None else None

    def _dq_weight(self, name, rank, axis):
        """(w, scale, zero point) of DequantizeLinear(initializer) producing
        `name`: 8-bit, per tensor or per `axis`, else None."""
        p = self.producer.get(name)
        if p is None or p.op_type != "DequantizeLinear" or p.input[0] not in self.inits:
            return None
        a = _attrs(p)
        w = self.inits[p.input[0]]
        if str(w.dtype) not in ("int8", "uint8") or w.ndim != rank or int(a.get("block_size", 0)):
            return None
        ins = list(p.input) + [""] * (3 - len(p.input))
        if ins[1] not in self.inits or (ins[2] and ins[2] not in self.inits):
            return None
        scale = np.asarray(self.inits[ins[1]])
        zp = self.inits[ins[2]] if ins[2] else None
        if scale.dtype != np.float32 or scale.ndim > 1:
            return None
        if scale.size > 1:
            ax = int(a.get("axis", 1))
            if (ax + rank if ax < 0 else ax) != axis or scale.size != w.shape[axis]:
                return None
        return w, scale, zp

    def _bias_ok(self, name):
        if not name or name in self.inits:
            return True
        p = self.producer.get(name)
        return (p is not None and p.op_type == "DequantizeLinear" and p.input[0] in self.inits
                and str(self.inits[p.input[0]].dtype) == "int32"
                and all(i in self.inits for i in p.input[1:] if i))

    def _qbias(self, name, acc_scale):
        """The i32 bias at the accumulator's scale (s_x * s_w per channel):
        a DequantizeLinear'd int32 bias at that scale as it is, any other
        bias requantized (round half to even)."""
        if not name:
            return None
        p = self.producer.get(name)
        if p is not None and p.op_type == "DequantizeLinear":
            b = self.inits[p.input[0]].astype(np.int64)
            sb = np.asarray(self.inits[p.input[1]], np.float32)
            zb = (np.asarray(self.inits[p.input[2]]).astype(np.int64)
                  if len(p.input) > 2 and p.input[2] else 0)
            if np.all(zb == 0) and np.allclose(np.broadcast_to(sb, acc_scale.shape), acc_scale,
                                               rtol=1e-6, atol=0):
                return b
            bf = (b - zb).astype(np.float64) * sb
        else:
            bf = self.inits[name].astype(np.float64)
        return np.clip(np.rint(bf / acc_scale), -2**31, 2**31 - 1).astype(np.int64)

    def _fusable_Conv(self, n, q):
        a = _attrs(n)
        if self._dq_act(n.input[0]) is None or a.get("auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET"):
            return False
        wt = self._dq_weight(n.input[1], 4, 0)
        if wt is None or not self._bias_ok(n.input[2] if len(n.input) > 2 else ""):
            return False
        w, scale, _ = wt
        xs = self.shapes.get(n.input[0])
        if xs is None or len(xs) != 4 or self.shapes.get(n.output[0]) is None:
            return False
        group, c = int(a.get("group", 1)), xs[1]
        if group == 1:
            return True
        return group == c and w.shape[1] == 1 and (scale.size == 1 or w.shape[0] == c)

    def _fusable_Gemm(self, n, q):
        a = _attrs(n)
        if (float(a.get("alpha", 1.0)) != 1.0 or float(a.get("beta", 1.0)) != 1.0
                or int(a.get("transA", 0)) or self._dq_act(n.input[0]) is None):
            return False
        xs = self.shapes.get(n.input[0])
        if xs is None or len(xs) != 2:
            return False
        wt = self._dq_weight(n.input[1], 2, 0 if int(a.get("transB", 0)) else 1)
        bias = n.input[2] if len(n.input) > 2 else ""
        if bias and bias in self.inits and self.inits[bias].ndim > 1:
            return False
        return wt is not None and self._bias_ok(bias)

    def _fusable_MatMul(self, n, q):
        xs = self.shapes.get(n.input[0])
        return (self._dq_act(n.input[0]) is not None and xs is not None and len(xs) == 2
                and self._dq_weight(n.input[1], 2, 1) is not None)

    def _fusable_Add(self, n, q):
        return (len(n.input) == 2 and all(self._dq_act(i) is not None for i in n.input)
                and self.shapes.get(n.input[0]) is not None
                and self.shapes.get(n.input[0]) == self.shapes.get(n.input[1]) == self.shapes.get(n.output[0]))

    def _fusable_MaxPool(self, n, q):
        a = _attrs(n)
        d = self._dq_act(n.input[0])
        xs = self.shapes.get(n.input[0])
        if (d is None or xs is None or len(xs) != 4 or (len(n.output) > 1 and n.output[1])
                or int(a.get("ceil_mode", 0)) or any(v != 1 for v in a.get("dilations", [1, 1]))
                or a.get("auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET")):
            return False
        pd, pq = self._static_qparams(d), self._static_qparams(q)
        return pd[0] == pq[0] and pd[2] == pq[2] and (pd[1] or 0) == (pq[1] or 0)

    def _act(self, dq):
        """The container value a fused op reads, and its quant type."""
        scale, zp, dtype = self._static_qparams(dq)
        x = self.get(dq, dq.input[0])
        if not x.name:
            x = self.plain_int(x)
        if x.dtype != dtype:
            self.err(dq, f"input '{dq.input[0]}' is {x.dtype} but its zero point is {dtype}")
        qt, _ = self.qtype(dq, scale, zp, default=dtype)
        return x, qt, float(scale)

    def fuse(self, n, q):
        self.onnx_rounding = True  # requantize as onnxruntime's QLinear kernels do
        scale, zp, dtype = self._static_qparams(q)
        qy, ydt = self.qtype(q, scale, zp, default=dtype)
        a = _attrs(n)
        if n.op_type == "Conv":
            x, qx, sx = self._act(self.producer[n.input[0]])
            w, sw, zw = self._dq_weight(n.input[1], 4, 0)
            acc = np.float64(sx) * np.broadcast_to(sw.astype(np.float64).reshape(-1), (w.shape[0],))
            bias = self._qbias(n.input[2] if len(n.input) > 2 else "", acc)
            r = self._qconv(n, a, x, w, qx, (sw, zw), qy, ydt, "i8", bias)
        elif n.op_type in ("Gemm", "MatMul"):
            x, qx, sx = self._act(self.producer[n.input[0]])
            if x.nhwc:
                x = self.plain_int(x)
            transb = n.op_type == "Gemm" and int(a.get("transB", 0))
            w, sw, zw = self._dq_weight(n.input[1], 2, 0 if transb else 1)
            b = w.T if transb else w                                       # [K, N]
            nout = b.shape[1]
            qb, _ = self.qtype(n, sw, zw, default=str(w.dtype), axis=0, n=nout)
            acc = np.float64(sx) * np.broadcast_to(sw.astype(np.float64).reshape(-1), (nout,))
            bias = self._qbias(n.input[2] if n.op_type == "Gemm" and len(n.input) > 2 else "", acc)
            if bias is not None:
                bias = np.broadcast_to(bias.reshape(-1), (nout,))
            r = self._qlinear_matmul(n, x, np.ascontiguousarray(b), qx, qb, qy, ydt, "i8", bias)
        elif n.op_type == "Add":
            (xa, qa, _), (xb, qb, _) = (self._act(self.producer[i]) for i in n.input)
            if xa.nhwc != xb.nhwc:
                xa, xb = (v if v.nhwc else self._nhwc_int(v) for v in (xa, xb))
            ta, tb = self.scast(xa, xa.shape, qa), self.scast(xb, xb.shape, qb)
            dims = "x".join(map(str, xa.shape))
            y = self.b.fresh("y")
            self.b.emit(f"{y} = qnn.add {ta}, {tb} : (tensor<{dims}x{qa}>, tensor<{dims}x{qb}>) -> "
                        f"tensor<{dims}x{qy}>")
            r = self.unscast(y, xa.shape, qy, ydt)
            r.nhwc = xa.nhwc
        else:  # MaxPool with the same parameters in and out
            x, qx, _ = self._act(self.producer[n.input[0]])
            x = x if x.nhwc else self._nhwc_int(x)
            k = list(a["kernel_shape"])
            pads = list(a.get("pads", [0, 0, 0, 0]))
            st = list(a.get("strides", [1, 1]))
            ys = self.out_shape(n)
            out = (ys[0], ys[2], ys[3], ys[1])
            t = self.scast(x, x.shape, qx)
            y = self.b.fresh("y")
            self.b.emit(f"{y} = qnn.max_pool2d {t} {{kernel = array<i64: {k[0]}, {k[1]}>, stride = array<i64: "
                        f"{st[0]}, {st[1]}>, pad = array<i64: {pads[0]}, {pads[2]}, {pads[1]}, {pads[3]}>}} : "
                        f"tensor<{'x'.join(map(str, x.shape))}x{qx}> -> tensor<{'x'.join(map(str, out))}x{qy}>")
            r = self.unscast(y, out, qy, ydt)
            r.nhwc = True
        self.env[q.output[0]] = r

    def _nhwc_int(self, v: Value) -> Value:
        if len(v.shape) != 4:
            return v
        t = self.int_transpose(v, NCHW_TO_NHWC)
        t.nhwc = True
        return t


def _dims(vi):
    """The dims of a value info: ints, or the symbol (str) / None of a
    dynamic dimension."""
    tt = vi.type.tensor_type
    if not tt.HasField("shape"):
        return None
    return [d.dim_value if d.HasField("dim_value") else (d.dim_param or None) for d in tt.shape.dim]


def _fix_shapes(model, input_shapes, batch):
    """Gives the graph inputs static shapes: `input_shapes` {name: shape}
    first, then a dynamic leading dimension becomes `batch` (default 1).
    Returns the model and the batch dimension's description for the
    signature ({"size": B} when the model's batch is free: every input and
    output leads with the same symbol), or None."""
    import onnx
    graph = model.graph
    inits = {t.name for t in graph.initializer}
    inputs = [i for i in graph.input if i.name not in inits]
    unknown = sorted(set(input_shapes or {}) - {i.name for i in inputs})
    if unknown:
        raise ImportError_(f"input_shapes names {unknown}, which are not graph inputs "
                           f"({', '.join(i.name for i in inputs)})")
    dims = {i.name: _dims(i) for i in inputs}
    if not input_shapes and batch is None and all(d is not None and all(isinstance(x, int) for x in d)
                                                 for d in dims.values()):
        return model, None
    lead = {d[0] if d else None for d in dims.values()}
    out_lead = {(_dims(o) or [0])[0] for o in graph.output}
    free = (len(lead) == 1 and isinstance(next(iter(lead)), str) and out_lead == lead and not input_shapes)
    model = onnx.ModelProto.FromString(model.SerializeToString())
    graph = model.graph
    b = 1 if batch is None else int(batch)
    if b < 1:
        raise ImportError_(f"batch must be >= 1, got {batch}")
    for inp in graph.input:
        if inp.name in inits:
            continue
        shape = (input_shapes or {}).get(inp.name)
        d = _dims(inp)
        if shape is None:
            if d is None:
                continue
            shape = [b if (k == 0 and not isinstance(x, int)) else x for k, x in enumerate(d)]
            if batch is not None and d and isinstance(d[0], int) and d[0] != b:
                raise ImportError_(f"graph input '{inp.name}' has a fixed batch of {d[0]}; "
                                   f"batch={batch} cannot change it")
        elif d is not None and (len(shape) != len(d) or any(isinstance(x, int) and x != y
                                                            for x, y in zip(d, shape))):
            raise ImportError_(f"input_shapes['{inp.name}'] = {list(shape)} does not fit the model's "
                               f"{[x if isinstance(x, int) else (x or '?') for x in d]}")
        dims_proto = inp.type.tensor_type.shape.dim
        del dims_proto[:]
        for x in shape:
            if isinstance(x, (int, np.integer)):
                dims_proto.add().dim_value = int(x)
            else:  # a dynamic dimension past the batch: reported by the importer
                dims_proto.add().dim_param = x or "?"
    # Let shape inference recompute everything downstream.
    del graph.value_info[:]
    for out in graph.output:
        out.type.tensor_type.ClearField("shape")
    return model, ({"size": b} if free else None)


def import_onnx(model, func_name: str = "main", constants: Optional[Dict[str, np.ndarray]] = None,
                fuse_qdq: bool = True, input_shapes: Optional[Dict[str, Sequence[int]]] = None,
                batch: Optional[int] = None, detect_ternary: bool = True) -> Tuple[str, dict]:
    """MLIR text of `model` (an onnx.ModelProto or a path) and its signature
    {"function", "inputs": [{name, shape, dtype}], "outputs": [...],
    optionally "requant_mode" and "batch"}, with inputs and outputs in the
    ONNX layout. `constants` binds graph inputs to fixed values (they become
    initializers): quantization scales and zero points must be constants.
    `input_shapes` {name: shape} gives dynamic inputs static shapes; a
    dynamic leading (batch) dimension left is compiled as `batch` (default
    1), and when the model's batch is free (the same symbol leads every
    input and output) the signature records it, so that Library.run takes
    any batch size (in chunks of `batch`). With `detect_ternary`, a
    layer whose weights are ternary (ternary_codebook) gets a qnn.codebook
    attribute, so that qnn-quantize stores them as a codebook."""
    import onnx
    from onnx import numpy_helper
    if not isinstance(model, onnx.ModelProto):
        try:
            model = onnx.load(str(model))
        except Exception as err:  # noqa: BLE001 - not a file, not protobuf, missing external data, ...
            raise ImportError_(f"{model}: cannot load the ONNX model: {err}".rstrip()) from err
    if constants:
        model = onnx.ModelProto.FromString(model.SerializeToString())
        names = {i.name for i in model.graph.input}
        unknown = sorted(set(constants) - names)
        if unknown:
            raise ImportError_(f"constants {unknown} are not graph inputs")
        keep = [i for i in model.graph.input if i.name not in constants]
        del model.graph.input[:]
        model.graph.input.extend(keep)
        for name, value in constants.items():
            model.graph.initializer.append(numpy_helper.from_array(np.asarray(value), name))
    _check_nodes(model)
    model, batch_info = _fix_shapes(model, input_shapes, batch)
    imp = Importer(model, func_name, fuse_qdq=fuse_qdq, detect_ternary=detect_ternary)
    text = imp.run()
    if batch_info is not None:
        imp.signature["batch"] = batch_info
    return text, imp.signature

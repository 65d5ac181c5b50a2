"""Execution harness: one-op MLIR module -> qnn-compile -> shared library ->
ctypes call per the compiled C ABI (docs/abi.md) -> NumPy output.

Environment:
  QNN_COMPILE           path of qnn-compile (default the repository's build/bin/qnn-compile)
  QNN_FLOAT_MODE_FLAG   flag(s) selecting N6.2 float requantization
                        (default "--requant-mode=float")
  QNN_COMPILE_ARGS      extra flags for every compile (e.g. "-mcpu=x86-64")
  QNN_KEEP_TMP=1        keep the per-case temp dir (module, .so) and print it
  QNN_INPROCESS=1       call the library in this process instead of a forked
                        child (a crash then kills the test run)
  QNN_ACTIVATION_FORMAT format of the activation attribute, "{}" = relu|relu6
                        (default "#qnn.activation<{}>")

ABI recap (spec "Compiled C ABI", N1.4, N1.5):
  void forward(const T0 *in0, ..., T_out0 *out0)
  quant storage <= 8 bits -> 1 byte (int8/uint8), 9..16 -> 16 bits, 17..32 -> 32 bits;
  f32 -> float; i32 -> int32; i64 -> int64; binary -> int64 words [..., ceil(C/64)].
"""

from __future__ import annotations

import ctypes
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import List, Optional, Sequence, Tuple, Union

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference import BinType, QType, fmt_float, num_words  # noqa: E402

QNN_COMPILE = os.environ.get("QNN_COMPILE", str(Path(__file__).resolve().parents[2] / "build/bin/qnn-compile"))
QNN_OPT = os.environ.get("QNN_OPT", os.path.join(os.path.dirname(QNN_COMPILE), "qnn-opt"))
FLOAT_MODE_ARGS = shlex.split(os.environ.get("QNN_FLOAT_MODE_FLAG", "--requant-mode=float"))
EXTRA_COMPILE_ARGS = shlex.split(os.environ.get("QNN_COMPILE_ARGS", ""))
KEEP_TMP = os.environ.get("QNN_KEEP_TMP") == "1"
IN_PROCESS = os.environ.get("QNN_INPROCESS") == "1"
ACTIVATION_FORMAT = os.environ.get("QNN_ACTIVATION_FORMAT", "#qnn.activation<{}>")
COMPILE_TIMEOUT_S = 300
RUN_TIMEOUT_S = 120

_GUARD = 256          # bytes of sentinel after every output buffer
_SENTINEL = 0xA5      # output buffers are pre-filled with this byte
_ALIGN = 64


def compiler_available() -> bool:
    return os.path.isfile(QNN_COMPILE) and os.access(QNN_COMPILE, os.X_OK)


class CompileError(AssertionError):
    pass


class RunError(AssertionError):
    pass


Elem = Union[str, QType, BinType]   # 'f32' | 'i32' | 'i64' | QType | BinType

_PLAIN = {"f32": np.float32, "i32": np.int32, "i64": np.int64, "i8": np.int8,
          "i16": np.int16, "f64": np.float64}


class T:
    """A ranked static tensor type: logical shape + element type."""

    def __init__(self, shape: Sequence[int], elem: Elem):
        self.shape = tuple(int(d) for d in shape)
        self.elem = elem

    def elem_str(self) -> str:
        return self.elem if isinstance(self.elem, str) else self.elem.mlir()

    def mlir(self) -> str:
        dims = "".join(f"{d}x" for d in self.shape)
        return f"tensor<{dims}{self.elem_str()}>"

    @property
    def container_shape(self) -> Tuple[int, ...]:
        if isinstance(self.elem, BinType):      # N1.5
            return self.shape[:-1] + (num_words(self.shape[-1]),)
        return self.shape

    @property
    def container_dtype(self):
        if isinstance(self.elem, BinType):
            return np.int64
        if isinstance(self.elem, QType):        # N1.4
            return self.elem.container_dtype
        return _PLAIN[self.elem]

    def to_container(self, arr) -> np.ndarray:
        """Convert test data (storage ints / floats / packed words) to the container."""
        arr = np.asarray(arr)
        if isinstance(self.elem, QType):
            out = self.elem.to_container(arr)
        else:
            out = np.ascontiguousarray(arr.astype(self.container_dtype))
            if self.container_dtype != np.float32 and self.container_dtype != np.float64:
                assert np.array_equal(out.astype(np.int64), arr.astype(np.int64)), "value out of range"
        assert out.shape == self.container_shape, (out.shape, self.container_shape)
        return out

    def __repr__(self):
        return self.mlir()


# ---------------------------------------------------------------------------
# Attribute helpers
# ---------------------------------------------------------------------------

def i64_array(vals) -> str:
    return "array<i64: " + ", ".join(str(int(v)) for v in vals) + ">"


def activation_attr(act: Optional[str]) -> Optional[str]:
    if act in (None, "none"):
        return None
    return ACTIVATION_FORMAT.format(act)


def f32_attr(v: float) -> str:
    v32 = float(np.float32(v))
    assert v32 == v32, "NaN attribute"
    return f"{fmt_float(v32)} : f32"


def attr_dict(**attrs) -> Optional[str]:
    """attr_dict(stride=i64_array(..), axis='1 : i64', activation=None) ->
    '{stride = ..., axis = 1 : i64}'. None values are omitted."""
    items = [f"{k} = {v}" for k, v in attrs.items() if v is not None]
    return "{" + ", ".join(items) + "}" if items else None


# ---------------------------------------------------------------------------
# Module construction
# ---------------------------------------------------------------------------

def build_module(op: str, operands: Sequence[T], result: T, attrs: Optional[str] = None,
                 sig: Optional[str] = None, func_name: str = "forward") -> str:
    """One-op module. sig: 'functional' -> `: (A, B) -> R`; 'arrow' -> `: A -> R`;
    'single' -> `: R` (observe). Default: functional for >1 operand, arrow otherwise."""
    if sig is None:
        sig = "functional" if len(operands) > 1 else "arrow"
    args = ", ".join(f"%arg{i}: {t.mlir()}" for i, t in enumerate(operands))
    uses = ", ".join(f"%arg{i}" for i in range(len(operands)))
    if sig == "functional":
        tsig = "(" + ", ".join(t.mlir() for t in operands) + f") -> {result.mlir()}"
    elif sig == "arrow":
        assert len(operands) == 1
        tsig = f"{operands[0].mlir()} -> {result.mlir()}"
    elif sig == "single":
        tsig = result.mlir()
    else:
        raise ValueError(sig)
    attr_s = f" {attrs}" if attrs else ""
    return (f"func.func @{func_name}({args}) -> {result.mlir()} {{\n"
            f"  %0 = qnn.{op} {uses}{attr_s} : {tsig}\n"
            f"  return %0 : {result.mlir()}\n"
            f"}}\n")


# ---------------------------------------------------------------------------
# Compile and call
# ---------------------------------------------------------------------------

def compile_module(text: str, workdir: str, extra_args: Sequence[str] = ()) -> str:
    src = os.path.join(workdir, "case.mlir")
    so = os.path.join(workdir, "case.so")
    with open(src, "w") as f:
        f.write(text)
    cmd = [QNN_COMPILE, src, "-o", so] + EXTRA_COMPILE_ARGS + list(extra_args)
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=COMPILE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise CompileError(f"qnn-compile timed out after {COMPILE_TIMEOUT_S}s: {shlex.join(cmd)}\n{text}")
    if p.returncode != 0 or not os.path.isfile(so):
        raise CompileError(
            f"qnn-compile failed (rc={p.returncode}): {shlex.join(cmd)}\n"
            f"--- module ---\n{text}--- stderr ---\n{p.stderr}\n--- stdout ---\n{p.stdout}")
    return so


def compile_fast_and_reference(functions: Sequence[str], workdir: str,
                               fast_args: Sequence[str],
                               ref_args: Sequence[str]) -> Tuple[List[str], str]:
    """Compiles the functions (self-contained func.func texts) twice: with
    fast_args in as many parts as this machine has cores (the optimized
    kernels take ~10x longer to compile than the -O0 oracle), and whole with
    ref_args, all concurrently. Returns (the fast library of each function,
    the reference library)."""
    parts = max(1, min(os.cpu_count() or 1, 4, len(functions)))
    bounds = [len(functions) * i // parts for i in range(parts + 1)]
    dirs = [os.path.join(workdir, f"fast{i}") for i in range(parts)] + [os.path.join(workdir, "ref")]
    for d in dirs:
        os.makedirs(d, exist_ok=True)
    with ThreadPoolExecutor(max_workers=parts + 1) as pool:
        fast_jobs = [pool.submit(compile_module, "\n".join(functions[bounds[i]:bounds[i + 1]]),
                                 dirs[i], fast_args) for i in range(parts)]
        ref_job = pool.submit(compile_module, "\n".join(functions), dirs[-1], ref_args)
        fast = [job.result() for job in fast_jobs]
        ref = ref_job.result()
    return [fast[i] for i in range(parts) for _ in range(bounds[i], bounds[i + 1])], ref


def _aligned_empty(nbytes: int) -> Tuple[np.ndarray, np.ndarray]:
    """(raw backing buffer, 64-byte aligned uint8 view of nbytes + guard)."""
    raw = np.empty(nbytes + _GUARD + _ALIGN, np.uint8)
    off = (-raw.ctypes.data) % _ALIGN
    return raw, raw[off:off + nbytes + _GUARD]


def _aligned_copy(arr: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    arr = np.ascontiguousarray(arr)
    raw, buf = _aligned_empty(arr.nbytes)
    buf[:arr.nbytes] = arr.view(np.uint8).reshape(-1)
    buf[arr.nbytes:] = _SENTINEL
    return raw, buf


def _call_library(so: str, func: str, inputs: Sequence[np.ndarray],
                  outputs: Sequence[Tuple[Tuple[int, ...], type]]) -> List[np.ndarray]:
    """Load `so`, call func(in..., out...), check guards; returns outputs."""
    lib = ctypes.CDLL(so)
    fn = getattr(lib, func)
    fn.restype = None
    keep = []
    ptrs = []
    in_bufs = []
    for a in inputs:
        raw, buf = _aligned_copy(a)
        keep.append(raw)
        in_bufs.append((buf, a))
        ptrs.append(ctypes.c_void_p(buf.ctypes.data))
    out_bufs = []
    for shape, dtype in outputs:
        nbytes = int(np.prod(shape, dtype=np.int64)) * np.dtype(dtype).itemsize
        raw, buf = _aligned_empty(nbytes)
        buf[:] = _SENTINEL
        keep.append(raw)
        out_bufs.append((buf, nbytes, shape, dtype))
        ptrs.append(ctypes.c_void_p(buf.ctypes.data))
    fn.argtypes = [ctypes.c_void_p] * len(ptrs)
    fn(*ptrs)
    problems = []
    for i, (buf, a) in enumerate(in_bufs):
        if not np.array_equal(buf[:a.nbytes], a.view(np.uint8).reshape(-1)):
            problems.append(f"input {i} was modified by the callee")
        if not np.all(buf[a.nbytes:] == _SENTINEL):
            problems.append(f"write past the end of input {i}")
    results = []
    for i, (buf, nbytes, shape, dtype) in enumerate(out_bufs):
        if not np.all(buf[nbytes:] == _SENTINEL):
            problems.append(f"write past the end of output {i}")
        results.append(buf[:nbytes].copy().view(dtype).reshape(shape))
    if problems:
        raise RunError("; ".join(problems))
    return results


def call_library(so: str, func: str, inputs: Sequence[np.ndarray],
                 outputs: Sequence[Tuple[Tuple[int, ...], type]], workdir: str) -> List[np.ndarray]:
    """Run _call_library in a forked child so a crash fails one test only."""
    if IN_PROCESS:
        return _call_library(so, func, inputs, outputs)
    res_paths = [os.path.join(workdir, f"out{i}.npy") for i in range(len(outputs))]
    err_path = os.path.join(workdir, "child_error.txt")
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # child
        code = 0
        try:
            outs = _call_library(so, func, inputs, outputs)
            for p, o in zip(res_paths, outs):
                np.save(p, o)
        except BaseException as e:  # noqa: BLE001
            with open(err_path, "w") as f:
                f.write(f"{type(e).__name__}: {e}")
            code = 3
        os._exit(code)
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while True:
        wpid, status = os.waitpid(pid, os.WNOHANG)
        if wpid != 0:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise RunError(f"compiled function did not return within {RUN_TIMEOUT_S}s")
        time.sleep(0.002)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        raise RunError(f"compiled function crashed with signal {sig} ({signal.Signals(sig).name})")
    code = os.WEXITSTATUS(status)
    if code != 0:
        msg = open(err_path).read() if os.path.exists(err_path) else f"exit code {code}"
        raise RunError(msg)
    return [np.load(p) for p in res_paths]


def run_module(text: str, inputs: Sequence[np.ndarray],
               outputs: Sequence[Tuple[Tuple[int, ...], type]],
               extra_args: Sequence[str] = (), func: str = "forward") -> List[np.ndarray]:
    tmp = tempfile.mkdtemp(prefix="qnn-it-")
    try:
        so = compile_module(text, tmp, extra_args)
        return call_library(so, func, inputs, outputs, tmp)
    finally:
        if KEEP_TMP:
            print(f"[harness] kept {tmp}", file=sys.stderr)
        else:
            import shutil
            shutil.rmtree(tmp, ignore_errors=True)


def mode_args(mode: str) -> List[str]:
    assert mode in ("fixed", "float")
    return list(FLOAT_MODE_ARGS) if mode == "float" else []


def run_op(op: str, operands: Sequence[Tuple[T, np.ndarray]], result: T,
           attrs: Optional[str] = None, mode: str = "fixed", sig: Optional[str] = None,
           extra_args: Sequence[str] = ()) -> np.ndarray:
    """Build, compile and run `%0 = qnn.<op> args {attrs} : sig`.

    operands: (type, data) pairs; data are storage ints for QType, floats for
    f32, packed int64 words for BinType.  Returns the output container array
    (storage ints in the container dtype, f32, or packed words)."""
    text = build_module(op, [t for t, _ in operands], result, attrs, sig)
    ins = [t.to_container(a) for t, a in operands]
    (out,) = run_module(text, ins, [(result.container_shape, result.container_dtype)],
                        extra_args=list(extra_args) + mode_args(mode))
    return out

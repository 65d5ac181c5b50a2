"""Compiling ONNX models or MLIR text into shared libraries, in this
process through qnn's C API (libQNNCAPI.so, include/qnn-c/qnn.h), or with
the qnn-compile tool when the C API library is not found.

Each library gets a signature file beside it (`LIB.so.json`): the exported
function, and the name, shape and dtype of every input and output in the
model's layout, so that `qnn.load` can check and convert arrays."""

import ctypes
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional, Sequence

REPO = Path(__file__).resolve().parents[2]


class CompileError(RuntimeError):
    """qnn-compile rejected the module; the message carries its diagnostics."""


def find_tool(name: str = "qnn-compile") -> str:
    """$QNN_COMPILE (for qnn-compile), the repository's build/bin, or PATH."""
    env = os.environ.get("QNN_COMPILE" if name == "qnn-compile" else "QNN_OPT")
    if env:
        return env
    built = REPO / "build" / "bin" / name
    if built.is_file():
        return str(built)
    found = shutil.which(name)
    if found:
        return found
    raise CompileError(f"{name} not found: build qnn (scripts/build.sh) or set $QNN_COMPILE")


_CAPI = None


def find_capi():
    """$QNN_CAPI or the repository's build/lib/libQNNCAPI.so, loaded; None
    when there is neither."""
    global _CAPI
    if _CAPI is not None:
        return _CAPI
    path = os.environ.get("QNN_CAPI") or str(REPO / "build" / "lib" / "libQNNCAPI.so")
    if not Path(path).is_file():
        return None
    lib = ctypes.CDLL(path)
    lib.qnnCompileString.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p,
                                     ctypes.POINTER(ctypes.c_void_p)]
    lib.qnnCompileString.restype = ctypes.c_int
    lib.qnnFreeString.argtypes = [ctypes.c_void_p]
    lib.qnnVersion.restype = ctypes.c_char_p
    _CAPI = lib
    return lib


def _capi_options(kernels: str, threads: int, requant_mode: str, extra: Sequence[str]) -> str:
    """qnn-compile style flags as the C API's key=value string."""
    opts = [f"kernels={kernels}", f"requant-mode={requant_mode}", f"threads={threads}"]
    for flag in extra:
        key, _, value = flag.lstrip("-").partition("=")
        opts.append(f"{ {'O': 'opt'}.get(key, key) }={value}")
    return " ".join(opts)


def _options(kernels: str, threads: int, requant_mode: str, extra: Sequence[str]):
    if kernels not in ("auto", "reference"):
        raise ValueError(f"kernels must be 'auto' or 'reference', got {kernels!r}")
    if threads < 1:
        raise ValueError(f"threads must be >= 1, got {threads}")
    if requant_mode not in ("fixed-point", "float"):
        raise ValueError(f"requant_mode must be 'fixed-point' or 'float', got {requant_mode!r}")
    opts = [f"--kernels={kernels}", f"--requant-mode={requant_mode}"]
    if threads > 1:
        opts.append(f"--num-threads={threads}")
    return opts + list(extra)


def compile_mlir(text: str, output, signature: Optional[dict] = None, kernels: str = "auto",
                 threads: int = 1, requant_mode: str = "fixed-point", extra_args: Sequence[str] = ()):
    """Compiles MLIR `text` into the shared library `output`; writes
    `output`.json when a `signature` is given. Returns the loaded Library
    when there is a signature, else the output path."""
    output = Path(output)
    flags = _options(kernels, threads, requant_mode, extra_args)  # validates the arguments
    capi = find_capi()
    if capi is not None:
        data = text.encode()
        err = ctypes.c_void_p()
        rc = capi.qnnCompileString(data, len(data), str(output).encode(),
                                   _capi_options(kernels, threads, requant_mode, extra_args).encode(),
                                   ctypes.byref(err))
        if rc != 0:
            message = ctypes.string_at(err.value).decode(errors="replace") if err.value else ""
            capi.qnnFreeString(err)
            raise CompileError(f"compilation failed:\n{message.strip()}")
    else:
        with tempfile.TemporaryDirectory(prefix="qnn-") as tmp:
            src = Path(tmp, "model.mlir")
            src.write_text(text)
            p = subprocess.run([find_tool(), str(src), "-o", str(output)] + flags, capture_output=True, text=True)
            if p.returncode != 0:
                raise CompileError(f"compilation failed:\n{p.stderr.strip()}")
    if signature is None:
        return output
    Path(str(output) + ".json").write_text(json.dumps(signature, indent=2) + "\n")
    from .runtime import load
    return load(output)


def compile(model, output, kernels: str = "auto", threads: int = 1, requant_mode: Optional[str] = None,
            extra_args: Sequence[str] = (), mlir_output=None, constants=None, fuse_qdq: bool = True,
            input_shapes=None, batch: Optional[int] = None):
    """Imports an ONNX model (a path or an onnx.ModelProto) and compiles it
    into the shared library `output`. Returns the loaded Library.
    `requant_mode` defaults to what the model needs ("float" for ONNX's
    QLinear* ops, which round as ONNX does, else "fixed-point");
    `constants` binds graph inputs to values (see import_onnx);
    `fuse_qdq` fuses DequantizeLinear -> op -> QuantizeLinear groups into
    integer qnn ops (docs/onnx.md);
    `input_shapes` and `batch` give dynamic dimensions static values (see
    import_onnx; a model with a free batch dimension then runs any batch);
    `mlir_output`, when given, receives the imported MLIR text."""
    from .onnx_import import import_onnx
    text, signature = import_onnx(model, constants=constants, fuse_qdq=fuse_qdq, input_shapes=input_shapes,
                                  batch=batch)
    if requant_mode is None:
        requant_mode = signature.get("requant_mode", "fixed-point")
    if mlir_output is not None:
        Path(mlir_output).write_text(text)
    return compile_mlir(text, output, signature, kernels, threads, requant_mode, extra_args)

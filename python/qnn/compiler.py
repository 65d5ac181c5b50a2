"""Compiling ONNX models or MLIR text into shared libraries with qnn-compile.

Each library gets a signature file beside it (`LIB.so.json`): the exported
function, and the name, shape and dtype of every input and output in the
model's layout, so that `qnn.load` can check and convert arrays."""

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
    with tempfile.TemporaryDirectory(prefix="qnn-") as tmp:
        src = Path(tmp, "model.mlir")
        src.write_text(text)
        cmd = [find_tool(), str(src), "-o", str(output)] + _options(kernels, threads, requant_mode, extra_args)
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            raise CompileError(f"qnn-compile failed:\n{p.stderr.strip()}")
    if signature is None:
        return output
    Path(str(output) + ".json").write_text(json.dumps(signature, indent=2) + "\n")
    from .runtime import load
    return load(output)


def compile(model, output, kernels: str = "auto", threads: int = 1, requant_mode: str = "fixed-point",
            extra_args: Sequence[str] = (), mlir_output=None):
    """Imports an ONNX model (a path or an onnx.ModelProto) and compiles it
    into the shared library `output`. Returns the loaded Library.
    `mlir_output`, when given, receives the imported MLIR text."""
    from .onnx_import import import_onnx
    text, signature = import_onnx(model)
    if mlir_output is not None:
        Path(mlir_output).write_text(text)
    return compile_mlir(text, output, signature, kernels, threads, requant_mode, extra_args)

"""qnn: compile ONNX models and qnn/TOSA MLIR into native libraries and run
them on NumPy arrays.

    import qnn
    lib = qnn.compile("model.onnx", "model.so")      # or MLIR text
    outputs = lib.run({"input": x})                  # {name: array}

`python -m qnn --help` is the command-line tool.
"""

from .calibration import CalibrationError, calibrate, collect_samples, load_stats  # noqa: F401
from .compiler import CompileError, compile, compile_mlir, find_tool  # noqa: F401
from .onnx_import import ImportError_ as UnsupportedModelError  # noqa: F401
from .onnx_import import import_onnx  # noqa: F401
from .precision import assign_precision, profile_precision  # noqa: F401
from .quantization import quantize, quantize_mlir  # noqa: F401
from .runtime import Library, RunError, load  # noqa: F401

__all__ = ["compile", "compile_mlir", "load", "import_onnx", "Library", "calibrate", "load_stats",
           "quantize", "quantize_mlir", "profile_precision", "assign_precision",
           "CompileError", "RunError", "UnsupportedModelError", "CalibrationError", "find_tool"]

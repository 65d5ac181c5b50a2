"""Post-training quantization: a float ONNX model and calibration data in,
an int8 library out (docs/quantization.md).

    lib = qnn.quantize("model.onnx", {"image": x_calib}, "model_int8.so", method="entropy")

Steps: import; calibrate (qnn.calibrate: observers, the calibration
runtime, a statistics file); `qnn-opt --qnn-ptq-pipeline` (batch-norm
folding, the same observers, qnn-quantize with the chosen range method);
compile with the optimized kernels.
"""

import subprocess
from pathlib import Path
from typing import Optional

from . import calibration, compiler
from .onnx_import import import_onnx

METHODS = ("minmax", "moving-average", "percentile", "entropy", "mse")


def quantize_mlir(text: str, stats, method: str = "minmax", percentile: float = 99.99,
                  activation_type: str = "u8", weight_granularity: str = "per-channel",
                  weight_range: str = "symmetric", stochastic_rounding_seed: Optional[int] = None) -> str:
    """The float module `text` quantized with the statistics file `stats`
    (qnn-opt --qnn-ptq-pipeline)."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    opts = (f"stats={stats} method={method} percentile={percentile} activation-type={activation_type} "
            f"weight-granularity={weight_granularity} weight-range={weight_range} "
            f"stochastic-rounding-seed={-1 if stochastic_rounding_seed is None else int(stochastic_rounding_seed)}")
    p = subprocess.run([compiler.find_tool("qnn-opt"), f"--qnn-ptq-pipeline={opts}", "-"], input=text,
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise compiler.CompileError(f"quantization failed:\n{p.stderr.strip()}")
    return p.stdout


def quantize(model, calibration_data, output, method: str = "minmax", percentile: float = 99.99,
             activation_type: str = "u8", weight_granularity: str = "per-channel",
             weight_range: str = "symmetric", stochastic_rounding_seed: Optional[int] = None,
             stats=None, kernels: str = "auto", threads: int = 1, requant_mode: str = "fixed-point",
             mlir_output=None, progress: bool = True, constants=None, input_shapes=None,
             batch: Optional[int] = None):
    """Quantizes the float ONNX `model` with `calibration_data` (see
    qnn.calibrate) and compiles it into the shared library `output`.
    Returns the loaded Library. The statistics are written to
    `output`.stats.json, or read from `stats` when given (no calibration
    run then). `mlir_output`, when given, receives the quantized MLIR."""
    output = Path(output)
    text, signature = import_onnx(model, constants=constants, input_shapes=input_shapes, batch=batch)
    if stats is None:
        stats = Path(str(output) + ".stats.json")
        calibration.calibrate(model, calibration_data, stats, progress=progress, constants=constants,
                              input_shapes=input_shapes, batch=batch)
    qtext = quantize_mlir(text, stats, method, percentile, activation_type, weight_granularity, weight_range,
                          stochastic_rounding_seed)
    if mlir_output is not None:
        Path(mlir_output).write_text(qtext)
    signature = dict(signature, quantization={"method": method, "stats": str(stats),
                                              "activation_type": activation_type,
                                              "weight_granularity": weight_granularity})
    return compiler.compile_mlir(qtext, output, signature, kernels, threads, requant_mode)

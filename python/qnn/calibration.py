"""Calibration: observers on a float model, the instrumented model compiled
and run over a dataset, and the statistics it collects, as a versioned
JSON file (docs/calibration.md).

    stats = qnn.calibrate("model.onnx", {"image": x_calib}, "stats.json")

The model is imported, `qnn-insert-calibration` puts a `qnn.observe` on
every activation that quantization needs a range for (ids stable, names
from the ONNX tensors), and the module is compiled with `--calibration`, so
that each observer calls the calibration runtime (libQNNCalibration.so,
include/qnn-c/calibration.h). Running the dataset through it accumulates,
per observer: min and max, their moving averages over batches, and a
2048-bin histogram whose range grows with the data.
"""

import ctypes
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import List, Mapping, Optional

import numpy as np

from . import compiler
from .onnx_import import import_onnx

STATS_FORMAT = "qnn-calibration-stats"
STATS_VERSION = 1
BINS = 2048


class CalibrationError(ValueError):
    """Bad calibration data, or a statistics file that does not fit."""


class _Stats(ctypes.Structure):
    _fields_ = [("id", ctypes.c_int64), ("calls", ctypes.c_int64), ("count", ctypes.c_int64),
                ("nonfinite", ctypes.c_int64), ("min", ctypes.c_double), ("max", ctypes.c_double),
                ("avg_min", ctypes.c_double), ("avg_max", ctypes.c_double), ("hist_lo", ctypes.c_double),
                ("hist_width", ctypes.c_double), ("hist", ctypes.c_int64 * BINS)]


_RUNTIME = None


def runtime():
    """libQNNCalibration.so ($QNN_CALIBRATION_LIB, else the repository's
    build/lib), loaded with RTLD_GLOBAL so that instrumented models find
    qnn_observe in it."""
    global _RUNTIME
    if _RUNTIME is None:
        path = os.environ.get("QNN_CALIBRATION_LIB") or str(compiler.REPO / "build" / "lib" /
                                                              "libQNNCalibration.so")
        if not Path(path).is_file():
            raise CalibrationError(f"{path}: the calibration runtime is not built (scripts/build.sh) "
                                   "or $QNN_CALIBRATION_LIB is wrong")
        lib = ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)
        lib.qnn_calib_num_observers.restype = ctypes.c_int64
        lib.qnn_calib_observer_id.restype = ctypes.c_int64
        lib.qnn_calib_observer_id.argtypes = [ctypes.c_int64]
        lib.qnn_calib_get.argtypes = [ctypes.c_int64, ctypes.POINTER(_Stats)]
        lib.qnn_calib_set_averaging.argtypes = [ctypes.c_double]
        lib.qnn_calib_set_channels.argtypes = [ctypes.c_int64, ctypes.c_int64]
        lib.qnn_calib_channel_means.argtypes = [ctypes.c_int64, ctypes.POINTER(ctypes.c_double), ctypes.c_int64]
        _RUNTIME = lib
    return _RUNTIME


_OBSERVE = re.compile(r'qnn\.observe %[\w.]+ \{id = (\d+) : i64, name = ("(?:[^"\\]|\\.)*")\} : '
                      r'tensor<([0-9x]*)f32>')


def instrument(text: str):
    """`text` with observers (qnn-insert-calibration), and the observers:
    [{"id", "name", "shape"}] in id order."""
    p = subprocess.run([compiler.find_tool("qnn-opt"), "--qnn-fold-batchnorm", "--qnn-insert-calibration", "-"],
                       input=text,
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise compiler.CompileError(f"qnn-insert-calibration failed:\n{p.stderr.strip()}")
    observers = []
    for m in _OBSERVE.finditer(p.stdout):
        dims = m.group(3)
        shape = [int(d) for d in dims.rstrip("x").split("x")] if dims else []
        observers.append({"id": int(m.group(1)), "name": json.loads(m.group(2)), "shape": shape})
    observers.sort(key=lambda o: o["id"])
    return p.stdout, observers


def _batches(data, inputs: List[dict]):
    """Batches of the model's size from `data`: {name: array [N, ...]}, one
    array (single-input models), an .npz path, or an iterable of such dicts
    (each one batch). Returns (iterator of {name: batch}, number of batches,
    samples used, samples given)."""
    size = inputs[0]["shape"][0] if inputs[0]["shape"] else 1
    names = [i["name"] for i in inputs]
    if isinstance(data, (str, Path)):
        with np.load(str(data)) as f:
            data = {k: f[k] for k in f.files}
    if isinstance(data, np.ndarray):
        if len(names) != 1:
            raise CalibrationError(f"the model has {len(names)} inputs ({', '.join(names)}); "
                                   "give the data as {name: array}")
        data = {names[0]: data}
    if isinstance(data, Mapping):
        missing = [n for n in names if n not in data]
        if missing:
            raise CalibrationError(f"calibration data has no array for input(s) {missing} "
                                   f"(it has {sorted(data)})")
        arrays = {n: np.asarray(data[n]) for n in names}
        counts = {n: a.shape[0] if a.ndim else 0 for n, a in arrays.items()}
        n = counts[names[0]]
        if any(c != n for c in counts.values()):
            raise CalibrationError(f"calibration inputs have different sample counts: {counts}")
        for spec in inputs:
            a = arrays[spec["name"]]
            if tuple(a.shape[1:]) != tuple(spec["shape"][1:]):
                raise CalibrationError(f"calibration input '{spec['name']}' has samples of shape "
                                       f"{tuple(a.shape[1:])}, the model takes {tuple(spec['shape'][1:])}")
        full = n // size
        if full == 0:
            raise CalibrationError(f"calibration data has {n} samples, fewer than the model's batch "
                                   f"of {size}")
        it = ({k: a[i * size:(i + 1) * size] for k, a in arrays.items()} for i in range(full))
        return it, full, full * size, n
    batches = list(data)
    return iter(batches), len(batches), len(batches) * size, len(batches) * size


def calibrate(model, data, output=None, averaging: float = 0.01, progress: bool = True,
              constants=None, input_shapes=None, batch: Optional[int] = None, workdir=None) -> dict:
    """Runs the calibration dataset `data` through `model` (an ONNX model or
    path) with observers and returns the statistics (the JSON document of
    docs/calibration.md); writes them to `output` when given. Data: see
    _batches. A batch of the model's size at a time; samples past the last
    full batch are left out (the result says how many were used)."""
    text, signature = import_onnx(model, constants=constants, input_shapes=input_shapes, batch=batch)
    instrumented, observers = instrument(text)
    rt = runtime()
    with tempfile.TemporaryDirectory(prefix="qnn-calib-", dir=workdir) as tmp:
        lib = compiler.compile_mlir(instrumented, Path(tmp) / "calibrate.so", signature, kernels="auto",
                                    requant_mode=signature.get("requant_mode", "fixed-point"),
                                    extra_args=["--calibration=1"])
        batches, total, used, given = _batches(data, signature["inputs"])
        rt.qnn_calib_reset()
        rt.qnn_calib_set_averaging(float(averaging))
        for o in observers:
            if o["shape"]:
                rt.qnn_calib_set_channels(o["id"], o["shape"][-1])
        for i, b in enumerate(batches):
            lib.run(b)
            if progress:
                done = (i + 1) * 30 // max(total, 1)
                print(f"\rcalibrating [{'#' * done}{'.' * (30 - done)}] {i + 1}/{total} batches",
                      end="" if i + 1 < total else "\n", file=sys.stderr, flush=True)
    stats = _collect(rt, observers)
    bad = [o for o in stats if o["nonfinite"]]
    if bad:
        o = bad[0]
        raise CalibrationError(f"calibration produced {o['nonfinite']} NaN or infinite values at "
                               f"'{o['name']}' (observer {o['id']})"
                               + (": the calibration data holds them" if o["id"] == observers[0]["id"] else "")
                               + "; ranges cannot be computed from them")
    doc = {
        "format": STATS_FORMAT,
        "version": STATS_VERSION,
        "model": {"function": signature["function"], "inputs": signature["inputs"],
                  "outputs": signature["outputs"]},
        "batches": total,
        "samples": used,
        "samples_given": given,
        "averaging": averaging,
        "bins": BINS,
        "observers": stats,
    }
    if output is not None:
        Path(output).write_text(json.dumps(doc) + "\n")
    return doc


def exposed(text: str, passes: str) -> str:
    """`text` after `passes` (qnn-opt) and --qnn-observers-to-results: every
    observed value becomes a function result ("observer <id>")."""
    p = subprocess.run([compiler.find_tool("qnn-opt"), passes, "--qnn-observers-to-results", "-"], input=text,
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise compiler.CompileError(f"{passes} failed:\n{p.stderr.strip()}")
    return p.stdout


SAMPLES_MAGIC = b"QNNSAMP1"
_LAYER_INPUT = re.compile(r"tosa\.(?:conv2d|depthwise_conv2d|transpose|reshape) (%[\w.]+)[ ,]")
_OBSERVE_SSA = re.compile(r"(%[\w.]+) = qnn\.observe %[\w.]+ \{id = (\d+) : i64")


def collect_samples(model, data, output, max_samples: int = 256, constants=None, input_shapes=None,
                    batch: Optional[int] = None, workdir=None) -> dict:
    """Activation samples for qnn-quantize's weight-rounding=gptq: the
    values of the observers that feed convolutions and fully connected
    layers (directly or through a reshape or transpose), on the first
    `max_samples` samples of `data` (whole batches; see _batches), from the
    float program. Writes the binary samples file `output`
    (docs/calibration.md) and returns {observer id: array}."""
    if int(max_samples) < 1:
        raise CalibrationError(f"max_samples must be at least 1, got {max_samples}")
    text, signature = import_onnx(model, constants=constants, input_shapes=input_shapes, batch=batch)
    instrumented, observers = instrument(text)
    used = set(_LAYER_INPUT.findall(instrumented))
    wanted = [int(m.group(2)) for m in _OBSERVE_SSA.finditer(instrumented) if m.group(1) in used]
    by_id = {o["id"]: o for o in observers}
    float_text = exposed(instrumented, "--canonicalize")
    sig = dict(signature, outputs=list(signature["outputs"]) + [
        {"name": f"observer {o['id']}", "shape": o["shape"], "dtype": "float32"} for o in observers])
    got = {i: [] for i in wanted}
    with tempfile.TemporaryDirectory(prefix="qnn-samples-", dir=workdir) as tmp:
        lib = compiler.compile_mlir(float_text, Path(tmp) / "samples.so", sig)
        batches, _, _, _ = _batches(data, signature["inputs"])
        n = 0
        for b in batches:
            if n >= max_samples:
                break
            out = lib.run(b)
            for i in wanted:
                got[i].append(np.asarray(out[f"observer {i}"], dtype=np.float32))
            n += len(next(iter(b.values())))
    arrays = {}
    with open(output, "wb") as f:
        f.write(SAMPLES_MAGIC)
        for i in wanted:
            a = np.concatenate(got[i])[:max_samples] if got[i] else None
            if a is None or a.ndim == 0:
                continue
            if not np.isfinite(a).all():
                raise CalibrationError(f"the samples of '{by_id[i]['name']}' (observer {i}) hold NaN or "
                                       "infinite values")
            name = by_id[i]["name"].encode()
            f.write(np.array([i, len(name)], dtype="<i8").tobytes())
            f.write(name)
            f.write(np.array([a.ndim] + list(a.shape), dtype="<i8").tobytes())
            f.write(np.ascontiguousarray(a, dtype="<f4").tobytes())
            arrays[i] = a
    return arrays


def _collect(rt, observers) -> List[dict]:
    out = []
    for o in observers:
        s = _Stats()
        if rt.qnn_calib_get(o["id"], ctypes.byref(s)) != 0:
            raise CalibrationError(f"observer {o['id']} ('{o['name']}') was never reached while calibrating")
        out.append({"id": o["id"], "name": o["name"], "shape": o["shape"], "batches": s.calls,
                    "count": s.count, "nonfinite": s.nonfinite, "min": s.min, "max": s.max,
                    "avg_min": s.avg_min, "avg_max": s.avg_max, "hist_lo": s.hist_lo,
                    "hist_width": s.hist_width, "hist": list(s.hist)})
        if o["shape"]:
            means = (ctypes.c_double * o["shape"][-1])()
            if rt.qnn_calib_channel_means(o["id"], means, o["shape"][-1]) == 0:
                out[-1]["channel_mean"] = list(means)
    return out


_OBSERVER_KEYS = {"id": int, "name": str, "shape": list, "count": int, "min": float, "max": float,
                  "avg_min": float, "avg_max": float, "hist_lo": float, "hist_width": float, "hist": list}


def load_stats(path, observers: Optional[List[dict]] = None) -> dict:
    """Reads and validates a statistics file; with `observers` (from
    instrument()), also checks that it was made for that model."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text())
    except FileNotFoundError:
        raise CalibrationError(f"{path}: no such statistics file") from None
    except (OSError, ValueError) as err:
        raise CalibrationError(f"{path}: not a JSON statistics file ({err})") from None
    if not isinstance(doc, dict) or doc.get("format") != STATS_FORMAT:
        raise CalibrationError(f"{path}: not a qnn calibration statistics file (no \"format\": "
                               f"\"{STATS_FORMAT}\")")
    if doc.get("version") != STATS_VERSION:
        raise CalibrationError(f"{path}: statistics format version {doc.get('version')!r}; this qnn reads "
                               f"version {STATS_VERSION}")
    obs = doc.get("observers")
    if not isinstance(obs, list):
        raise CalibrationError(f"{path}: \"observers\" must be a list")
    seen = set()
    for i, o in enumerate(obs):
        for key, kind in _OBSERVER_KEYS.items():
            v = o.get(key) if isinstance(o, dict) else None
            ok = isinstance(v, kind) or (kind is float and isinstance(v, int) and not isinstance(v, bool))
            if not ok:
                raise CalibrationError(f"{path}: observer #{i}: \"{key}\" is missing or not a {kind.__name__}")
        if len(o["hist"]) != doc.get("bins", BINS) or any(not isinstance(c, int) or c < 0 for c in o["hist"]):
            raise CalibrationError(f"{path}: observer {o['id']} ('{o['name']}'): the histogram must hold "
                                   f"{doc.get('bins', BINS)} counts >= 0")
        if o["count"] and not (o["min"] <= o["max"]):
            raise CalibrationError(f"{path}: observer {o['id']} ('{o['name']}'): min {o['min']} > max {o['max']}")
        means = o.get("channel_mean")
        if means is not None and (not isinstance(means, list) or not o["shape"] or len(means) != o["shape"][-1]
                                  or any(not isinstance(m, (int, float)) or isinstance(m, bool)
                                         or not np.isfinite(m) for m in means)):
            raise CalibrationError(f"{path}: observer {o['id']} ('{o['name']}'): \"channel_mean\" must hold one "
                                   "finite number per channel (the shape's last dimension)")
        if o["id"] in seen:
            raise CalibrationError(f"{path}: observer id {o['id']} appears twice")
        seen.add(o["id"])
    if observers is not None:
        by_id = {o["id"]: o for o in obs}
        for want in observers:
            got = by_id.get(want["id"])
            if got is None:
                raise CalibrationError(f"{path} has no statistics for observer {want['id']} ('{want['name']}'): "
                                       "it was made for another model")
            if got["name"] != want["name"] or list(got["shape"]) != list(want["shape"]):
                raise CalibrationError(f"{path} was made for another model: observer {want['id']} is "
                                       f"'{got['name']}' {got['shape']} there, '{want['name']}' {want['shape']} here")
    return doc

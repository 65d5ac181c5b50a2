"""The main job end to end (scripts/demo.sh, `python -m qnn demo`).

A float ONNX model and calibration data in; out come, in one directory:
- the fp32 model run by onnxruntime and compiled by qnn;
- onnxruntime's int8 model (quantize_static, QDQ, per channel);
- qnn's int8 model (calibrated, percentile ranges);
- qnn's mixed-precision model (batch norm folded, calibrated, each layer's
  weight width chosen under a byte budget from measured sensitivities,
  compiled);
- optionally a binary network (XOR + popcount kernels) against the same
  network in fp32;
- report.md with one table (top-1, weight bytes, library bytes, latency per
  image, speed-up), plots, and the mixed-precision report.

Defaults: the committed Fashion-MNIST resnet_tiny, its committed
calibration subset (500 training images), the 10,000 test images of
Debian's dataset-fashion-mnist, and binary_tiny. docs/getting-started.md
explains the table.
"""

import gzip
import json
import math
import struct
import sys
import time
from pathlib import Path
from typing import Optional

import numpy as np

from . import calibration, compiler, precision, quantization
from .onnx_import import import_onnx

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "fashion_mnist"
FASHION = Path("/usr/share/datasets/fashion-mnist")
DEFAULT_MODEL = EXAMPLES / "resnet_tiny.onnx"
DEFAULT_BINARY = EXAMPLES / "binary_tiny.onnx"
DEFAULT_CALIBRATION = EXAMPLES / "calibration.npz"
# Mixed precision: the quantizer options and candidates of
# docs/mixed-precision.md's evaluation (bench/mixed_precision.py).
MP_QUANT = {"method": "percentile", "weight_scale": "mse", "weight_range": "asymmetric", "bias_correction": True}
MP_CANDIDATES = "32,7,6,5,4,3,2,1,7t,6t,5t,4t,3t,2t,1t"


class DemoError(Exception):
    """Bad input to the demo (a missing file, data that does not fit the
    model); the message names it."""


def fashion_mnist_test() -> dict:
    """The 10,000 Fashion-MNIST test images as {"image": N x 1 x 28 x 28
    floats in [0, 1], "labels": N ints} (Debian's dataset-fashion-mnist)."""
    def idx(name):
        path = FASHION / name
        if not path.is_file():
            raise DemoError(f"{path}: not found (apt-get install dataset-fashion-mnist, or give --test)")
        with gzip.open(path, "rb") as f:
            magic, = struct.unpack(">I", f.read(4))
            dims = struct.unpack(">" + "I" * (magic & 0xff), f.read(4 * (magic & 0xff)))
            return np.frombuffer(f.read(), np.uint8).reshape(dims)
    x = idx("t10k-images-idx3-ubyte.gz").astype(np.float32)[:, None] / 255.0
    return {"image": x, "labels": idx("t10k-labels-idx1-ubyte.gz").astype(np.int64)}


def load_npz(path, what: str) -> dict:
    path = Path(path)
    if not path.is_file():
        raise DemoError(f"{what} {path}: no such file")
    try:
        with np.load(path) as f:
            return {k: f[k] for k in f.files}
    except Exception as err:  # noqa: BLE001 - numpy raises several kinds
        raise DemoError(f"{what} {path}: not a NumPy .npz file ({err})") from None


class Model:
    """A model's signature, batch and evaluation data, and how to run a
    library or an onnxruntime session over the data in batches."""

    def __init__(self, path: Path, data: dict, labels_key: str, limit: Optional[int]):
        self.path = path
        _, self.signature = import_onnx(path)
        ins = self.signature["inputs"]
        self.out = self.signature["outputs"][0]["name"]
        self.batch = ins[0]["shape"][0]
        for i in ins:
            if i["name"] not in data:
                raise DemoError(f"the test data has no array '{i['name']}' (the model's input); it has "
                                f"{', '.join(sorted(data)) or 'none'}")
            if tuple(data[i["name"]].shape[1:]) != tuple(i["shape"][1:]):
                raise DemoError(f"test input '{i['name']}' has samples of shape {list(data[i['name']].shape[1:])}, "
                                f"the model takes {i['shape'][1:]}")
        n = min(len(data[i["name"]]) for i in ins)
        if limit:
            n = min(n, limit)
        n -= n % self.batch
        if n == 0:
            raise DemoError(f"the test data holds fewer samples than one batch of {self.batch}")
        self.n = n
        self.batches = [{i["name"]: np.ascontiguousarray(data[i["name"]][s:s + self.batch], dtype=np.float32)
                         for i in ins} for s in range(0, n, self.batch)]
        self.labels = data[labels_key][:n] if labels_key in data else None

    def outputs_lib(self, lib) -> np.ndarray:
        return np.concatenate([lib.run(b)[self.out] for b in self.batches])

    def ort_session(self, path):
        import onnxruntime as ort
        so = ort.SessionOptions()
        so.intra_op_num_threads = 1
        so.inter_op_num_threads = 1
        so.log_severity_level = 3
        return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])

    def outputs_ort(self, sess) -> np.ndarray:
        return np.concatenate([sess.run([self.out], b)[0] for b in self.batches])

    def latency_ort(self, sess, repeats: int = 7) -> float:
        b = self.batches[0]
        sess.run([self.out], b)
        best = float("inf")
        for _ in range(repeats):
            t = time.perf_counter()
            sess.run([self.out], b)
            best = min(best, time.perf_counter() - t)
        return best * 1e6

    def score(self, out: np.ndarray, ref: Optional[np.ndarray]) -> dict:
        """top-1 against the labels (if any), agreement of top-1 with the
        fp32 outputs `ref`, and the output SQNR against them (dB)."""
        s = {}
        flat = out.reshape(len(out), -1)
        if self.labels is not None:
            s["top1"] = float((flat.argmax(1) == self.labels.reshape(-1)).mean())
        if ref is not None:
            r = ref.reshape(len(ref), -1)
            s["agree"] = float((flat.argmax(1) == r.argmax(1)).mean())
            noise = float(((r.astype(np.float64) - flat) ** 2).sum())
            s["sqnr_db"] = math.inf if noise == 0 else 10 * math.log10(float((r.astype(np.float64) ** 2).sum()) / noise)
        return s


def weight_bytes(model) -> dict:
    """Weight bytes of the weighted layers as qnn-assign-precision counts
    them: fp32 (4 per weight), qnn int8 (1 per weight and a 4-byte scale
    per channel) and onnxruntime's per-channel int8 (a 1-byte zero point per
    channel as well)."""
    layers = precision.layers(model, [32, 8])
    f32 = sum(next(c["bytes"] for c in lay["choices"] if c["bits"] == 32) for lay in layers)
    i8 = sum(next(c["bytes"] for c in lay["choices"] if c["bits"] == 8) for lay in layers)
    scales = sum((next(c["bytes"] for c in lay["choices"] if c["bits"] == 8) - lay["weights"]) // 4
                 for lay in layers)
    return {"fp32": f32, "int8": i8, "ort_int8": i8 + scales, "layers": len(layers)}


def binary_weight_bytes(path) -> dict:
    """The binary network's weight bytes: float layers 4 per weight; the
    binary ones (weights computed as Sign(W) * mean|W| from a trained W) one
    bit per weight and a 4-byte scale per output channel; and its fp32
    size."""
    import onnx
    from onnx import numpy_helper
    m = onnx.load(str(path))
    inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    producer = {o: n for n in m.graph.node for o in n.output}

    def source(name, depth=0):
        if name in inits:
            return inits[name]
        n = producer.get(name)
        if n is None or depth > 6:
            return None
        for i in n.input:
            a = source(i, depth + 1)
            if a is not None and a.ndim >= 2:
                return a
        return None
    binary = full = 0
    for n in m.graph.node:
        if n.op_type not in ("Conv", "Gemm", "MatMul"):
            continue
        w = source(n.input[1])
        if w is None:
            continue
        full += 4 * w.size
        binary += 4 * w.size if n.input[1] in inits else (w.size + 7) // 8 + 4 * w.shape[0]
    return {"fp32": full, "binary": binary}


class Progress:
    def __init__(self, steps: int, quiet: bool = False):
        self.steps, self.i, self.quiet, self.t0 = steps, 0, quiet, time.time()

    def step(self, what: str):
        self.i += 1
        self.t = time.time()
        if not self.quiet:
            print(f"[{self.i}/{self.steps}] {what} ...", file=sys.stderr, flush=True)

    def done(self, what: str = ""):
        if not self.quiet:
            print(f"      done in {time.time() - self.t:.1f} s{': ' + what if what else ''}", file=sys.stderr,
                  flush=True)


def ort_int8(src: Path, out: Path, calib: dict, batch: int, names):
    """onnxruntime's quantize_static: QDQ, per channel, u8 activations, s8
    weights, percentile calibration (as qnn's int8 row)."""
    from onnxruntime import quantization as q

    class Reader(q.CalibrationDataReader):
        def __init__(self):
            n = min(len(calib[k]) for k in names)
            self.it = iter([{k: np.ascontiguousarray(calib[k][s:s + batch], dtype=np.float32) for k in names}
                            for s in range(0, n - n % batch, batch)])

        def get_next(self):
            return next(self.it, None)
    import logging
    logging.getLogger().setLevel(logging.ERROR)  # onnxruntime's pre-processing advice
    q.quantize_static(str(src), str(out), Reader(), quant_format=q.QuantFormat.QDQ, per_channel=True,
                      activation_type=q.QuantType.QUInt8, weight_type=q.QuantType.QInt8,
                      calibrate_method=q.CalibrationMethod.Percentile)


def run(model=None, calibration_data=None, test=None, labels_key: str = "labels", out="build/demo",
        budget: float = 0.4, metric: str = "loss", refine: int = 5, candidates: str = MP_CANDIDATES,
        binary_model="default", limit: Optional[int] = None, quiet: bool = False) -> dict:
    """Runs the demo and writes `out`/report.md; returns the results."""
    model = Path(model) if model else DEFAULT_MODEL
    if not model.is_file():
        raise DemoError(f"model {model}: no such file")
    default_model = model == DEFAULT_MODEL
    calib = load_npz(calibration_data or DEFAULT_CALIBRATION, "calibration data")
    if test == "fashion-mnist":
        data = fashion_mnist_test()
    elif test is not None:
        data = load_npz(test, "test data")
    elif default_model:
        data = fashion_mnist_test()
    else:
        data = calib  # no test set: the fp32 model's answers are the reference
    if binary_model == "default":
        binary_model = DEFAULT_BINARY if default_model else None
    binary_model = Path(binary_model) if binary_model else None
    if binary_model is not None and not binary_model.is_file():
        raise DemoError(f"binary model {binary_model}: no such file")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    m = Model(model, data, labels_key, limit)
    names = [i["name"] for i in m.signature["inputs"]]
    for k in names:
        if k not in calib:
            raise DemoError(f"the calibration data has no array '{k}' (the model's input)")
    steps = 5 + (2 if binary_model else 0)
    p = Progress(steps, quiet)
    wb = weight_bytes(model)
    rows = []

    def row(name, kind, score, nbytes, lat_us, lib_path=None, note=""):
        r = dict(name=name, kind=kind, bytes=nbytes, latency_us=lat_us / m.batch, note=note, **score)
        r["library_bytes"] = Path(lib_path).stat().st_size if lib_path else None
        rows.append(r)
        return r

    p.step(f"fp32 with onnxruntime: {model.name} on {m.n} samples")
    sess = m.ort_session(model)
    ref = m.outputs_ort(sess)
    r = row("fp32", "onnxruntime", m.score(ref, None), wb["fp32"], m.latency_ort(sess))
    p.done(f"top-1 {100 * r['top1']:.2f}%" if "top1" in r else "")

    p.step("fp32 compiled by qnn (float TOSA through linalg; no tuned float kernels)")
    lib = compiler.compile(model, out / "fp32.so")
    r = row("fp32", "qnn", m.score(m.outputs_lib(lib), ref), wb["fp32"],
            precision.latency_us(lib, m.batches[0]), out / "fp32.so")
    p.done(f"output SQNR vs onnxruntime {r['sqnr_db']:.0f} dB")

    p.step("int8 with onnxruntime (quantize_static, QDQ, per channel, percentile)")
    ort_q = out / "ort_int8.onnx"
    ort_int8(model, ort_q, calib, m.batch, names)
    sess = m.ort_session(ort_q)
    r = row("int8", "onnxruntime", m.score(m.outputs_ort(sess), ref), wb["ort_int8"], m.latency_ort(sess))
    p.done(f"top-1 {100 * r['top1']:.2f}%" if "top1" in r else "")

    p.step("calibration with qnn's observers, then int8 (percentile ranges)")
    stats = out / "stats.json"
    calibration.calibrate(model, calib, stats, progress=not quiet)
    lib = quantization.quantize(model, None, out / "int8.so", stats=stats, method="percentile", progress=False)
    int8_lat = precision.latency_us(lib, m.batches[0])
    r = row("int8", "qnn", m.score(m.outputs_lib(lib), ref), wb["int8"], int8_lat, out / "int8.so")
    p.done(f"top-1 {100 * r['top1']:.2f}%" if "top1" in r else "")

    budget_bytes = int(budget * wb["int8"])
    p.step(f"mixed precision: {metric} sensitivities measured per layer and width ({candidates}), "
           f"budget {budget_bytes} weight bytes ({100 * budget:.0f}% of qnn's int8)")
    prec = {"budget-bytes": budget_bytes, "metric": metric, "candidates": candidates,
            "report": str(out / "precision")}
    if refine > 1:
        prec["refine"] = refine
    lib = quantization.quantize(model, calib, out / "mixed.so", stats=stats, progress=not quiet,
                                precision=prec, mlir_output=out / "mixed.mlir", **MP_QUANT)
    rep = json.loads((out / "precision" / "precision.json").read_text())
    chosen = rep.get("refined", rep)["chosen"]
    widths = chosen["bits"] if "refined" in rep else [lay["chosen"] for lay in rep["layers"]]
    precision.plot_report(out / "precision", model.stem)
    r = row("mixed", "qnn", m.score(m.outputs_lib(lib), ref), chosen["bytes"],
            precision.latency_us(lib, m.batches[0]), out / "mixed.so",
            note="widths " + ", ".join(map(str, widths)))
    p.done(f"top-1 {100 * r['top1']:.2f}%" if "top1" in r else "")

    binary = None
    if binary_model:
        mb = Model(binary_model, data, labels_key, limit)
        bb = binary_weight_bytes(binary_model)
        p.step(f"binary network {binary_model.name}: fp32 with onnxruntime")
        sess = mb.ort_session(binary_model)
        bref = mb.outputs_ort(sess)
        rb32 = dict(name="fp32", kind="onnxruntime", bytes=bb["fp32"],
                    latency_us=mb.latency_ort(sess) / mb.batch, **mb.score(bref, None))
        p.done(f"top-1 {100 * rb32['top1']:.2f}%" if "top1" in rb32 else "")
        p.step(f"binary network {binary_model.name}: compiled by qnn (XOR + popcount kernels)")
        lib = compiler.compile(binary_model, out / "binary.so")
        rb = dict(name="binary", kind="qnn", bytes=bb["binary"],
                  latency_us=precision.latency_us(lib, mb.batches[0]) / mb.batch,
                  library_bytes=(out / "binary.so").stat().st_size, **mb.score(mb.outputs_lib(lib), bref))
        p.done(f"top-1 {100 * rb['top1']:.2f}%" if "top1" in rb else "")
        binary = {"model": str(binary_model), "rows": [rb32, rb]}

    res = {"model": str(model), "samples": m.n, "batch": m.batch, "labels": m.labels is not None,
           "budget": budget, "budget_bytes": budget_bytes, "metric": metric, "candidates": candidates,
           "rows": rows, "binary": binary, "seconds": time.time() - p.t0}
    (out / "results.json").write_text(json.dumps(res, indent=1))
    write_report(res, out)
    if not quiet:
        print(f"report: {out / 'report.md'} (plots {out / 'accuracy_size.png'}, {out / 'latency.png'}; "
              f"per-layer precision {out / 'precision' / 'precision.md'})", file=sys.stderr)
    return res


def _table(rows, base_latency, labels):
    head = ("| model | run by | " + ("top-1 (%) | " if labels else "") +
            "top-1 agrees with fp32 (%) | output SQNR vs fp32 (dB) | weight bytes | library bytes "
            "| latency per sample (us) | speed-up vs fp32 onnxruntime |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        cells = [r["name"], r["kind"]]
        if labels:
            cells.append(f"{100 * r['top1']:.2f}")
        cells.append(f"{100 * r['agree']:.2f}" if "agree" in r else "(reference)")
        cells.append(("∞" if math.isinf(r["sqnr_db"]) else f"{r['sqnr_db']:.1f}") if "sqnr_db" in r else "—")
        cells.append(f"{r['bytes']:,}")
        cells.append(f"{r['library_bytes']:,}" if r.get("library_bytes") else "—")
        cells.append(f"{r['latency_us']:.1f}")
        cells.append(f"{base_latency / r['latency_us']:.2f}x")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def write_report(res: dict, out: Path):
    rows, labels = res["rows"], res["labels"]
    base = rows[0]["latency_us"]
    lines = ["# qnn demo report", "",
             f"Model `{res['model']}`, {res['samples']} samples in batches of {res['batch']}"
             + (" with labels" if labels else " (no labels: the fp32 model's answers are the reference)")
             + f"; {res['seconds']:.0f} s in all. Latency: the fastest of 7 runs of one batch on one thread, "
             "divided by the batch. Weight bytes: the weighted layers' weights as stored or packed, plus their "
             "scales (4 bytes) and zero points (1 byte) per channel (docs/mixed-precision.md). Library bytes: "
             "the shared library qnn wrote (narrow weights are stored one per byte today).", ""]
    lines += _table(rows, base, labels)
    mixed = next(r for r in rows if r["name"] == "mixed")
    int8 = next(r for r in rows if r["name"] == "int8" and r["kind"] == "qnn")
    lines += ["", f"Mixed precision: metric `{res['metric']}`, candidates {res['candidates']}, budget "
              f"{res['budget_bytes']:,} bytes ({100 * res['budget']:.0f}% of qnn's int8 weight bytes); chose "
              f"{mixed['bytes']:,} bytes = {100 * mixed['bytes'] / int8['bytes']:.1f}% of int8, {mixed['note']}. "
              "Per-layer table and Pareto plots: [precision/precision.md](precision/precision.md).", ""]
    if res["binary"]:
        b = res["binary"]["rows"]
        lines += [f"## Binary network `{res['binary']['model']}`", "",
                  "The same network in fp32 (onnxruntime) and compiled by qnn: binary convolutions on the XOR + "
                  "popcount kernels, the first convolution and the classifier in float.", ""]
        lines += _table(b, b[0]["latency_us"], labels)
        lines += ["", f"Against the int8 model above: the binary network takes {b[1]['latency_us']:.1f} us per "
                  f"sample, qnn's int8 `{Path(res['model']).stem}` {int8['latency_us']:.1f} us (different "
                  "networks).", ""]
    lines += ["![top-1 against weight bytes](accuracy_size.png)", "", "![latency](latency.png)", ""]
    (out / "report.md").write_text("\n".join(lines))
    plot(res, out)


def plot(res: dict, out: Path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rows = res["rows"] + (res["binary"]["rows"] if res["binary"] else [])
    key = "top1" if res["labels"] else "agree"
    colors = {"onnxruntime": "tab:orange", "qnn": "tab:blue"}
    fig, ax = plt.subplots(figsize=(6.5, 4))
    for i, r in enumerate(rows):
        if key not in r:
            continue
        label = f"{r['name']} ({r['kind']})" + (" binary net" if res["binary"] and i >= len(res["rows"]) else "")
        ax.scatter(r["bytes"], 100 * r[key], color=colors[r["kind"]], marker="o" if i < len(res["rows"]) else "s")
        ax.annotate(label, (r["bytes"], 100 * r[key]), fontsize=7, xytext=(4, 2), textcoords="offset points")
    ax.set_xscale("log")
    ax.set_xlabel("weight bytes (log)")
    ax.set_ylabel("top-1 (%)" if res["labels"] else "top-1 agreement with fp32 (%)")
    ax.set_title(f"{Path(res['model']).stem}: accuracy against size")
    fig.tight_layout()
    fig.savefig(out / "accuracy_size.png", dpi=120)
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(6.5, 0.45 * len(rows) + 1.2))
    labels = [f"{r['name']} ({r['kind']})" + (" binary net" if res["binary"] and i >= len(res["rows"]) else "")
              for i, r in enumerate(rows)]
    ax.barh(range(len(rows)), [r["latency_us"] for r in rows], color=[colors[r["kind"]] for r in rows])
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlabel("latency per sample (us, log; one thread)")
    fig.tight_layout()
    fig.savefig(out / "latency.png", dpi=120)
    plt.close(fig)

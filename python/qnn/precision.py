"""Mixed precision: each layer's weight width chosen under a budget
(docs/mixed-precision.md).

    prof = qnn.profile_precision("model.onnx", {"image": x_calib}, "profile.json")
    rep = qnn.assign_precision("model.onnx", "report/", {"budget-ratio": 0.4,
                               "metric": "sqnr", "profile": "profile.json"})
    lib = qnn.quantize("model.onnx", {"image": x_calib}, "model.so",
                       precision={"budget-ratio": 0.4, "metric": "sqnr", "profile": "profile.json"})

`profile_precision` measures, through compiled models on the calibration
data, what lowering one layer at a time costs: the output's noise-to-signal
ratio and KL divergence against the float model, and latency.
`assign_precision` runs the `qnn-assign-precision` pass (exact
multiple-choice knapsack) and draws its Pareto plots.
"""

import json
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Mapping, Optional, Sequence

import numpy as np

from . import calibration, compiler
from .onnx_import import import_onnx

PROFILE_FORMAT = "qnn-precision-profile"
PROFILE_VERSION = 1


def model_title(model, suffix: bool = False) -> str:
    """A name for `model` in report titles: its file's name (stem unless
    `suffix`) for a path, "model" for an in-memory ModelProto (whose str()
    is its serialized bytes)."""
    if isinstance(model, (str, Path)):
        return Path(model).name if suffix else Path(model).stem
    return "model"


def plot_text(text: str) -> str:
    """`text` for a matplotlib title: "$" escaped (it starts mathtext)."""
    return text.replace("$", r"\$")


def _pass_options(options: Mapping) -> str:
    parts = []
    for k, v in options.items():
        v = ",".join(str(x) for x in v) if isinstance(v, (list, tuple)) else v
        v = str(v).lower() if isinstance(v, bool) else str(v)
        if any(c in v for c in " '\"{}") or any(c in str(k) for c in " ='\"{}"):
            raise ValueError(f"precision option {k}={v!r} holds a space, quote or brace")
        parts.append(f"{k}={v}")
    return " ".join(parts)


def assign_text(text: str, options: Mapping) -> str:
    """The float module `text` (as import_onnx writes it) with observers and
    a `qnn.bits` width on each weighted layer, chosen by qnn-assign-precision
    with `options` ({"budget-ratio": 0.4, ...}: the pass's options)."""
    observed, _ = calibration.instrument(text)
    p = subprocess.run([compiler.find_tool("qnn-opt"), f"--qnn-assign-precision={_pass_options(options)}",
                        "-"], input=observed, capture_output=True, text=True)
    if p.returncode != 0:
        raise compiler.CompileError(f"qnn-assign-precision failed:\n{p.stderr.strip()}")
    return p.stdout


def layers(model, candidates: Sequence = (32, 8, 4, 2, 1), binary_first_last: bool = False,
           constants=None, weight_granularity: str = "per-channel") -> list:
    """The weighted layers of `model` as qnn-assign-precision sees them:
    [{"name", "kind", "shape", "weights", "macs", "choices": [{"bits",
    "bytes", ...}], "constraints"}], with the widths each may take (bits:
    an int, or "4t" for one scale per tensor)."""
    text, _ = import_onnx(model, constants=constants)
    with tempfile.TemporaryDirectory(prefix="qnn-layers-") as tmp:
        # Any budget that everything fits: only the report is wanted.
        assign_text(text, {"candidates": ",".join(str(c) for c in candidates), "budget-ratio": 1e9,
                           "binary-first-last": binary_first_last, "report": tmp,
                           "weight-granularity": weight_granularity})
        return json.loads((Path(tmp) / "precision.json").read_text())["layers"]


def _nsr_kl(ref: np.ndarray, out: np.ndarray):
    """sum (f - q)^2 / sum f^2, and the mean KL(softmax f || softmax q)
    over rows (the last axis as classes)."""
    f = ref.astype(np.float64).reshape(-1, ref.shape[-1])
    q = out.astype(np.float64).reshape(-1, ref.shape[-1])
    nsr = float(((f - q) ** 2).sum() / max((f * f).sum(), 1e-300))

    def log_softmax(x):
        x = x - x.max(axis=1, keepdims=True)
        return x - np.log(np.exp(x).sum(axis=1, keepdims=True))
    lf, lq = log_softmax(f), log_softmax(q)
    kl = float((np.exp(lf) * (lf - lq)).sum(axis=1).mean())
    return nsr, max(kl, 0.0)


class _OutputScorer:
    """The float model's outputs on the first `max_batches` batches of
    `data`, and how far a quantized module's outputs are from them (nsr,
    kl: _nsr_kl). Libraries are compiled into `tmp`."""

    def __init__(self, text: str, signature: dict, data, max_batches: int, tmp: Path):
        self.signature, self.tmp, self.n = signature, tmp, 0
        self.out = signature["outputs"][0]["name"]
        batches, _, _, _ = calibration._batches(data, signature["inputs"])
        self.batches = [b for _, b in zip(range(max_batches), batches)]
        if not self.batches:
            raise calibration.CalibrationError("no data to measure the model's outputs on")
        self.ref = self._outputs(compiler.compile_mlir(text, tmp / "float.so", signature))

    def _outputs(self, lib):
        return np.concatenate([lib.run(b)[self.out] for b in self.batches])

    def score(self, qtext: str):
        """(nsr, kl, the compiled library) of the quantized module `qtext`.
        `self.kernels` is then the library's kernel report (the ops that may
        take a kernel, as qnn-compile --kernel-report writes them)."""
        self.n += 1
        report = self.tmp / f"q{self.n}.kernels.json"
        lib = compiler.compile_mlir(qtext, self.tmp / f"q{self.n}.so", self.signature,
                                    extra_args=[f"--kernel-report={report}"])
        self.kernels = json.loads(report.read_text())["ops"]
        nsr, kl = _nsr_kl(self.ref, self._outputs(lib))
        return nsr, kl, lib


def _kernel_key(ops: list) -> str:
    """What decides the speed of a model with the kernel report `ops`: each
    op, its name and its kernel (the ops of float layers are absent)."""
    return json.dumps([[o["op"], o["name"], o["kernel"]] for o in ops], sort_keys=True)


def _layer_kernel(ops: list, name: str):
    """The kernel of the layer `name` in the kernel report `ops`: its
    `qnn.kernel` dictionary, "reference", or "float" when no qnn op has
    that name (the layer stayed float)."""
    return next((o["kernel"] for o in ops if o["name"] == name), "float")


def _pool_latencies(base: dict, points: dict) -> None:
    """Gives each of one layer's `points` {width: point} the latency of its
    kernel group instead of its own noisy measurement: the widths whose
    compiled models have the same kernels ("kernel_key") run the same code
    on the same shapes, so they differ only by timing noise, which the
    solver would otherwise exploit (it picks the luckiest). A group with the
    base's kernels takes the base latency; any other, the base latency plus
    the median of its widths' measured differences. Each point keeps its
    own measurement as "latency_measured_us"."""
    groups = {}
    for w, p in points.items():
        groups.setdefault(p.pop("kernel_key"), []).append(w)
    for key, widths in groups.items():
        diffs = [points[w]["latency_us"] - base["latency_us"] for w in widths]
        pooled = base["latency_us"] + (0.0 if key == base["kernel_key"] else float(np.median(diffs)))
        for w in widths:
            points[w]["latency_measured_us"] = points[w]["latency_us"]
            points[w]["latency_us"] = max(pooled, 1e-3)
            points[w]["latency_group"] = sorted(widths, key=str)


def latency_us(lib, batch, repeats: int = 7) -> float:
    """The fastest of `repeats` calls of `lib` on `batch`, in microseconds
    (after one warm-up call)."""
    lib.run(batch)  # warm up
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        lib.run(batch)
        best = min(best, time.perf_counter() - t)
    return best * 1e6


def paired_latency_us(lib, ref, batch, repeats: int = 7):
    """The fastest of `repeats` calls of `lib` and of `ref` on `batch`, in
    microseconds, their calls interleaved (after one warm-up call each), so
    that both see the same machine: a difference of the two is robust to
    the drift of a shared or throttled CPU, where two separate
    measurements seconds apart are not."""
    lib.run(batch)
    ref.run(batch)
    best, best_ref = float("inf"), float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        ref.run(batch)
        best_ref = min(best_ref, time.perf_counter() - t)
        t = time.perf_counter()
        lib.run(batch)
        best = min(best, time.perf_counter() - t)
    return best * 1e6, best_ref * 1e6


def profile_precision(model, data, output, candidates: Sequence = (32, 8, 4, 2, 1), stats=None,
                      method: str = "percentile", weight_scale: str = "max", max_batches: int = 2,
                      repeats: int = 7, binary_first_last: bool = False, progress: bool = True,
                      constants=None, pool_latency: bool = True, latency_rounds: int = 3,
                      **quant_options) -> dict:
    """Measures, for each weighted layer of the float ONNX `model` and each
    width it may take, the compiled model with only that layer at that width
    (every other at 8 bits) on `data` (as for qnn.calibrate; at most
    `max_batches` batches):
    - nsr: sum (f - q)^2 / sum f^2 over the outputs, f from the float model;
    - kl: the mean KL divergence of softmax(q) from softmax(f) (the output's
      last axis as classes);
    - latency_us: the all-8-bit latency (the fastest of `repeats` calls on
      the first batch) plus the difference between this model's fastest
      call and the all-8-bit model's, their calls interleaved
      (paired_latency_us), the median of `latency_rounds` such pairs;
      with `pool_latency` (default), pooled over the widths whose
      compiled models run the same kernels (_pool_latencies), each
      point's own figure kept as latency_measured_us;
    - kernel: the layer's kernel at that width (qnn-compile's kernel
      report: the qnn.kernel dictionary, "reference", or "float").
    The all-8-bit model is the "base". Statistics come from `stats`, else a
    calibration run on `data`. Writes `output` (JSON, format
    qnn-precision-profile, version 1) and returns it as a dict."""
    from .quantization import quantize_mlir
    output = Path(output)
    text, signature = import_onnx(model, constants=constants)
    table = layers(model, candidates, binary_first_last, constants,
                   quant_options.get("weight_granularity", "per-channel"))

    def say(msg):
        if progress:
            print(f"profile: {msg}", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="qnn-profile-") as tmp:
        tmp = Path(tmp)
        if stats is None:
            stats = tmp / "stats.json"
            calibration.calibrate(model, data, stats, progress=False, constants=constants)
        _gptq_samples(model, data, tmp, constants, quant_options)
        scorer = _OutputScorer(text, signature, data, max_batches, tmp)

        def build(layer_bits):
            # With locations: the kernel report names the layers.
            qtext = quantize_mlir(text, stats, method, weight_bits=8, layer_bits=layer_bits,
                                  weight_scale=weight_scale, locations=True, **quant_options)
            return scorer.score(qtext)

        nsr, kl, base_lib = build(None)
        base = {"nsr": nsr, "kl": kl, "latency_us": latency_us(base_lib, scorer.batches[0], repeats)}
        base_kernels = scorer.kernels
        base_key = _kernel_key(base_kernels)

        def measure(layer_bits, name):
            nsr, kl, lib = build(layer_bits)
            # A difference measured against the base in the same calls, so
            # that a slow moment when the base was timed does not shift
            # every layer's latency.
            diffs = []
            for _ in range(latency_rounds):
                t, t_base = paired_latency_us(lib, base_lib, scorer.batches[0], repeats)
                diffs.append(t - t_base)
            return {"nsr": nsr, "kl": kl, "latency_us": base["latency_us"] + float(np.median(diffs)),
                    "kernel": _layer_kernel(scorer.kernels, name), "kernel_key": _kernel_key(scorer.kernels)}
        say(f"all 8 bits: output SQNR {-10 * np.log10(max(base['nsr'], 1e-300)):.1f} dB, "
            f"{base['latency_us']:.0f} us per batch")
        prof = {}
        for layer in table:
            if layer["constraints"] and len(layer["choices"]) == 1:
                continue  # fixed width (qnn.bits, or not quantizable)
            name = layer["name"]
            prof[name] = {}
            for c in layer["choices"]:
                b = c["bits"]
                if b == 8:
                    prof[name]["8"] = dict(base, kernel=_layer_kernel(base_kernels, name), kernel_key=base_key)
                    continue
                point = measure({name: b}, name)
                prof[name][str(b)] = point
                say(f"{name} at {b}: output SQNR {-10 * np.log10(max(point['nsr'], 1e-300)):.1f} dB, "
                    f"KL {point['kl']:.2e}")
            if pool_latency:
                _pool_latencies(dict(base, kernel_key=base_key), prof[name])
            else:
                for point in prof[name].values():
                    point.pop("kernel_key")
    doc = {"format": PROFILE_FORMAT, "version": PROFILE_VERSION,
           "model": str(model) if isinstance(model, (str, Path)) else "(in memory)",
           "method": method, "weight_scale": weight_scale,
           "weight_granularity": quant_options.get("weight_granularity", "per-channel"),
           "batches": len(scorer.batches),
           "base": base, "layers": prof}
    output.write_text(json.dumps(doc, indent=1))
    return doc


def _gptq_samples(model, data, tmp: Path, constants, quant_options: dict):
    """weight_rounding="gptq" without `samples`: collects them from `data`
    into `tmp` (as qnn.quantize does) and sets quant_options["samples"].
    With gptq, the runs share the layers' Gram matrices through a cache
    in `tmp` unless quant_options names one ("gptq_cache")."""
    if quant_options.get("weight_rounding") == "gptq" and quant_options.get("gptq_cache") is None:
        quant_options["gptq_cache"] = tmp / "gram"
    if quant_options.get("weight_rounding") == "gptq" and quant_options.get("samples") is None:
        quant_options["samples"] = tmp / "samples.bin"
        calibration.collect_samples(model, data, quant_options["samples"],
                                    max_samples=quant_options.pop("gptq_samples", 256), constants=constants)
    quant_options.pop("gptq_samples", None)


def _uniform_assignments(rep: dict) -> list:
    """The uniform assignments of a precision report: for each width every
    layer may take, all layers at that width, with their bytes, latency
    and summed cost computed from the layers' choices as the pass counts
    them (the Pareto frontier's entries are the same sums)."""
    by_layer = [{json.dumps(c["bits"]): c for c in lay["choices"]} for lay in rep["layers"]]
    if not by_layer:
        return []
    out = []
    for key in by_layer[0]:
        if not all(key in choices for choices in by_layer):
            continue
        picks = [choices[key] for choices in by_layer]
        base = rep.get("base_latency_us")
        out.append({"bits": [c["bits"] for c in picks], "bytes": sum(c["bytes"] for c in picks),
                    "latency_us": (base or 0.0) + sum(c.get("latency_us", 0.0) for c in picks),
                    "cost": sum(c["cost"] for c in picks)})
    return out


def _latency_ratio_samples(lib, base, batch, rounds: int, repeats: int) -> list:
    """`rounds` ratios of lib's latency over base's, the two timed in
    interleaved calls each round (paired_latency_us)."""
    out = []
    for _ in range(rounds):
        t, t_base = paired_latency_us(lib, base, batch, repeats)
        out.append(t / t_base)
    return out


def refine(model, data, stats, report_dir, k: int = 5, max_batches: int = 8, method: str = "percentile",
           constants=None, uniform: bool = True, check_latency: Optional[bool] = None,
           latency_rounds: int = 5, latency_repeats: int = 7, latency_tolerance: float = 0.02,
           **quant_options) -> dict:
    """Measured refinement of an assignment (`report_dir`/precision.json
    from qnn-assign-precision): the k assignments of the Pareto frontier
    that fit the budgets with the best summed metric (the pass's choice
    first), and with `uniform` every uniform assignment (all layers at one
    width) that fits them, are compiled and run on `data` (at most
    `max_batches` batches); the one whose outputs have the least KL
    divergence from the float model's wins. This corrects the additive
    model where layers' errors interact, and never keeps a mixed
    assignment that measures worse than a uniform one of the same budget.

    With `check_latency` (default: when the report has a latency budget),
    each candidate's latency is measured too, as the median over
    `latency_rounds` of its latency over the all-8-bit model's in
    interleaved calls (fastest of `latency_repeats` each, on the first
    batch), and only candidates within the budget's ratio (budget over the
    profile's all-8-bit latency) may win. Before the final choice, the
    choice and every more accurate candidate are timed for
    `latency_rounds` more rounds, pooled with the first. If none of them is, up to k more
    frontier assignments that fit the budget are tried, the fastest
    predicted first. If still none is, the budget cannot be met on this
    machine (widths that run the same kernel take the same time, whatever
    the profile's noise predicted): among the candidates measured within
    `latency_tolerance` (relative) of the fastest one, the one with the
    least KL wins, and a warning says so (the report records
    "over_budget": true).

    Records the candidates (each with its "source": "pareto" or
    "uniform", and "latency_ratio" when measured) and the choice as
    "refined" in precision.json and returns {layer name: width}."""
    from .quantization import quantize_mlir
    report_dir = Path(report_dir)
    rep = json.loads((report_dir / "precision.json").read_text())
    names = [lay["name"] for lay in rep["layers"]]
    max_bytes = rep["budget_bytes"] if rep["budget_bytes"] is not None else float("inf")
    max_lat = rep["budget_latency_us"] if rep["budget_latency_us"] is not None else float("inf")
    if check_latency is None:
        check_latency = rep["budget_latency_us"] is not None
    max_ratio = float("inf")
    if check_latency:
        if not rep.get("base_latency_us"):
            raise ValueError("check_latency needs a report made with a profile that has latencies")
        if rep["budget_latency_us"] is not None:
            max_ratio = rep["budget_latency_us"] / rep["base_latency_us"]
    fits = [p for p in rep["pareto"] if p["bytes"] <= max_bytes and p["latency_us"] <= max_lat]
    fits.sort(key=lambda p: (p["cost"], p["bytes"]))
    candidates = [dict(p, source="pareto") for p in fits[:max(1, k)]]
    if uniform:
        seen = {json.dumps(p["bits"]) for p in candidates}
        candidates += [dict(p, source="uniform") for p in _uniform_assignments(rep)
                       if p["bytes"] <= max_bytes and p["latency_us"] <= max_lat
                       and json.dumps(p["bits"]) not in seen]
    # Reserves for a latency budget the candidates miss: the fastest
    # predicted of the rest of the frontier.
    seen = {json.dumps(p["bits"]) for p in candidates}
    reserve = sorted((p for p in fits if json.dumps(p["bits"]) not in seen),
                     key=lambda p: (p["latency_us"], p["cost"]))[:max(1, k)]
    text, signature = import_onnx(model, constants=constants)
    tried = []
    with tempfile.TemporaryDirectory(prefix="qnn-refine-") as tmp:
        _gptq_samples(model, data, Path(tmp), constants, quant_options)
        scorer = _OutputScorer(text, signature, data, max_batches, Path(tmp))
        base = None
        if check_latency:
            # The all-8-bit model, as the profile's base.
            base = compiler.compile_mlir(
                quantize_mlir(text, stats, method, **dict(quant_options, weight_bits=8)),
                Path(tmp) / "base.so", signature)

        libs = []

        def measure(p):
            bits = dict(zip(names, p["bits"]))
            nsr, kl, lib = scorer.score(quantize_mlir(text, stats, method, layer_bits=bits, **quant_options))
            t = {"bits": p["bits"], "bytes": p["bytes"], "cost": p["cost"], "source": p["source"],
                 "nsr": nsr, "kl": kl}
            if base is not None:
                t["predicted_latency_ratio"] = p["latency_us"] / rep["base_latency_us"]
                t["latency_samples"] = _latency_ratio_samples(lib, base, scorer.batches[0], latency_rounds,
                                                              latency_repeats)
                t["latency_ratio"] = float(np.median(t["latency_samples"]))
            tried.append(t)
            libs.append(lib)

        def choose():
            """(the choice, whether no candidate is within the budget)."""
            within = [t for t in tried if t.get("latency_ratio", 0.0) <= max_ratio]
            if within:
                return min(within, key=lambda t: (t["kl"], t["bytes"])), False
            # As fast as the fastest within the timing noise, then the most
            # accurate: the fastest alone is often a 2-bit assignment no
            # faster than 7 bits and far less accurate.
            fastest = min(t["latency_ratio"] for t in tried)
            return min((t for t in tried if t["latency_ratio"] <= fastest * (1 + latency_tolerance)),
                       key=lambda t: (t["kl"], t["bytes"])), True

        for p in candidates:
            measure(p)
        if not any(t.get("latency_ratio", 0.0) <= max_ratio for t in tried):
            for p in reserve:
                measure(dict(p, source="pareto (fastest)"))
        best, over_budget = choose()
        if base is not None and max_ratio != float("inf"):
            # A second look: the choice and every more accurate candidate
            # are timed again, their rounds pooled, so that a lucky first
            # measurement (widths that run the same kernel differ only by
            # noise) does not decide.
            for t, lib in zip(tried, libs):
                if t["kl"] <= best["kl"]:
                    t["latency_samples"] += _latency_ratio_samples(lib, base, scorer.batches[0], latency_rounds,
                                                                   latency_repeats)
                    t["latency_ratio"] = float(np.median(t["latency_samples"]))
            best, over_budget = choose()
    if over_budget:
        warnings.warn(f"refine: no assignment measured within the latency budget ({max_ratio:.3f} of all 8 "
                      f"bits); the fastest measured {min(t['latency_ratio'] for t in tried):.3f}, chosen: "
                      f"{best['latency_ratio']:.3f} ({report_dir}/precision.md)")
    rep["refined"] = {"tried": tried, "chosen": best}
    if check_latency:
        rep["refined"].update(budget_latency_ratio=max_ratio if max_ratio != float("inf") else None,
                              over_budget=over_budget)
    (report_dir / "precision.json").write_text(json.dumps(rep, indent=2) + "\n")
    with open(report_dir / "precision.md", "a") as md:
        md.write("\nMeasured refinement: the assignments within the budget with the best summed metric"
                 + (" and the uniform ones that fit it" if uniform else "")
                 + ", compiled and run on the calibration data (KL divergence from the float model)"
                 + (", with their latency over the all-8-bit model's, measured (median of "
                    f"{latency_rounds} rounds, {2 * latency_rounds} for the choice and the candidates more "
                    "accurate than it) and predicted" if check_latency else "") + ":\n\n")
        lat_head = " predicted latency | measured latency |" if check_latency else ""
        md.write("| widths | source | bytes | summed metric | measured KL | measured output SQNR (dB) |"
                 f"{lat_head}\n|---|---|---|---|---|---|{'---|---|' if check_latency else ''}\n")
        for t in tried:
            mark = " **chosen**" if t is best else ""
            lat = ""
            if check_latency:
                over = " (over)" if t["latency_ratio"] > max_ratio else ""
                lat = f" {t['predicted_latency_ratio']:.3f} | {t['latency_ratio']:.3f}{over} |"
            md.write(f"| {t['bits']}{mark} | {t['source']} | {t['bytes']} | {t['cost']:.4g} | {t['kl']:.4g} | "
                     f"{-10 * np.log10(max(t['nsr'], 1e-300)):.1f} |{lat}\n")
        if check_latency and max_ratio != float("inf"):
            md.write(f"\nLatency budget: {max_ratio:.3f} of all 8 bits"
                     + ("; **no assignment measured within it**: the chosen one is the most accurate within "
                        f"{100 * latency_tolerance:g}% of the fastest measured.\n" if over_budget else ".\n"))
    return dict(zip(names, best["bits"]))


def plot_report(report_dir, title: Optional[str] = None) -> list:
    """Draws the Pareto plots of a qnn-assign-precision report directory:
    pareto_size.png (the proxy against weight bytes) and, with measured
    latencies, pareto_latency.png. Returns the paths written."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    report_dir = Path(report_dir)
    rep = json.loads((report_dir / "precision.json").read_text())
    pts = [p for p in rep["pareto"] if p["proxy"] is not None]
    int8 = rep["int8_bytes"]
    written = []
    axes = [("bytes", "weight bytes (% of all 8 bits)", "pareto_size.png")]
    if rep.get("base_latency_us"):
        axes.append(("latency_us", "latency (% of all 8 bits)", "pareto_latency.png"))
    for key, label, fname in axes:
        ref = int8 if key == "bytes" else rep["base_latency_us"]
        fig, ax = plt.subplots(figsize=(6, 4))
        # The curve: the best proxy at each cost or less.
        pts_sorted = sorted(pts, key=lambda p: p[key])
        xs, ys, best = [], [], None
        loss = rep["metric"] == "loss"
        for p in pts_sorted:
            if best is None or (p["proxy"] < best if loss else p["proxy"] > best):
                best = p["proxy"]
                xs.append(100 * p[key] / ref)
                ys.append(best)
        ax.scatter([100 * p[key] / ref for p in pts], [p["proxy"] for p in pts], s=6, color="0.7",
                   label="non-dominated assignments")
        ax.step(xs, ys, where="post", color="tab:blue", label="best at this cost")
        uniform = [p for p in pts if len(set(p["bits"])) == 1]
        for p in uniform:
            ax.scatter([100 * p[key] / ref], [p["proxy"]], marker="s", color="tab:orange")
            ax.annotate(f"all {p['bits'][0]}", (100 * p[key] / ref, p["proxy"]), fontsize=7)
        ch = rep["chosen"]
        if ch["proxy"] is not None:
            ax.scatter([100 * ch[key] / ref], [ch["proxy"]], marker="*", s=120, color="tab:red",
                       label="chosen", zorder=5)
        if loss and all(p["proxy"] > 0 for p in pts):
            ax.set_yscale("log")  # KL spans decades
        ax.set_xlabel(label)
        ax.set_ylabel(rep["proxy_name"])
        ax.set_title(plot_text(f"{title or 'model'}: metric {rep['metric']}"))
        ax.legend(fontsize=7)
        fig.savefig(report_dir / fname, dpi=120, bbox_inches="tight")
        plt.close(fig)
        written.append(report_dir / fname)
    return written


def assign_precision(model, report_dir, options: Mapping, title: Optional[str] = None,
                     constants=None) -> dict:
    """Runs qnn-assign-precision on the float ONNX `model` with `options`
    (the pass's, e.g. {"budget-ratio": 0.4, "metric": "sqnr", "profile":
    "profile.json"}), writing its report and Pareto plots into
    `report_dir`. Returns the report (precision.json) with "bits": {layer
    name: width}, which qnn.quantize(layer_bits=...) takes."""
    text, _ = import_onnx(model, constants=constants)
    assign_text(text, dict(options, report=str(report_dir)))
    rep = json.loads((Path(report_dir) / "precision.json").read_text())
    plot_report(report_dir, title or model_title(model))
    rep["bits"] = {layer["name"]: layer["chosen"] for layer in rep["layers"]}
    return rep

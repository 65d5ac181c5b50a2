"""Post-training quantization: a float ONNX model and calibration data in,
an int8 library out (docs/quantization.md).

    lib = qnn.quantize("model.onnx", {"image": x_calib}, "model_int8.so", method="entropy")

Steps: import; calibrate (qnn.calibrate: observers, the calibration
runtime, a statistics file); `qnn-opt --qnn-ptq-pipeline` (batch-norm
folding, the same observers, qnn-quantize with the chosen range method);
compile with the optimized kernels.
"""

import re
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

from . import calibration, compiler
from .onnx_import import import_onnx
from .precision import model_title, plot_text

METHODS = ("minmax", "moving-average", "percentile", "entropy", "mse")


def width_token(width) -> str:
    """A layer's weight width as layer-bits and qnn-assign-precision spell
    it: bits (1 to 8, 32 for float) as an int or a string, "4t" (a string)
    for 4 bits with one scale for the whole tensor, or a codebook of the
    8-bit weights: "kmeans1" to "kmeans7" or "ternary" (docs/codebooks.md),
    also with a "t"."""
    s = str(width).strip()
    if isinstance(width, bool) or not re.fullmatch(r"(32|[1-8]t?|kmeans[1-7]t?|ternaryt?)", s):
        raise ValueError(f"weight width {width!r} must be 1 to 8 or 32 bits, 1t to 8t (one scale per tensor), "
                         "or a codebook: kmeans1 to kmeans7 or ternary")
    return s


def parse_widths(text) -> list:
    """Widths from "32,8,4t,2,kmeans4" (or a list): ints for plain bits,
    strings for the others."""
    items = text.split(",") if isinstance(text, str) else list(text)
    out = []
    for item in items:
        tok = width_token(item)
        out.append(int(tok) if tok.isdigit() else tok)
    return out


def quantize_mlir(text: str, stats, method: str = "minmax", percentile: float = 99.99,
                  activation_type: str = "u8", weight_granularity: str = "per-channel",
                  weight_range: str = "symmetric", stochastic_rounding_seed: Optional[int] = None,
                  mode: str = "static", weight_bits: int = 8, layer_bits: Optional[dict] = None,
                  weight_scale: str = "max", bias_correction: bool = False,
                  codebook=None, weight_rounding: str = "nearest", samples=None,
                  gptq_damp: float = 0.01, gptq_act_order: bool = True, gptq_table_update: bool = True,
                  gptq_cache=None, locations: bool = False) -> str:
    """The float module `text` quantized with the statistics file `stats`
    (qnn-opt --qnn-ptq-pipeline); mode="dynamic" and mode="weight-only"
    need no statistics. `locations` keeps the ops' locations in the text
    (the layers' names, which qnn-compile's kernel report and diagnostics
    then show).
    `codebook`, qnn-cluster-weights options (codebook_options), then turns
    the quantized weights into codebooks. weight_rounding="gptq" rounds
    with error feedback from the activation `samples` file
    (collect_samples; rule N26); `gptq_cache`, a directory, keeps the
    layers' Gram matrices for later calls on the same samples."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    if mode not in ("static", "dynamic", "weight-only"):
        raise ValueError(f"mode must be 'static', 'dynamic' or 'weight-only', got {mode!r}")
    opts = (f"mode={mode} " + (f"stats={stats} " if stats else "") +
            f"method={method} percentile={percentile} activation-type={activation_type} "
            f"weight-granularity={weight_granularity} weight-range={weight_range} "
            f"stochastic-rounding-seed={-1 if stochastic_rounding_seed is None else int(stochastic_rounding_seed)} "
            f"weight-bits={int(weight_bits)} weight-scale={weight_scale} "
            f"bias-correction={'true' if bias_correction else 'false'}")
    if layer_bits:
        for name in layer_bits:
            if any(c in str(name) for c in ",= '\"{}"):
                raise ValueError(f"layer name {name!r} cannot be given in layer_bits (it holds one of , = ' \" {{ }})")
        opts += " layer-bits=" + ",".join(f"{k}={width_token(v)}" for k, v in layer_bits.items())
    if weight_rounding not in ("nearest", "gptq"):
        raise ValueError(f"weight_rounding must be 'nearest' or 'gptq', got {weight_rounding!r}")
    if weight_rounding == "gptq":
        if samples is None:
            raise ValueError("weight_rounding='gptq' needs an activation samples file (qnn.collect_samples)")
        if any(c in str(samples) for c in " ={}'\""):
            raise ValueError(f"samples path {str(samples)!r} cannot be given to qnn-opt (it holds a space, = or a quote)")
        opts += (f" weight-rounding=gptq samples={samples} gptq-damp={float(gptq_damp)} "
                 f"gptq-act-order={'true' if gptq_act_order else 'false'} "
                 f"gptq-table-update={'true' if gptq_table_update else 'false'}")
        if gptq_cache is not None:
            if any(c in str(gptq_cache) for c in " ={}'\""):
                raise ValueError(f"gptq_cache path {str(gptq_cache)!r} cannot be given to qnn-opt "
                                 "(it holds a space, = or a quote)")
            opts += f" gptq-cache={gptq_cache}"
    if codebook is not None:
        # Clustered inside qnn-quantize, before bias correction.
        opts += " codebook=" + codebook_options(codebook, sep=",")
    p = subprocess.run([compiler.find_tool("qnn-opt"), f"--qnn-ptq-pipeline={opts}", "-"]
                       + (["--mlir-print-debuginfo"] if locations else []), input=text,
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise compiler.CompileError(f"quantization failed:\n{p.stderr.strip()}")
    return p.stdout


CODEBOOK_KEYS = ("mode", "bits", "granularity", "init", "seed", "max_iterations", "threshold", "asymmetric",
                 "keep_larger")


def codebook_options(codebook, sep: str = " ") -> str:
    """qnn-cluster-weights' option string for `codebook` (with sep=",":
    qnn-quantize's codebook option): "ternary", "kmeans4" (k-means with
    4-bit indices; 1 to 8), or a dict of the pass's options ({"bits": 3,
    "granularity": "per-layer", "init": "kmeans++"}, {"mode": "ternary",
    "asymmetric": True}, ...; docs/codebooks.md)."""
    if isinstance(codebook, str):
        if codebook == "ternary":
            codebook = {"mode": "ternary"}
        elif codebook.startswith("kmeans") and codebook[6:].isdigit():
            codebook = {"mode": "kmeans", "bits": int(codebook[6:])}
        else:
            raise ValueError(f"codebook must be 'ternary', 'kmeansB' (B = 1 to 8) or a dict of "
                             f"qnn-cluster-weights options, got {codebook!r}")
    if not isinstance(codebook, dict):
        raise ValueError(f"codebook must be a str or a dict, got {type(codebook).__name__}")
    unknown = sorted(set(codebook) - set(CODEBOOK_KEYS))
    if unknown:
        raise ValueError(f"unknown codebook option(s) {', '.join(unknown)}; known: {', '.join(CODEBOOK_KEYS)}")
    parts = []
    for key, value in codebook.items():
        if isinstance(value, bool):
            value = "true" if value else "false"
        if any(c in str(value) for c in " =,{}'\""):
            raise ValueError(f"codebook option {key} has a value qnn-opt cannot take: {value!r}")
        parts.append(f"{key.replace('_', '-')}={value}")
    return sep.join(parts)


def quantize(model, calibration_data, output, method: str = "minmax", percentile: float = 99.99,
             activation_type: str = "u8", weight_granularity: str = "per-channel",
             weight_range: str = "symmetric", stochastic_rounding_seed: Optional[int] = None,
             stats=None, kernels: str = "auto", threads: int = 1, requant_mode: str = "fixed-point",
             mlir_output=None, progress: bool = True, constants=None, input_shapes=None,
             batch: Optional[int] = None, mode: str = "static", weight_bits: int = 8,
             layer_bits: Optional[dict] = None, weight_scale: str = "max", bias_correction: bool = False,
             precision=None, codebook=None, weight_rounding: str = "nearest", samples=None,
             gptq_samples: int = 256, gptq_damp: float = 0.01, gptq_act_order: bool = True,
             gptq_table_update: bool = True, gptq_cache=None):
    """Quantizes the float ONNX `model` with `calibration_data` (see
    qnn.calibrate) and compiles it into the shared library `output`.
    Returns the loaded Library. The statistics are written to
    `output`.stats.json, or read from `stats` when given (no calibration
    run then). `mlir_output`, when given, receives the quantized MLIR.
    mode="dynamic" quantizes only the fully connected layers, with
    activation ranges computed at run time: no calibration data needed.
    mode="weight-only" also touches only the fully connected layers: their
    activations stay f32 and only the weights are quantized (with
    `codebook`, as codebooks), for layers whose time goes into reading
    weights (docs/codebooks.md).
    `weight_bits` (1 for binary, 2 to 8, or 32 for float) sets every
    layer's weight width and `layer_bits` {layer output name: bits} single
    layers' (bits as for weight_bits, or "4t" for 4 bits with one scale for
    the whole tensor). `weight_scale` "mse" clips each channel's weights where the
    rounding error is least; `bias_correction` removes the mean output
    shift weight rounding causes (from the calibrated channel means). `precision`, a dict of qnn-assign-precision
    options (qnn.assign_precision), chooses the widths per layer under a
    budget (docs/mixed-precision.md); its extra key "refine": k compiles
    the k best assignments within the budget and keeps the one closest to
    the float model on the calibration data. `codebook` ("kmeans4",
    "ternary" or a dict of qnn-cluster-weights options; docs/codebooks.md)
    stores every quantized layer's weights as indices into a codebook.
    weight_rounding="gptq" rounds each layer's weights with error feedback
    (GPTQ, rule N26) instead of to nearest: it needs activation samples of
    the layers' inputs, read from `samples` (qnn.collect_samples) or
    collected from the first `gptq_samples` samples of `calibration_data`
    (into a temporary file); `gptq_damp`, `gptq_act_order` and
    `gptq_table_update` are qnn-quantize's gptq-damp, gptq-act-order and
    gptq-table-update; `gptq_cache`, a directory, keeps the layers' Gram
    matrices for later calls with the same samples (gptq-cache)."""
    args = dict(locals())
    # Side files this call creates (statistics, profile) go again if it fails:
    # a failed quantize leaves nothing behind.
    side = [Path(str(output) + s) for s in (".stats.json", ".profile.json")]
    existed = {p for p in side if p.exists()}
    try:
        return _quantize(**args)
    except BaseException:
        for p in side:
            if p not in existed and p.exists():
                p.unlink()
        raise


def _quantize(model, calibration_data, output, method, percentile, activation_type, weight_granularity,
              weight_range, stochastic_rounding_seed, stats, kernels, threads, requant_mode, mlir_output, mode,
              weight_bits, layer_bits, progress, constants, input_shapes, batch, weight_scale, bias_correction,
              precision, codebook, weight_rounding, samples, gptq_samples, gptq_damp, gptq_act_order,
              gptq_table_update, gptq_cache):
    args = dict(locals())
    if weight_rounding not in ("nearest", "gptq"):
        raise ValueError(f"weight_rounding must be 'nearest' or 'gptq', got {weight_rounding!r}")
    if weight_rounding == "gptq" and samples is None:
        if calibration_data is None:
            raise ValueError("weight_rounding='gptq' needs activation samples: give calibration_data or samples")
        with tempfile.TemporaryDirectory(prefix="qnn-gptq-") as tmp:
            args["samples"] = Path(tmp) / "samples.bin"
            calibration.collect_samples(model, calibration_data, args["samples"], max_samples=gptq_samples,
                                        constants=constants, input_shapes=input_shapes, batch=batch)
            return _quantize(**args)
    rounding = dict(weight_rounding=weight_rounding, samples=samples, gptq_damp=gptq_damp,
                    gptq_act_order=gptq_act_order,
                    gptq_table_update=gptq_table_update,
                    gptq_cache=gptq_cache) if weight_rounding == "gptq" else {}
    output = Path(output)
    if codebook is not None:
        codebook_options(codebook)   # a bad option fails before calibration runs
    text, signature = import_onnx(model, constants=constants, input_shapes=input_shapes, batch=batch)
    if mode in ("dynamic", "weight-only"):
        stats = ""
    elif stats is None:
        stats = Path(str(output) + ".stats.json")
        calibration.calibrate(model, calibration_data, stats, progress=progress, constants=constants,
                              input_shapes=input_shapes, batch=batch)
    if precision is not None:
        from . import precision as mp
        precision = dict(precision)
        if precision.get("metric", "analytic") != "analytic" and "profile" not in precision:
            if calibration_data is None:
                raise ValueError(f"precision metric {precision['metric']!r} is measured on calibration data: "
                                 "give calibration_data or a \"profile\"")
            precision["profile"] = str(output) + ".profile.json"
            mp.profile_precision(model, calibration_data, precision["profile"], stats=stats, method=method,
                                 weight_scale=weight_scale, weight_range=weight_range,
                                 bias_correction=bias_correction, progress=progress, constants=constants,
                                 weight_granularity=weight_granularity,
                                 candidates=parse_widths(str(precision.get("candidates", "32,8,4,2,1"))),
                                 binary_first_last=bool(precision.get("binary-first-last", False)),
                                 **rounding)
        for key, value in (("weight-scale", weight_scale), ("weight-range", weight_range),
                           ("weight-granularity", weight_granularity)):
            precision.setdefault(key, value)
        k = int(precision.pop("refine", 0))
        if k > 1:
            # The pass's report, then measured refinement among its best k.
            if calibration_data is None:
                raise ValueError("precision refine measures on calibration data: give calibration_data")
            report = precision.get("report") or str(output) + ".precision"
            precision["report"] = report
            mp.assign_text(text, precision)
            layer_bits = dict(mp.refine(model, calibration_data, stats, report, k, method=method,
                                        constants=constants, weight_scale=weight_scale,
                                        weight_range=weight_range, bias_correction=bias_correction,
                                        activation_type=activation_type, percentile=percentile,
                                        weight_granularity=weight_granularity, **rounding),
                              **(layer_bits or {}))
        else:
            text = mp.assign_text(text, precision)
        if precision.get("report"):
            mp.plot_report(precision["report"], mp.model_title(model))
    qtext = quantize_mlir(text, stats, method, percentile, activation_type, weight_granularity, weight_range,
                          stochastic_rounding_seed, mode, weight_bits, layer_bits, weight_scale,
                          bias_correction, codebook, **rounding)
    if mlir_output is not None:
        Path(mlir_output).write_text(qtext)
    signature = dict(signature, quantization={"mode": mode, "method": method, "stats": str(stats),
                                              "activation_type": activation_type,
                                              "weight_granularity": weight_granularity})
    return compiler.compile_mlir(qtext, output, signature, kernels, threads, requant_mode)


def layer_report(model, data, stats, output_dir, method: str = "minmax", title: Optional[str] = None,
                 max_batches: int = 4, **quant_options) -> list:
    """The SQNR of every layer's output, the compiled integer program against
    the float one, on `data` (as for qnn.calibrate; at most `max_batches`
    batches): SQNR = 10 log10(sum f^2 / sum (f - q)^2) over the layer's
    values, f from the float program and q the dequantized integer one.
    Writes `output_dir`/layers.md (a table) and layers.png (a bar chart)
    and returns [{"id", "name", "sqnr_db"}] in id order. Layers the
    integer program fuses away (a conv's output before its ReLU) are left
    out."""
    import numpy as np
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    text, signature = import_onnx(model)
    observed, observers = calibration.instrument(text)
    float_text = calibration.exposed(observed, "--canonicalize")
    opts = (f"stats={stats} method={method} keep-observers=true " +
            " ".join(f"{k.replace('_', '-')}={v}" for k, v in quant_options.items()))
    quant_text = calibration.exposed(text, f"--qnn-ptq-pipeline={opts}")
    by_id = {o["id"]: o for o in observers}
    inputs = {i["name"] for i in signature["inputs"]}
    # The model's inputs are observed as they are in both programs: no error.
    in_quant = sorted(int(m.group(1)) for m in calibration._OBSERVE.finditer(quant_text))
    kept = [i for i in in_quant if by_id[i]["name"] not in inputs]

    def sig(ids):
        outs = list(signature["outputs"]) + [{"name": f"observer {i}", "shape": by_id[i]["shape"],
                                              "dtype": "float32"} for i in ids]
        return dict(signature, outputs=outs)
    with tempfile.TemporaryDirectory(prefix="qnn-report-") as tmp:
        flib = compiler.compile_mlir(float_text, Path(tmp) / "f.so", sig([o["id"] for o in observers]))
        qlib = compiler.compile_mlir(quant_text, Path(tmp) / "q.so", sig(in_quant))
        batches, total, _, _ = calibration._batches(data, signature["inputs"])
        sig_sum = {i: 0.0 for i in kept}
        err_sum = {i: 0.0 for i in kept}
        for n, b in enumerate(batches):
            if n >= max_batches:
                break
            fo, qo = flib.run(b), qlib.run(b)
            for i in kept:
                f = fo[f"observer {i}"].astype(np.float64)
                q = qo[f"observer {i}"].astype(np.float64)
                sig_sum[i] += float((f * f).sum())
                err_sum[i] += float(((f - q) ** 2).sum())
    rows = []
    for i in sorted(kept):
        s, e = sig_sum[i], err_sum[i]
        db = float("inf") if e == 0 else (10 * np.log10(s / e) if s > 0 else float("-inf"))
        rows.append({"id": i, "name": by_id[i]["name"], "sqnr_db": db})
    lines = [f"# Per-layer SQNR: {title or model_title(model, suffix=True)}", "",
             f"Range method `{method}`; SQNR of each layer's output, the compiled int8 program against the "
             "float one, in dB (higher is better).", "",
             "| id | layer | SQNR (dB) |", "|---|---|---|"]
    lines += [f"| {r['id']} | `{r['name']}` | {r['sqnr_db']:.1f} |" for r in rows]
    (output_dir / "layers.md").write_text("\n".join(lines) + "\n")
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(max(6, 0.45 * len(rows)), 4))
    finite = [r["sqnr_db"] if np.isfinite(r["sqnr_db"]) else 0 for r in rows]
    ax.bar(range(len(rows)), finite, color="tab:blue")
    ax.set_xticks(range(len(rows)))
    ax.set_xticklabels([r["name"].split("/")[-1][:18] + f" ({r['id']})" for r in rows], rotation=70,
                       ha="right", fontsize=7)
    ax.set_ylabel("SQNR (dB)")
    ax.set_title(plot_text(f"{title or model_title(model, suffix=True)}: per-layer SQNR, int8 ({method}) vs fp32"))
    fig.tight_layout()
    fig.savefig(output_dir / "layers.png", dpi=120)
    plt.close(fig)
    return rows

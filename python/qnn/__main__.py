"""python -m qnn: compile ONNX models to native libraries, run and inspect them."""

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from . import calibration, compiler, quantization, runtime
from .onnx_import import SUPPORTED_OPS, ImportError_

EPILOG = """examples:
  python -m qnn compile model.onnx -o model.so
  python -m qnn compile model.onnx -o model.so --threads 2 --emit-mlir model.mlir
  python -m qnn compile model.onnx -o model.so --batch 32
  python -m qnn compile model.onnx -o model.so --input-shape image=1,1,28,28
  python -m qnn run model.so --inputs in.npz --outputs out.npz
  python -m qnn calibrate model.onnx --data calib.npz -o stats.json
  python -m qnn quantize model.onnx --calibration calib.npz --method entropy -o model_int8.so
  python -m qnn quantize model.onnx --calibration calib.npz --budget-ratio 0.4 --metric loss \\
      --weight-scale mse --weight-range asymmetric --bias-correction --precision-report report -o model_mp.so
  python -m qnn profile model.onnx --data calib.npz -o profile.json
  python -m qnn inspect model.onnx
  python -m qnn demo
  python -m qnn demo --model model.onnx --calibration calib.npz --test test.npz -o report_dir
  python -m qnn inspect model.so
"""


def cmd_compile(args) -> int:
    src = Path(args.model)
    if not src.is_file():
        print(f"error: {src}: no such file", file=sys.stderr)
        return 1
    try:
        if src.suffix == ".mlir":
            compiler.compile_mlir(src.read_text(), args.output, None, args.kernels, args.threads,
                                  args.requant_mode or "fixed-point")
        else:
            shapes = {}
            for spec in args.input_shape or []:
                name, _, dims = spec.rpartition("=")
                try:
                    shapes[name] = [int(d) for d in dims.split(",")]
                except ValueError:
                    name = ""
                if not name:
                    print(f"error: --input-shape {spec}: expected NAME=D0,D1,... (integers)", file=sys.stderr)
                    return 1
            compiler.compile(src, args.output, args.kernels, args.threads, args.requant_mode,
                             mlir_output=args.emit_mlir, input_shapes=shapes or None, batch=args.batch,
                             fuse_qdq=not args.no_fuse_qdq)
    except (ImportError_, compiler.CompileError, ValueError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}")
    return 0


def cmd_run(args) -> int:
    try:
        lib = runtime.load(args.library)
    except (runtime.RunError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    try:
        with np.load(args.inputs) as data:
            inputs = {k: data[k] for k in data.files}
    except (OSError, ValueError) as err:
        print(f"error: cannot read {args.inputs}: {err}", file=sys.stderr)
        return 1
    try:
        outputs = lib.run(inputs)
    except runtime.RunError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if args.outputs:
        try:
            np.savez(args.outputs, **outputs)
        except OSError as err:
            print(f"error: cannot write {args.outputs}: {err}", file=sys.stderr)
            return 1
        print(f"wrote {args.outputs}: " + ", ".join(f"{k} {v.dtype}{list(v.shape)}" for k, v in outputs.items()))
    else:
        for k, v in outputs.items():
            print(f"{k}: {v.dtype}{list(v.shape)}\n{v}")
    return 0


def cmd_calibrate(args) -> int:
    src = Path(args.model)
    if not src.is_file():
        print(f"error: {src}: no such file", file=sys.stderr)
        return 1
    try:
        doc = calibration.calibrate(src, args.data, args.output, averaging=args.averaging,
                                    progress=not args.quiet, batch=args.batch)
    except (ImportError_, compiler.CompileError, calibration.CalibrationError, OSError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}: {len(doc['observers'])} observers, {doc['samples']} samples "
          f"in {doc['batches']} batches")
    return 0


def cmd_quantize(args) -> int:
    src = Path(args.model)
    if not src.is_file():
        print(f"error: {src}: no such file", file=sys.stderr)
        return 1
    if not args.calibration and not args.stats and args.mode == "static":
        print("error: give --calibration DATA.npz (or --stats STATS.json from an earlier calibration)",
              file=sys.stderr)
        return 1
    try:
        quantization.quantize(src, args.calibration, args.output, method=args.method, percentile=args.percentile,
                              activation_type=args.activation_type,
                              weight_granularity=args.weight_granularity, weight_range=args.weight_range,
                              stochastic_rounding_seed=args.stochastic_rounding_seed, stats=args.stats,
                              kernels=args.kernels, threads=args.threads, mlir_output=args.emit_mlir,
                              progress=not args.quiet, batch=args.batch, mode=args.mode,
                              weight_bits=args.weight_bits, weight_scale=args.weight_scale,
                              bias_correction=args.bias_correction, precision=_precision_options(args),
                              codebook=args.codebook, weight_rounding=args.weight_rounding,
                              samples=args.samples, gptq_samples=args.gptq_samples)
        if args.report:
            if not args.calibration:
                raise ValueError("--report needs --calibration data to compare the programs on")
            stats = args.stats or str(args.output) + ".stats.json"
            rows = quantization.layer_report(src, args.calibration, stats, args.report, method=args.method)
            worst = min(rows, key=lambda r: r["sqnr_db"]) if rows else None
            print(f"wrote {args.report}/layers.md and layers.png"
                  + (f" (lowest SQNR {worst['sqnr_db']:.1f} dB at '{worst['name']}')" if worst else ""))
    except (ImportError_, compiler.CompileError, calibration.CalibrationError, OSError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}")
    return 0


def _precision_options(args):
    """qnn-assign-precision options from the quantize command's flags, or
    None when no budget is given."""
    budgets = {"budget-ratio": args.budget_ratio, "budget-bytes": args.budget_bytes,
               "latency-budget-ratio": args.latency_budget_ratio}
    if all(v is None for v in budgets.values()):
        for flag in ("metric", "profile", "candidates", "precision_report", "refine"):
            if getattr(args, flag) is not None:
                raise ValueError(f"--{flag.replace('_', '-')} needs a budget (--budget-ratio, --budget-bytes "
                                 "or --latency-budget-ratio)")
        return None
    opts = {k: v for k, v in budgets.items() if v is not None}
    opts["metric"] = args.metric or "analytic"
    if args.profile:
        opts["profile"] = args.profile
    if args.candidates:
        opts["candidates"] = args.candidates
    if args.precision_report:
        opts["report"] = args.precision_report
    if args.refine:
        opts["refine"] = args.refine
    return opts


def cmd_demo(args) -> int:
    from . import demo
    binary = "default" if args.binary_model is None else (None if args.binary_model == "none" else args.binary_model)
    try:
        demo.run(args.model, args.calibration, args.test, args.labels_key, args.output, args.budget_ratio,
                 args.metric, args.refine, args.candidates or demo.MP_CANDIDATES, binary, args.limit, args.quiet)
    except (demo.DemoError, ImportError_, compiler.CompileError, calibration.CalibrationError, OSError,
            ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


def cmd_profile(args) -> int:
    from . import precision
    src = Path(args.model)
    if not src.is_file():
        print(f"error: {src}: no such file", file=sys.stderr)
        return 1
    try:
        doc = precision.profile_precision(src, args.data, args.output,
                                          candidates=quantization.parse_widths(args.candidates),
                                          stats=args.stats, method=args.method, weight_scale=args.weight_scale,
                                          weight_range=args.weight_range, bias_correction=args.bias_correction,
                                          progress=not args.quiet, pool_latency=not args.no_pool_latency)
    except (ImportError_, compiler.CompileError, calibration.CalibrationError, OSError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}: {len(doc['layers'])} layers")
    return 0


def cmd_inspect(args) -> int:
    path = Path(args.target)
    if path.suffix == ".onnx":
        import onnx
        try:
            model = onnx.load(str(path))
        except Exception as err:  # noqa: BLE001
            print(f"error: cannot read {path}: {err}", file=sys.stderr)
            return 1
        opset = max((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), default=0)
        print(f"{path}: ONNX IR {model.ir_version}, opset {opset}, producer {model.producer_name or '?'}")
        inits = {t.name for t in model.graph.initializer}
        for kind, vals in (("input", [i for i in model.graph.input if i.name not in inits]),
                           ("output", model.graph.output)):
            for v in vals:
                dims = [d.dim_value if d.HasField("dim_value") else (d.dim_param or "?")
                        for d in v.type.tensor_type.shape.dim]
                dtype = onnx.TensorProto.DataType.Name(v.type.tensor_type.elem_type)
                print(f"  {kind} {v.name}: {dtype}{dims}")
        counts = Counter(n.op_type for n in model.graph.node)
        print("  ops: " + ", ".join(f"{op} x{n}" for op, n in sorted(counts.items())))
        unsupported = sorted(op for op in counts if op not in SUPPORTED_OPS)
        print("  unsupported: " + (", ".join(unsupported) if unsupported else "none"))
        return 0 if not unsupported else 2
    sig_path = Path(str(path) + ".json")
    if not sig_path.is_file():
        print(f"error: {path}: expected a .onnx model or a library with its signature file "
              f"({sig_path.name})", file=sys.stderr)
        return 1
    sig = json.loads(sig_path.read_text())
    print(f"{path}: function {sig['function']}")
    for kind in ("inputs", "outputs"):
        for v in sig[kind]:
            print(f"  {kind[:-1]} {v['name']}: {v['dtype']}{v['shape']}")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m qnn", description="qnn: compile ONNX models into native libraries, run and inspect them.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    c = sub.add_parser("compile", help="compile MODEL.onnx (or qnn/TOSA .mlir) into a shared library",
                       description="Import an ONNX model (or read MLIR) and compile it with qnn-compile. "
                                   "The library gets a signature file OUT.so.json used by `run`.")
    c.add_argument("model", metavar="MODEL", help="MODEL.onnx, or a .mlir file in qnn/TOSA form")
    c.add_argument("-o", "--output", required=True, metavar="OUT.so", help="the shared library to write")
    c.add_argument("--kernels", choices=["auto", "reference"], default="auto",
                   help="optimized kernels where they apply (default) or the reference lowering")
    c.add_argument("--threads", type=int, default=1, metavar="N",
                   help="threads for the optimized kernels (default 1; N > 1 links libomp)")
    c.add_argument("--requant-mode", choices=["fixed-point", "float"], default=None,
                   help="requantization arithmetic (docs/numerics.md rule N6; default: float for QLinear* "
                        "and QDQ models, which round as onnxruntime does, else fixed-point)")
    c.add_argument("--batch", type=int, metavar="N",
                   help="compile a dynamic leading (batch) dimension as N (default 1); a library whose "
                        "batch is free still runs any batch size, in chunks of N")
    c.add_argument("--input-shape", action="append", metavar="NAME=D0,D1,...",
                   help="static shape for a dynamic graph input (repeatable)")
    c.add_argument("--no-fuse-qdq", action="store_true",
                   help="keep QDQ groups as float ops between dequantize and quantize instead of "
                        "fusing them into integer qnn ops")
    c.add_argument("--emit-mlir", metavar="FILE", help="also write the imported MLIR to FILE")
    c.set_defaults(func=cmd_compile)
    r = sub.add_parser("run", help="run a compiled library on arrays from an .npz file",
                       description="Run OUT.so on the arrays of IN.npz (keyed by the model's input names); "
                                   "write the outputs (keyed by output names) to OUT.npz or print them.")
    r.add_argument("library", metavar="OUT.so")
    r.add_argument("--inputs", required=True, metavar="IN.npz")
    r.add_argument("--outputs", metavar="OUT.npz", help="where to write the outputs (default: print them)")
    r.set_defaults(func=cmd_run)
    k = sub.add_parser("calibrate", help="run calibration data through MODEL.onnx and write statistics",
                       description="Insert observers on every activation of MODEL.onnx, compile it with the "
                                   "calibration runtime, run DATA.npz (arrays keyed by input name, samples on "
                                   "the first axis) through it a batch at a time, and write the statistics "
                                   "(min/max, moving averages, 2048-bin histograms) as JSON "
                                   "(docs/calibration.md).")
    k.add_argument("model", metavar="MODEL.onnx")
    k.add_argument("--data", required=True, metavar="DATA.npz", help="calibration inputs, keyed by input name")
    k.add_argument("-o", "--output", required=True, metavar="STATS.json")
    k.add_argument("--batch", type=int, metavar="N", help="batch for a model whose batch is dynamic (default 1)")
    k.add_argument("--averaging", type=float, default=0.01, metavar="C",
                   help="moving-average constant for the averaged min/max (default 0.01)")
    k.add_argument("--quiet", action="store_true", help="no progress bar")
    k.set_defaults(func=cmd_calibrate)
    q = sub.add_parser("quantize", help="post-training quantization of MODEL.onnx into an int8 library",
                       description="Calibrate MODEL.onnx on DATA.npz (or read --stats), quantize it "
                                   "(batch-norm folding, the range method, per-channel weights) and compile "
                                   "it (docs/quantization.md). The statistics go to OUT.so.stats.json.")
    q.add_argument("model", metavar="MODEL.onnx")
    q.add_argument("--calibration", metavar="DATA.npz", help="calibration inputs, keyed by input name")
    q.add_argument("--stats", metavar="STATS.json", help="use these statistics instead of calibrating")
    q.add_argument("-o", "--output", required=True, metavar="OUT.so")
    q.add_argument("--mode", choices=["static", "dynamic", "weight-only"], default="static",
                   help="static (default: calibrated ranges), dynamic (fully connected layers only, "
                        "activation ranges at run time; no calibration) or weight-only (fully connected "
                        "layers only, f32 activations; no calibration)")
    q.add_argument("--method", choices=list(quantization.METHODS), default="minmax",
                   help="activation range method (default minmax)")
    q.add_argument("--percentile", type=float, default=99.99, metavar="P",
                   help="percent of values the percentile method keeps (default 99.99)")
    q.add_argument("--activation-type", choices=["u8", "i8"], default="u8")
    q.add_argument("--weight-granularity", choices=["per-channel", "per-tensor"], default="per-channel")
    q.add_argument("--weight-range", choices=["symmetric", "asymmetric"], default="symmetric")
    q.add_argument("--stochastic-rounding-seed", type=int, metavar="SEED",
                   help="round weights stochastically with this seed")
    q.add_argument("--weight-bits", type=int, default=8, metavar="B",
                   help="every layer's weight width: 1 (binary), 2 to 8, 32 (float); default 8")
    q.add_argument("--weight-scale", choices=["max", "mse"], default="max",
                   help="weight clipping per channel (default max)")
    q.add_argument("--bias-correction", action="store_true",
                   help="correct biases for the mean shift of weight rounding")
    q.add_argument("--codebook", metavar="KIND",
                   help="store weights as codebook indices: kmeans2 .. kmeans8 (k-means, 2^B entries per "
                        "output channel) or ternary (docs/codebooks.md)")
    q.add_argument("--weight-rounding", choices=["nearest", "gptq"], default="nearest",
                   help="gptq: round weights with error feedback from activation samples (rule N26); "
                        "default nearest")
    q.add_argument("--samples", metavar="FILE",
                   help="--weight-rounding gptq: an activation samples file (else collected from --calibration)")
    q.add_argument("--gptq-samples", type=int, default=256, metavar="N",
                   help="--weight-rounding gptq: calibration samples to collect (default 256)")
    mp = q.add_argument_group("mixed precision (docs/mixed-precision.md): a budget turns it on")
    mp.add_argument("--budget-ratio", type=float, metavar="R", help="weight bytes <= R x the all-8-bit model's")
    mp.add_argument("--budget-bytes", type=int, metavar="N", help="weight bytes <= N")
    mp.add_argument("--latency-budget-ratio", type=float, metavar="R",
                    help="latency <= R x the all-8-bit model's (measured: needs a profile)")
    mp.add_argument("--metric", choices=["analytic", "sqnr", "loss"],
                    help="accuracy proxy (default analytic; sqnr and loss profile the model on the calibration "
                         "data first, unless --profile is given)")
    mp.add_argument("--profile", metavar="PROFILE.json", help="a profile from `python -m qnn profile`")
    mp.add_argument("--candidates", metavar="B,B,...",
                    help="widths to choose from (default 32,8,4,2,1; 4t: 4 bits, one scale per tensor; "
                         "kmeans4, kmeans3, ternary: codebooks of the 8-bit weights)")
    mp.add_argument("--refine", type=int, metavar="K",
                    help="compile the K best assignments within the budget and keep the one closest to the "
                         "float model on the calibration data")
    mp.add_argument("--precision-report", metavar="DIR",
                    help="write precision.md, precision.json and the Pareto plots to DIR")
    q.add_argument("--kernels", choices=["auto", "reference"], default="auto")
    q.add_argument("--threads", type=int, default=1, metavar="N")
    q.add_argument("--batch", type=int, metavar="N", help="batch for a model whose batch is dynamic")
    q.add_argument("--emit-mlir", metavar="FILE", help="also write the quantized MLIR to FILE")
    q.add_argument("--report", metavar="DIR", help="write the per-layer SQNR report (layers.md, layers.png) "
                                                  "to DIR, measured on the calibration data")
    q.add_argument("--quiet", action="store_true", help="no progress bar")
    q.set_defaults(func=cmd_quantize)
    f = sub.add_parser("profile", help="measure each layer's sensitivity and latency at each weight width",
                       description="For each weighted layer of MODEL.onnx and each candidate width, compile "
                                   "the model with only that layer at that width and measure its output "
                                   "against the float model on DATA.npz (noise-to-signal ratio, KL divergence) "
                                   "and its latency; write the profile for --metric sqnr/loss "
                                   "(docs/mixed-precision.md).")
    f.add_argument("model", metavar="MODEL.onnx")
    f.add_argument("--data", required=True, metavar="DATA.npz", help="calibration inputs, keyed by input name")
    f.add_argument("-o", "--output", required=True, metavar="PROFILE.json")
    f.add_argument("--stats", metavar="STATS.json", help="use these statistics instead of calibrating")
    f.add_argument("--candidates", default="32,8,4,2,1", metavar="B,B,...")
    f.add_argument("--method", choices=list(quantization.METHODS), default="percentile")
    f.add_argument("--weight-scale", choices=["max", "mse"], default="max")
    f.add_argument("--weight-range", choices=["symmetric", "asymmetric"], default="symmetric")
    f.add_argument("--bias-correction", action="store_true")
    f.add_argument("--no-pool-latency", action="store_true",
                   help="keep each width's own latency instead of pooling the widths that run the same kernels")
    f.add_argument("--quiet", action="store_true", help="no progress lines")
    f.set_defaults(func=cmd_profile)
    i = sub.add_parser("inspect", help="list a model's or library's inputs, outputs and ops",
                       description="For MODEL.onnx: opset, inputs, outputs, op counts and the ops qnn "
                                   "cannot import (exit code 2 if any). For OUT.so: its signature.")
    i.add_argument("target", metavar="MODEL.onnx|OUT.so")
    i.set_defaults(func=cmd_inspect)
    d = sub.add_parser("demo", help="the main job end to end, with a report (scripts/demo.sh)",
                       description="Quantize MODEL.onnx with qnn (int8, and mixed precision under a byte "
                                   "budget), compile it, and compare it with fp32 and onnxruntime's int8 on the "
                                   "test data: top-1, weight bytes, latency, speed-up. Writes OUT/report.md "
                                   "with plots (docs/getting-started.md). Without arguments: the committed "
                                   "Fashion-MNIST resnet_tiny and binary_tiny.")
    d.add_argument("--model", metavar="MODEL.onnx", help="a float ONNX model (default: resnet_tiny)")
    d.add_argument("--calibration", metavar="CALIB.npz",
                   help="calibration inputs keyed by input name (default: the committed 500 Fashion-MNIST "
                        "training images)")
    d.add_argument("--test", metavar="TEST.npz",
                   help="test inputs keyed by input name, and labels under --labels-key, or "
                        "'fashion-mnist' for its 10,000 test images (default: the "
                        "Fashion-MNIST test set for the default model, else the calibration data, "
                        "compared with fp32)")
    d.add_argument("--labels-key", default="labels", metavar="KEY")
    d.add_argument("--binary-model", metavar="MODEL.onnx",
                   help="a binary network to compile and compare too (default: binary_tiny with the "
                        "default model; 'none' to skip)")
    d.add_argument("--budget-ratio", type=float, default=0.4, metavar="R",
                   help="mixed-precision weight bytes <= R x qnn's int8 model's (default 0.4)")
    d.add_argument("--metric", choices=["analytic", "sqnr", "loss"], default="loss")
    d.add_argument("--candidates", default=None, metavar="B,B,...",
                   help="widths to choose from (default 32,7..1 and 7t..1t)")
    d.add_argument("--refine", type=int, default=5, metavar="K")
    d.add_argument("--limit", type=int, metavar="N", help="evaluate on the first N test samples only")
    d.add_argument("-o", "--output", default="build/demo", metavar="DIR")
    d.add_argument("--quiet", action="store_true")
    d.set_defaults(func=cmd_demo)
    args = ap.parse_args(argv)
    if not getattr(args, "func", None):
        ap.print_help()
        return 1
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

"""Paired comparisons of top-1 on the 10,000 Fashion-MNIST test images:
McNemar's exact test on the images where exactly one of two models is
right says whether a difference in top-1 is more than the test set's
sampling noise.

    .venv/bin/python bench/significance.py mixed [--all]
    .venv/bin/python bench/significance.py codebook

`mixed` (issue 7): qnn's mixed-precision points against the uniform and
best random assignments of the same budget, from the points
bench/mixed_precision.py stored in docs/images/mixed_precision.json. Each
assignment is quantized again with the bench's options; the bench is
deterministic, so its top-1 is checked against the stored value. Without
--all, only the budgets where qnn (loss + refine) is below one of them.

`codebook` (issue 10): 4-bit codebooks against int8 with
bench/codebook.py's options, on its three models.
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "python"))
sys.path.insert(0, str(ROOT / "examples" / "fashion_mnist"))
sys.path.insert(0, str(ROOT / "bench"))

import qnn  # noqa: E402
import train  # noqa: E402
import mixed_precision as mp  # noqa: E402
from mixed_precision import correct, mcnemar_p  # noqa: E402


def codebook(args):
    import codebook as cb
    pairs = [("codebook-4 gptq", "int8"), ("codebook-4 gptq bc", "int8 bc"), ("codebook-4 gptq bc", "int8 gptq bc"),
             ("codebook-4 gptq", "int8 gptq")]
    xtr, _ = train.load("train")
    x, y = train.load("test")
    calib = xtr[:args.calibration]
    print("| model | codebook | int8 | codebook top-1 | int8 top-1 | images only the codebook gets right "
          "| images only int8 gets right | McNemar exact p |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="qnn-cbs-") as tmp:
        tmp = Path(tmp)
        for name in cb.MODELS:
            model = ROOT / "examples" / "fashion_mnist" / f"{name}.onnx"
            stats = tmp / f"{name}.stats.json"
            qnn.calibrate(model, {"image": calib}, stats, progress=False)
            samples = tmp / f"{name}.samples.bin"
            qnn.collect_samples(model, {"image": calib}, samples, max_samples=cb.GPTQ_SAMPLES)
            ok = {}
            for cfg in sorted({c for pair in pairs for c in pair}):
                kw = dict(cb.CONFIGS[cfg])
                if "weight_rounding" in kw:
                    kw["samples"] = samples
                lib = qnn.quantize(model, None, tmp / f"{name}_{cfg.replace(' ', '_')}.so", method="percentile",
                                   stats=stats, progress=False, **kw)
                ok[cfg] = correct(lib, x, y)
            for a, b in pairs:
                better, worse = int((ok[a] & ~ok[b]).sum()), int((~ok[a] & ok[b]).sum())
                print(f"| {name} | {a} | {b} | {100 * ok[a].mean():.2f} | {100 * ok[b].mean():.2f} | {better} "
                      f"| {worse} | {mcnemar_p(better, worse):.2f} |", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["mixed", "codebook"])
    ap.add_argument("--all", action="store_true", help="mixed: every budget, not only those where qnn is below")
    ap.add_argument("--calibration", type=int, default=500)
    args = ap.parse_args()
    if args.what == "codebook":
        return codebook(args)
    results = json.loads((ROOT / "docs" / "images" / "mixed_precision.json").read_text())
    xtr, _ = train.load("train")
    x, y = train.load("test")
    calib = xtr[:args.calibration]
    rows = []
    with tempfile.TemporaryDirectory(prefix="qnn-mps-") as tmp:
        tmp = Path(tmp)
        for name, res in results.items():
            model = ROOT / "examples" / "fashion_mnist" / f"{name}.onnx"
            names = [lay["name"] for lay in res["layers"]]
            stats = tmp / f"{name}.stats.json"
            qnn.calibrate(model, {"image": calib}, stats, progress=False)
            samples = tmp / f"{name}.samples.bin"
            qnn.collect_samples(model, {"image": calib}, samples, max_samples=mp.GPTQ_SAMPLES)
            n = {"i": 0}

            def predict(p):
                n["i"] += 1
                kw = dict(layer_bits=dict(zip(names, p["bits"]))) if isinstance(p["bits"], list) else \
                    dict(weight_bits=p["bits"])
                lib = qnn.quantize(model, None, tmp / f"{name}_{n['i']}.so", stats=stats, progress=False,
                                   samples=samples, gptq_cache=tmp / "gram", **kw, **mp.QUANT)
                ok = correct(lib, x, y)
                if abs(float(ok.mean()) - p["top1"]) > 1e-9:
                    sys.exit(f"{name} {p['bits']}: top-1 {ok.mean()} here, {p['top1']} in the bench's results")
                return ok
            pts = res["points"]
            for b in sorted({p["budget"] for p in pts if p["kind"] == "qnn"}):
                q = next(p for p in pts if p["kind"] == "qnn" and p["metric"] == "loss+refine" and p["budget"] == b)
                others = [("uniform", p) for p in pts if p["kind"] == "uniform" and abs(p["budget"] - b) < 1e-3]
                rnd = [p for p in pts if p["kind"] == "random" and p["budget"] == b]
                if rnd:
                    others.append(("best random", max(rnd, key=lambda p: p["top1"])))
                others = [(k, p) for k, p in others if args.all or p["top1"] > q["top1"]]
                if not others:
                    continue
                qok = predict(q)
                for kind, p in others:
                    ok = predict(p)
                    better, worse = int((qok & ~ok).sum()), int((~qok & ok).sum())
                    rows.append((name, b, kind, p["bits"], 100 * q["top1"], 100 * p["top1"], better, worse,
                                 mcnemar_p(better, worse)))
                    print(rows[-1], file=sys.stderr)
    print("| model | budget (% of 8-bit bytes) | compared with | its widths | qnn (loss + refine) | it "
          "| images only qnn gets right | images only it gets right | McNemar exact p |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, b, kind, bits, tq, tp, better, worse, pv in rows:
        print(f"| {name} | {100 * b:.1f} | {kind} | {bits} | {tq:.2f} | {tp:.2f} | {better} | {worse} | {pv:.2f} |")


if __name__ == "__main__":
    main()

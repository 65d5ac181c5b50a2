"""The VNNI fully_connected kernel (qnn-compile --kernels=auto) against the
reference lowering (--kernels=reference) and the NumPy reference, bit for
bit, on randomized configurations: ragged M, N and K (not multiples of 4 or
16), u8 and s8 activations, per-tensor and per-channel weights, narrow and
full weight ranges, with and without bias, every fused activation, i8, u8
and i16 results, and both requantization modes.

`python test/Integration/test_vnni_sweep.py N SEED` runs a longer sweep.
"""

import os
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import harness as H  # noqa: E402
import reference as R  # noqa: E402
from reference import QType  # noqa: E402

FUNCS_PER_MODULE = 60


def has_vnni() -> bool:
    try:
        return "avx512_vnni" in Path("/proc/cpuinfo").read_text()
    except OSError:
        return False


def random_config(rng, idx):
    m = int(rng.integers(1, 12))
    k = int(rng.choice([1, 2, 3, 4, 5, 7, 8, 13, 16, 31, 64, 67, 100]))
    n = int(rng.choice([1, 3, 15, 16, 17, 31, 32, 33, 48, 64, 65, 70, 100]))
    xq = (QType("u8", float(rng.uniform(0.005, 0.05)), int(rng.integers(0, 256)))
          if rng.random() < 0.5 else
          QType("i8", float(rng.uniform(0.005, 0.05)), int(rng.integers(-128, 128))))
    narrow = rng.random() < 0.5
    lo, hi = (-127, 127) if narrow else (-128, 127)
    if rng.random() < 0.5:
        wq = QType("i8", float(rng.uniform(0.002, 0.02)), 0, qmin=lo if narrow else None,
                   qmax=hi if narrow else None)
    else:
        wq = QType("i8", [float(s) for s in rng.uniform(0.002, 0.02, n)], 0, axis=0,
                   qmin=lo if narrow else None, qmax=hi if narrow else None)
    storage = str(rng.choice(["i8", "u8", "i16"]))
    # Output scales around the accumulator's spread so some outputs saturate.
    ys = float(xq.scales[0] * 0.01 * np.sqrt(k) * rng.uniform(0.5, 40))
    if storage == "i8":
        yq = QType("i8", ys, int(rng.integers(-20, 20)))
    elif storage == "u8":
        yq = QType("u8", ys, int(rng.integers(0, 60)))
    else:
        yq = QType("i16", ys / 100, int(rng.integers(-300, 300)))
    act = str(rng.choice(["none", "relu", "relu6"]))
    w = rng.integers(lo, hi + 1, (n, k))
    bias = rng.integers(-5000, 5000, n) if rng.random() < 0.7 else None
    return dict(name=f"fc{idx}", m=m, k=k, n=n, xq=xq, wq=wq, yq=yq, act=act, w=w, bias=bias)


def function_text(c):
    x_t = f"tensor<{c['m']}x{c['k']}x{c['xq'].mlir()}>"
    w_t = f"tensor<{c['n']}x{c['k']}x{c['wq'].mlir()}>"
    y_t = f"tensor<{c['m']}x{c['n']}x{c['yq'].mlir()}>"
    lines = [f"func.func @{c['name']}(%x: {x_t}) -> {y_t} {{",
             f"  %wc = arith.constant dense<{c['w'].tolist()}> : tensor<{c['n']}x{c['k']}xi8>",
             f"  %w = quant.scast %wc : tensor<{c['n']}x{c['k']}xi8> to {w_t}"]
    operands, types = "%x, %w", f"{x_t}, {w_t}"
    if c["bias"] is not None:
        lines.append(f"  %b = arith.constant dense<{c['bias'].tolist()}> : tensor<{c['n']}xi32>")
        operands += ", %b"
        types += f", tensor<{c['n']}xi32>"
    attrs = "" if c["act"] == "none" else f" {{activation = #qnn.activation<{c['act']}>}}"
    lines.append(f"  %y = qnn.fully_connected {operands}{attrs} : ({types}) -> {y_t}")
    lines.append(f"  return %y : {y_t}")
    lines.append("}")
    return "\n".join(lines)


def run_sweep(count, seed):
    """Returns (configs checked, list of mismatch descriptions). Each
    configuration runs in one requantization mode; both binaries of a module
    (--kernels=auto and the reference) compile concurrently."""
    rng = np.random.default_rng(seed)
    checked, failures = 0, []
    for start in range(0, count, FUNCS_PER_MODULE):
        mode = ("fixed", "float")[(start // FUNCS_PER_MODULE) % 2]
        configs = [random_config(rng, i) for i in range(start, min(count, start + FUNCS_PER_MODULE))]
        text = "\n".join(function_text(c) for c in configs)
        with tempfile.TemporaryDirectory(prefix="qnn-vnni-") as tmp:
            fast_dir, ref_dir = Path(tmp, "fast"), Path(tmp, "ref")
            fast_dir.mkdir()
            ref_dir.mkdir()
            args = H.mode_args(mode)
            with ThreadPoolExecutor(max_workers=2) as pool:
                fast_job = pool.submit(H.compile_module, text, str(fast_dir),
                                       list(args) + ["--kernels=auto"])
                ref_job = pool.submit(H.compile_module, text, str(ref_dir), list(args))
                fast, slow = fast_job.result(), ref_job.result()
            for c in configs:
                x = c["xq"].random(rng, (c["m"], c["k"]))
                xin = c["xq"].to_container(x)
                out = [((c["m"], c["n"]), c["yq"].container_dtype)]
                desc = (f"{c['name']} mode={mode} m={c['m']} k={c['k']} n={c['n']} "
                        f"x={c['xq']} w={c['wq']} y={c['yq']} act={c['act']} "
                        f"bias={c['bias'] is not None}")
                checked += 1
                try:
                    (got,) = H.call_library(fast, c["name"], [xin], out, tmp)
                    (ref,) = H.call_library(slow, c["name"], [xin], out, tmp)
                except (H.RunError, OSError) as err:
                    failures.append(f"{desc}: {err}")
                    continue
                want = R.fully_connected(x, c["xq"], c["w"], c["wq"], c["bias"], c["yq"],
                                         activation=c["act"], mode=mode)
                if not (np.array_equal(got, ref) and np.array_equal(got.astype(np.int64), want)):
                    failures.append(desc)
    return checked, failures


@pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")
@pytest.mark.skipif(not has_vnni(), reason="this CPU has no AVX-512 VNNI")
def test_vnni_fully_connected_matches_reference():
    checked, failures = run_sweep(int(os.environ.get("QNN_VNNI_SWEEP", "1020")), seed=2026)
    assert not failures, f"{len(failures)} of {checked} differ, e.g. {failures[:5]}"
    assert checked >= 1000


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    checked, failures = run_sweep(n, seed)
    print(f"{checked} configurations checked, {len(failures)} mismatches")
    for f in failures[:20]:
        print(" ", f)
    sys.exit(1 if failures else 0)

"""Layers with codebook weights (rule N23: `qnn.decode` of constant indices
feeding qnn.conv2d, qnn.depthwise_conv2d and qnn.fully_connected) against
the NumPy reference on the decoded weights, bit for bit, compiled with
--kernels=auto (the optimized kernels) and with the reference lowering, on
randomized configurations of test_vnni_sweep.py's families:

- 1- to 4-bit indices (some tables shorter than 2^bits, ternary-sized ones
  among them); one table per output channel or one for the layer;
  depthwise layers (which the dwvec kernel decodes once per call: 32
  weights at a time up to 4 bits with one table or tables per channel,
  else one at a time) also 5- and 6-bit indices and tables along the
  kernel's height or width;
- indices past the table's end (they read its last entry, rule N23.1) and
  stray high bits above the index width (ignored);
- the activations, weights types, windows and results of the int8 sweeps.

Also the same decode fed at run time (the indices a function argument),
which only the reference lowering of qnn.decode can take.

    python test/Integration/test_codebook_sweep.py FAMILY N SEED
"""

import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import harness as H  # noqa: E402
import test_vnni_sweep as V  # noqa: E402

FUNCS_PER_MODULE = 40


def add_codebook(rng, c, axis, widths=(1, 2, 2, 3, 4, 4)):
    """Replaces c["w"] by the decoded values of random codebook weights
    (indices of one of `widths` bits); returns (indices, codebook type
    text)."""
    wq = c["wq"]
    lo, hi = wq.qmin, wq.qmax
    bits = int(rng.choice(widths))
    entries = int(rng.integers(1, (1 << bits) + 1)) if rng.random() < 0.3 else 1 << bits
    per_channel = rng.random() < 0.6
    channels = c["w"].shape[axis]
    tables = channels if per_channel else 1
    table = rng.integers(lo, hi + 1, (tables, entries))
    # Indices, some past the table's end, some with stray bits above the width.
    idx = rng.integers(0, 1 << bits, c["w"].shape)
    if rng.random() < 0.3:
        idx = idx | (rng.integers(0, 256 >> bits, c["w"].shape) << bits)
    eff = np.minimum(idx & ((1 << bits) - 1), entries - 1)
    chan = np.indices(c["w"].shape)[axis] if per_channel else np.zeros_like(idx)
    c["w"] = table[chan, eff]
    if per_channel:
        body = f"{axis}:{{" + ", ".join("{" + ", ".join(map(str, t)) + "}" for t in table.tolist()) + "}"
    else:
        body = "{" + ", ".join(map(str, table[0].tolist())) + "}"
    cb = f"!qnn.codebook<{bits}, {wq.mlir()}, {body}>"
    c["codebook"] = dict(bits=bits, entries=entries, per_channel=per_channel)
    return idx.astype(np.int64), cb


def function_text(family, c, runtime=False):
    x_t = f"tensor<{V.shape_text(c['xshape'])}x{c['xq'].mlir()}>"
    w_shape = V.shape_text(c["w"].shape)
    w_t = f"tensor<{w_shape}x{c['wq'].mlir()}>"
    cb_t = f"tensor<{w_shape}x{c['cb']}>"
    y_t = f"tensor<{V.shape_text(c['yshape'])}x{c['yq'].mlir()}>"
    idx8 = ((c["idx"] + 128) % 256 - 128).tolist()     # bytes as i8
    if runtime:
        lines = [f"func.func @{c['name']}(%x: {x_t}, %i: tensor<{w_shape}xi8>) -> {y_t} {{"]
    else:
        lines = [f"func.func @{c['name']}(%x: {x_t}) -> {y_t} {{",
                 f"  %i = arith.constant dense<{idx8}> : tensor<{w_shape}xi8>"]
    lines += [f"  %c = qnn.container_cast %i : tensor<{w_shape}xi8> to {cb_t}",
              f"  %w = qnn.decode %c : {cb_t} -> {w_t}"]
    operands, types = "%x, %w", f"{x_t}, {w_t}"
    if c["bias"] is not None:
        lines.append(f"  %b = arith.constant dense<{c['bias'].tolist()}> : tensor<{c['n']}xi32>")
        operands += ", %b"
        types += f", tensor<{c['n']}xi32>"
    lines.append(family.op_text(c, operands, types, y_t))
    lines += [f"  return %y : {y_t}", "}"]
    return "\n".join(lines)


AXES = {"fc": 0, "conv": 0, "depthwise": 2}


def run_sweep(family, count, seed, runtime=False, threads=1):
    """test_vnni_sweep.run_sweep on the family's configurations with
    codebook weights (constant indices, or a second argument)."""
    def adapt(rng, c):
        if family.name == "depthwise":
            # The dwvec kernel decodes any codebook (packed in 2-, 4- or
            # 8-bit slots), with tables along any axis (the scales' axis
            # when they are per channel).
            axes = [2] if c["wq"].axis is not None else [2, 2, 0, 1]
            c["idx"], c["cb"] = add_codebook(rng, c, int(rng.choice(axes)),
                                             widths=(1, 2, 3, 4, 4, 5, 6))
        else:
            c["idx"], c["cb"] = add_codebook(rng, c, AXES[family.name])
        # A hand-written conv2d choice (random tile, bands of rows) also
        # decodes: per block group (bands of several rows) or in registers,
        # where the kernel can take the codebook (constant indices only).
        # --kernels=auto picks the host's: dot4 with vpshufb on AVX2.
        kernel = c.pop("kernel", None)
        if (kernel and not runtime and family.name == "conv" and c["xshape"][3] % 4 == 0
                and c["codebook"]["bits"] <= 4):
            how = str(rng.choice(["block", "registers"]))
            # Either decode: vpermb tables (vnni512) or vpshufb lane
            # tables (dot4, or vnni512 with lookup = "vpshufb" as chosen
            # for VNNI without VBMI), each lowered for whatever this host
            # has.
            r, lookup = rng.random(), ""
            if r < 0.4:
                kernel = kernel.replace('"vnni512"', '"dot4"')
            elif r < 0.7 and '"vnni512"' in kernel:
                lookup = ', lookup = "vpshufb"'
            c["kernel"] = kernel[:-1] + f', decode = "{how}"{lookup}}}'

    def extra(c):
        return [((c["idx"] + 128) % 256 - 128).astype(np.int8)] if runtime else []

    return V.run_sweep(family, count, seed, adapt=adapt, text_of=lambda f, c: function_text(f, c, runtime),
                       extra_inputs=extra, per_module=FUNCS_PER_MODULE, threads=threads)


@pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")
@pytest.mark.parametrize("family", sorted(V.FAMILIES))
def test_codebook_layers_match_reference(family):
    checked, failures = run_sweep(V.FAMILIES[family], 200, seed=10)
    assert not failures, f"{len(failures)} of {checked} differ, e.g. {failures[:5]}"
    assert checked == 200


@pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")
def test_codebook_depthwise_two_threads_matches_reference():
    """The depthwise decode runs once, before the kernel's parallel loop."""
    checked, failures = run_sweep(V.FAMILIES["depthwise"], 40, seed=12, threads=2)
    assert not failures, f"{len(failures)} of {checked} differ, e.g. {failures[:5]}"
    assert checked == 40


@pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")
@pytest.mark.parametrize("family", ["fc", "conv"])
def test_runtime_codebook_indices_match_reference(family):
    checked, failures = run_sweep(V.FAMILIES[family], 40, seed=11, runtime=True)
    assert not failures, f"{len(failures)} of {checked} differ, e.g. {failures[:5]}"
    assert checked == 40


if __name__ == "__main__":
    fam = V.FAMILIES[sys.argv[1]] if len(sys.argv) > 1 else V.FullyConnected
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    checked, failures = run_sweep(fam, n, seed)
    print(f"{fam.name}: {checked} configurations checked, {len(failures)} mismatches")
    for f in failures[:20]:
        print(" ", f)
    sys.exit(1 if failures else 0)


@pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")
@pytest.mark.parametrize("kind", ["vnni512", "dot4", "vnni512-vpshufb"])
@pytest.mark.parametrize("stride,batch", [(1, 2), (2, 1)])
def test_codebook_conv_in_several_bands(stride, batch, kind):
    """Inputs large enough for bands of rows (40x40x64, 3x3, padded: about
    34 rows a band) so that a band starts past the first output row and,
    with batch 2, bands restart at each image: decode = "block" against the
    reference lowering, bit for bit, with either kernel's tables (and the
    vnni512 kernel with dot4's vpshufb tables)."""
    from reference import QType
    rng = np.random.default_rng(stride)
    h, c, n = 40, 64, 32
    oh = (h + 2 - 3) // stride + 1
    c_ = dict(name="big", n=n, stride=(stride, stride), pad=(1, 1, 1, 1), dilation=(1, 1),
              xshape=(batch, h, h, c), yshape=(batch, oh, oh, n), act="relu",
              xq=QType("u8", 0.02, 7), wq=QType("i8", [0.01] * n, 0, axis=0, qmin=-127, qmax=127),
              yq=QType("u8", 0.05, 3), w=np.zeros((n, 3, 3, c), np.int64), bias=rng.integers(-500, 500, n))
    lookup = ', lookup = "vpshufb"' if kind.endswith("vpshufb") else ""
    c_["kernel"] = (f'{{kind = "{kind.split("-")[0]}", mr = 8 : i64, nr = 2 : i64, pad = "band", '
                    f'decode = "block"{lookup}}}')
    c_["idx"], c_["cb"] = add_codebook(rng, c_, 0)
    if c_["codebook"]["bits"] > 4:
        pytest.skip("drew a table the kernel cannot decode")
    text = function_text(V.Conv2D, c_)
    with tempfile.TemporaryDirectory(prefix="qnn-cb-") as tmp:
        fast = H.compile_module(text, str(Path(tmp, "f").mkdir() or Path(tmp, "f")), ["--kernels=auto"])
        slow = H.compile_module(text, str(Path(tmp, "r").mkdir() or Path(tmp, "r")), ["--kernels=reference"])
        x = c_["xq"].random(rng, c_["xshape"])
        out = [(c_["yshape"], c_["yq"].container_dtype)]
        (got,) = H.call_library(fast, "big", [c_["xq"].to_container(x)], out, tmp)
        (ref,) = H.call_library(slow, "big", [c_["xq"].to_container(x)], out, tmp)
    assert np.array_equal(got, ref)
    assert len(np.unique(ref)) > 10          # not all saturated


def rodata_bytes(so) -> int:
    import subprocess
    out = subprocess.run(["/usr/lib/llvm-22/bin/llvm-size", "-A", so], capture_output=True, text=True,
                         check=True).stdout
    return sum(int(ln.split()[1]) for ln in out.splitlines() if ln.startswith(".rodata"))


@pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")
@pytest.mark.parametrize("per_channel", [True, False])
def test_depthwise_codebook_library_stays_small(per_channel):
    """A 3x3 depthwise layer of 96 channels (six blocks: a loop LLVM could
    unroll and fold back into the i16 weights) with 2-bit codebook weights:
    its library's constants stay well under those of the same weights as
    int8, and it computes the same outputs."""
    from reference import QType
    rng = np.random.default_rng(5)
    ch = 96
    c = dict(name="dw", n=ch, stride=(1, 1), pad=(1, 1, 1, 1), dilation=(1, 1),
             xshape=(1, 8, 8, ch), yshape=(1, 8, 8, ch), act="none",
             xq=QType("u8", 0.02, 7), wq=QType("i8", 0.01, 0, qmin=-127, qmax=127),
             yq=QType("i8", 0.05, 3), w=np.zeros((3, 3, ch, 1), np.int64), bias=rng.integers(-500, 500, ch))
    c["kernel"] = '{kind = "dwvec", mr = 4 : i64}'
    # Ternary-like: 3 entries, one table per channel or one for the layer.
    tables = rng.integers(-127, 128, (ch if per_channel else 1, 3))
    c["idx"] = rng.integers(0, 3, c["w"].shape)
    chan = np.indices(c["w"].shape)[2] if per_channel else np.zeros_like(c["idx"])
    c["w"] = tables[chan, c["idx"]]
    body = ("2:{" + ", ".join("{" + ", ".join(map(str, t)) + "}" for t in tables.tolist()) + "}"
            if per_channel else "{" + ", ".join(map(str, tables[0].tolist())) + "}")
    c["cb"] = f"!qnn.codebook<2, {c['wq'].mlir()}, {body}>"
    coded = function_text(V.Depthwise, c).replace('qnn.kernel = {kind = "dwvec", mr = 4 : i64}',
                                                  'qnn.kernel = {kind = "dwvec", mr = 4 : i64, decode = "block"}')
    plain = V.function_text(V.Depthwise, c)
    assert 'decode = "block"' in coded
    with tempfile.TemporaryDirectory(prefix="qnn-cb-") as tmp:
        libs = {}
        for label, text in (("coded", coded), ("plain", plain)):
            d = Path(tmp, label)
            d.mkdir()
            libs[label] = H.compile_module(text, str(d), ["--kernels=auto"])
        sizes = {label: rodata_bytes(so) for label, so in libs.items()}
        x = c["xq"].random(rng, c["xshape"])
        out = [(c["yshape"], c["yq"].container_dtype)]
        (got,) = H.call_library(libs["coded"], "dw", [c["xq"].to_container(x)], out, tmp)
        (ref,) = H.call_library(libs["plain"], "dw", [c["xq"].to_container(x)], out, tmp)
    assert np.array_equal(got, ref)
    assert len(np.unique(ref)) > 10
    # int8: 5 tap pairs x 96 channels x 2 x 2 bytes = 1,920 bytes of i16
    # weights; the codebook: 5 x 6 x 8 bytes of indices and the tables.
    assert sizes["coded"] < sizes["plain"] - 1200, sizes


@pytest.mark.skipif(not H.compiler_available(), reason="qnn-compile not built")
@pytest.mark.parametrize("mcpu,decode_op", [("cascadelake", "vpshufb"), ("icelake-server", "vpermi2b")])
def test_vnni_codebook_decode_instructions(tmp_path, mcpu, decode_op):
    """Compiled for a VNNI CPU (--kernels=auto picks the kernel): without
    VBMI (Cascade Lake) the codebook weights decode with vpshufb lane
    tables, with VBMI (Ice Lake) with vpermi2b; both feed vpdpbusd, and no
    layer falls back to folded int8 weights. Assembly only: this host need
    not run it. (qnn-compile once left VBMI out of the features it gave
    kernel selection for a named CPU: Ice Lake folded its codebooks.)"""
    import subprocess
    from reference import QType
    rng = np.random.default_rng(3)
    n, c = 32, 64
    c_ = dict(name="cb", n=n, stride=(1, 1), pad=(1, 1, 1, 1), dilation=(1, 1),
              xshape=(1, 12, 12, c), yshape=(1, 12, 12, n), act="relu",
              xq=QType("u8", 0.02, 7), wq=QType("i8", [0.01] * n, 0, axis=0, qmin=-127, qmax=127),
              yq=QType("u8", 0.05, 3), w=np.zeros((n, 3, 3, c), np.int64), bias=rng.integers(-500, 500, n))
    # 4-bit indices into 16-entry tables, one per output channel (LLVM may
    # turn a vpermb on one constant table into vpshufb by itself).
    table = rng.integers(-127, 128, (n, 16))
    c_["idx"] = rng.integers(0, 16, c_["w"].shape)
    c_["w"] = table[np.indices(c_["w"].shape)[0], c_["idx"]]
    c_["cb"] = (f"!qnn.codebook<4, {c_['wq'].mlir()}, 0:{{" +
                ", ".join("{" + ", ".join(map(str, t)) + "}" for t in table.tolist()) + "}>")
    src = tmp_path / "cb.mlir"
    src.write_text(function_text(V.Conv2D, c_))
    asm = tmp_path / "cb.s"
    subprocess.run([H.QNN_COMPILE, str(src), "-o", str(asm), "--kernels=auto", f"--mcpu={mcpu}"], check=True)
    text = asm.read_text()
    vperm = any(op in text for op in ("vpermb", "vpermi2b", "vpermt2b"))
    assert "vpdpbusd" in text
    # Folded int8 weights would need no byte lookup at all.
    if decode_op == "vpshufb":
        assert "vpshufb" in text and not vperm
    else:
        assert vperm

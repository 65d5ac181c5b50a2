"""Every command in the documentation works as written (issue 8).

Each page's fenced ```sh and ```python blocks run in order, as a reader
would type them: consecutive ```sh blocks in one bash (`set -e`, so an
`export` carries to the next block; no pipefail, as `| head` may end its
writer early), ```python blocks in one namespace per page, a ```c block whose first line is `/* NAME */` written to NAME.
A block preceded by `<!-- test_docs: skip (reason) -->` is not run; the
reason says what runs it instead.

The tutorials name real files and run from the repository root. The other
pages use placeholders (`model.onnx`, `calib.npz`, `x_calib`, `model.mlir`,
...); they run in a fresh directory holding a committed model under that
name, as described in FIXTURES. Shell blocks find `qnn-opt`, `qnn-compile`
and `qnn-embed` on PATH (build/bin, as docs/getting-started.md sets up) and
`python` is this test's interpreter.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "python"))
sys.path.insert(0, str(HERE))

import harness as H  # noqa: E402

pytestmark = pytest.mark.skipif(not H.compiler_available(), reason="qnn not built")

EXAMPLES = ROOT / "examples" / "fashion_mnist"
FASHION = Path("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz")
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
SKIP = re.compile(r"<!-- test_docs: skip \((.+?)\) -->\s*$")
RUNNABLE = {"sh", "python"}

# page -> where its commands run: "repo" (the repository root) or the kind of
# placeholder directory made for it.
PAGES = {
    "README.md": "quantized-mlir",
    "docs/abi.md": "quantized-mlir",
    "docs/calibration.md": "onnx",
    "docs/codebooks.md": "onnx",
    "docs/getting-started.md": "onnx",
    "docs/mixed-precision.md": "onnx",
    "docs/onnx.md": "small-onnx",
    "docs/quantization.md": "onnx",
    "docs/tutorial-compiler.md": "repo",
    "docs/tutorial-python.md": "repo",
}

# The quantized `model.mlir` of docs/abi.md: @forward takes 1x4x4x3 i8
# (scale 0.05, zero point -3) and returns 1x10 i8 (0.1, 5).
ABI_MODEL = """!x = !quant.uniform<i8:f32, 0.05:-3>
!y = !quant.uniform<i8:f32, 0.1:5>
!w = !quant.uniform<i8<-127:127>:f32, 0.01>
func.func @forward(%x: tensor<1x4x4x3x!x>) -> tensor<1x10x!y> {
  %f = qnn.reshape %x : tensor<1x4x4x3x!x> -> tensor<1x48x!x>
  %c = arith.constant dense<@W@> : tensor<10x48xi8>
  %w = quant.scast %c : tensor<10x48xi8> to tensor<10x48x!w>
  %b = arith.constant dense<@B@> : tensor<10xi32>
  %y = qnn.fully_connected %f, %w, %b : (tensor<1x48x!x>, tensor<10x48x!w>, tensor<10xi32>) -> tensor<1x10x!y>
  return %y : tensor<1x10x!y>
}
"""


def blocks(page: str):
    """[(language, source, line, skip reason or None)] of a page's fenced blocks."""
    text = (ROOT / page).read_text()
    out = []
    for m in BLOCK.finditer(text):
        before = text[:m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        skip = SKIP.search(before)
        out.append((m.group(1), m.group(2), text.count("\n", 0, m.start()) + 1, skip.group(1) if skip else None))
    return out


def small_onnx(path: Path):
    """An ONNX model like docs/onnx.md's: input 'input' 1x1x28x28, output 'logits'."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    rng = np.random.default_rng(0)
    inits = [numpy_helper.from_array(rng.normal(0, 0.3, (4, 1, 3, 3)).astype(np.float32), "w1"),
             numpy_helper.from_array(rng.normal(0, 0.1, (4,)).astype(np.float32), "b1"),
             numpy_helper.from_array(rng.normal(0, 0.05, (10, 4 * 26 * 26)).astype(np.float32), "w2"),
             numpy_helper.from_array(np.zeros(10, np.float32), "b2")]
    nodes = [helper.make_node("Conv", ["input", "w1", "b1"], ["c"], name="conv"),
             helper.make_node("Relu", ["c"], ["r"], name="relu"),
             helper.make_node("Flatten", ["r"], ["f"], name="flatten"),
             helper.make_node("Gemm", ["f", "w2", "b2"], ["logits"], name="fc", transB=1)]
    g = helper.make_graph(nodes, "small", [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 1, 28, 28])],
                          [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, 10])], inits)
    onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)]), path)


def make_fixture(kind: str, d: Path) -> dict:
    """Fill the directory `d` with the placeholder files of a page kind;
    returns the Python names the page's blocks use."""
    for name in ("build/bin", "build/lib", "examples", "scripts"):     # outputs stay in d
        (d / name).parent.mkdir(exist_ok=True)
        (d / name).symlink_to(ROOT / name)
    names = {}
    if kind == "quantized-mlir":
        rng = np.random.default_rng(0)
        (d / "model.mlir").write_text(ABI_MODEL.replace("@W@", str(rng.integers(-127, 128, (10, 48)).tolist()))
                                      .replace("@B@", str(rng.integers(-300, 300, 10).tolist())))
    elif kind == "small-onnx":
        small_onnx(d / "model.onnx")
    elif kind == "onnx":
        import qnn
        (d / "model.onnx").symlink_to(EXAMPLES / "mobilenet_tiny.onnx")
        x_calib = np.load(EXAMPLES / "calibration.npz")["image"][:100]          # one batch of the model
        np.savez(d / "calib.npz", image=x_calib)
        text, _ = qnn.import_onnx(str(d / "model.onnx"))
        (d / "float.mlir").write_text(text)
        (d / "model.mlir").write_text(text)
        qnn.calibrate(str(d / "model.onnx"), {"image": x_calib}, str(d / "stats.json"), progress=False)
        if FASHION.is_file():
            from qnn import demo
            t = demo.fashion_mnist_test()
            np.savez(d / "test.npz", image=t["image"][:300], labels=t["labels"][:300])
        names = {"x_calib": x_calib, "x": x_calib}
    else:
        raise AssertionError(kind)
    return names


def run_page(page: str, cwd: Path, names: dict, shim: Path):
    shim.mkdir()
    (shim / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')   # not a link: a venv
    (shim / "python").chmod(0o755)                                                  # finds itself by path
    tools = Path(os.environ.get("QNN_OPT", ROOT / "build/bin/qnn-opt")).parent
    env = dict(os.environ, PATH=f"{shim}:{tools}:{ROOT / 'build/bin'}:{os.environ['PATH']}",
               PYTHONPATH=str(ROOT / "python"), OPENBLAS_NUM_THREADS="1")
    ns = {"__name__": "__docs__", **names}
    pending_sh = []
    ran = 0

    def flush_sh():
        if not pending_sh:
            return
        script = "set -e\n" + "\n".join(f"# {page}:{line}\n{src}" for line, src in pending_sh)
        p = subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True)
        where = ", ".join(f"{page}:{line}" for line, _ in pending_sh)
        assert p.returncode == 0, f"the commands at {where} failed ({p.returncode}):\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}"
        pending_sh.clear()

    old = os.getcwd()
    os.chdir(cwd)
    try:
        for lang, src, line, skip in blocks(page):
            if lang == "c" and src.startswith("/* ") and src.split("\n", 1)[0].endswith(" */"):
                name = src.split("\n", 1)[0][3:-3].strip()
                if re.fullmatch(r"[\w.-]+", name):
                    (cwd / name).write_text(src)
                continue
            if lang not in RUNNABLE or skip:
                continue
            ran += 1
            if lang == "sh":
                pending_sh.append((line, src))
                continue
            flush_sh()
            exec(compile(src, f"{page}:{line}", "exec"), ns)
        flush_sh()
    finally:
        os.chdir(old)
    return ran


def test_every_page_with_commands_is_listed():
    pages = ["README.md"] + sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))
    with_commands = {p for p in pages if any(lang in RUNNABLE for lang, *_ in blocks(p))}
    assert with_commands == set(PAGES), "pages with ```sh or ```python blocks must be listed in PAGES"


def test_skips_give_a_reason():
    for page in PAGES:
        for lang, _, line, skip in blocks(page):
            assert skip is None or len(skip) > 10, f"{page}:{line}: say why the block is not run"


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_commands_work_as_written(page, tmp_path):
    kind = PAGES[page]
    if page == "docs/getting-started.md" and not FASHION.is_file():
        pytest.skip("dataset-fashion-mnist not installed")
    pytest.importorskip("onnx")
    shim = tmp_path / ".docs-bin"
    if kind == "repo":
        ran = run_page(page, ROOT, {}, shim)
    else:
        ran = run_page(page, tmp_path, make_fixture(kind, tmp_path), shim)
    assert ran > 0, f"{page}: no block ran"


def test_error_catalogue_names_real_tests():
    """docs/errors.md's catalogue (issue 9): at least 30 bad inputs, each
    naming a test that exists (a lit file, or a pytest file and function)."""
    text = (ROOT / "docs/errors.md").read_text()
    rows = re.findall(r"^\| (E\d\d) \|(.*)\|\s*$", text, re.M)
    assert len(rows) >= 30
    for ident, rest in rows:
        test = rest.rsplit("|", 1)[-1]
        named = re.findall(r"`((?:test/[\w/.-]+)|(?:test_\w+\.py)(?:::\w+)?)", test)
        named += re.findall(r"(test_\w+\.py::\w+)", test)
        assert named or "..." in test, f"{ident}: no test named in {test!r}"
        for ref in named:
            path, _, func = ref.partition("::")
            f = ROOT / path if path.startswith("test/") else HERE / path
            assert f.is_file(), f"{ident}: {path} does not exist"
            if func:
                assert re.search(rf"^def {func}\(", f.read_text(), re.M), f"{ident}: no {func} in {path}"

"""libFuzzer target (atheris) over qnn's ONNX importer (issue 9).

Each input is a serialized ONNX ModelProto; libFuzzer mutates the seeds
(the committed models and the node tests of libonnx-testdata). An input
that is not a protobuf model is skipped; a model the importer refuses must
be refused with qnn's ImportError_ (a ValueError naming the culprit). Any
other exception, a hang or a crash is a bug. scripts/fuzz.sh runs it:

    .venv/bin/python tools/qnn-fuzz/fuzz_onnx_import.py -runs=1000000 CORPUS SEEDS
"""

import os
import random
import re
import sys
import warnings
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["qnn"]):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "python"))
    from qnn.onnx_import import ImportError_, import_onnx

import onnx
from google.protobuf.message import DecodeError


def mutate(data: bytes, max_size: int, seed: int) -> bytes:
    """Structure-aware mutation: most byte-level mutants of a protobuf are
    not models, so half the time one field of the decoded model changes (an
    attribute's value or type, a dimension, an element type, an input name,
    a node's inputs) and the model is serialized again; otherwise libFuzzer's
    byte mutation."""
    rng = random.Random(seed)
    try:
        model = onnx.ModelProto.FromString(data)
    except Exception:  # noqa: BLE001
        model = None
    if model is None or not model.graph.node or rng.random() < 0.5:
        return atheris.Mutate(data, max_size)
    try:
        return _mutate_model(model, rng, max_size) or atheris.Mutate(data, max_size)
    except (ValueError, TypeError):      # a field protobuf will not take (a non-UTF-8 name, ...)
        return atheris.Mutate(data, max_size)


def _mutate_model(model, rng, max_size):
    g = model.graph
    node = rng.choice(g.node)
    choice = rng.randrange(7)
    big = [0, 1, -1, 2, 3, 7, 64, -(1 << 40), 1 << 31]
    if choice == 0 and node.attribute:
        a = rng.choice(node.attribute)
        if a.ints:
            a.ints[rng.randrange(len(a.ints))] = rng.choice(big)
        elif rng.random() < 0.5:
            del a.ints[:]
            a.ints.extend(rng.choice(big) for _ in range(rng.randrange(5)))
        else:
            a.i = rng.choice(big)
    elif choice == 1 and node.attribute:
        rng.choice(node.attribute).type = rng.randrange(15)
    elif choice == 2:
        vi = rng.choice(list(g.input) + list(g.output) or [None])
        if vi is not None and vi.type.tensor_type.shape.dim:
            d = rng.choice(vi.type.tensor_type.shape.dim)
            d.dim_value = abs(rng.choice(big)) % 1000
    elif choice == 3:
        vi = rng.choice(list(g.input) + list(g.output) or [None])
        if vi is not None:
            vi.type.tensor_type.elem_type = rng.randrange(26)
    elif choice == 4 and node.input:
        names = [n for x in g.node for n in x.output] + [i.name for i in g.input] + ["", "nope"]
        node.input[rng.randrange(len(node.input))] = rng.choice(names)
    elif choice == 5:
        if node.input and rng.random() < 0.5:
            del node.input[-1]
        else:
            node.input.append(rng.choice([n for n in node.input] or ["x"]))
    elif g.initializer:
        init = rng.choice(g.initializer)
        if init.dims:
            init.dims[rng.randrange(len(init.dims))] = abs(rng.choice(big)) % 100
    out = model.SerializeToString()
    return out if len(out) <= max_size else None


IMPORTED = 0                  # inputs that reached the importer (printed every 100,000)


def test_one_input(data: bytes):
    try:
        model = onnx.ModelProto.FromString(data)
    except (DecodeError, RuntimeWarning, ValueError):
        return
    if not model.graph.node or len(data) > 1 << 20:
        return
    global IMPORTED
    IMPORTED += 1
    if IMPORTED % 100000 == 0:
        print(f"fuzz_onnx_import: {IMPORTED} inputs reached the importer", file=sys.stderr)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import_onnx(model)
    except ImportError_ as err:
        # The importer's safety net turns an unforeseen exception in an op
        # handler into an error naming the node; for the fuzzer it is a bug.
        if "internal check:" in str(err):
            if COLLECT is None:
                raise
            _collect(data, err)


# QNN_FUZZ_COLLECT=DIR: a safety-net finding is saved to DIR (one input per
# distinct op and exception type) and fuzzing goes on, so one campaign lists
# them all; any other exception still stops the run. atheris cannot use
# libFuzzer's -fork mode, which would otherwise do this.
COLLECT = os.environ.get("QNN_FUZZ_COLLECT")
SEEN = set()


def _collect(data: bytes, err):
    msg = str(err)
    op = re.search(r"\((\w+)\): the node", msg)
    exc = re.search(r"internal check: (\w+)", msg)
    key = f"{op.group(1) if op else 'unknown'}-{exc.group(1) if exc else 'unknown'}"
    if key in SEEN:
        return
    SEEN.add(key)
    out = Path(COLLECT)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{key}.onnx").write_bytes(data)
    (out / f"{key}.txt").write_text(msg + "\n")
    print(f"fuzz_onnx_import: finding {key}: {msg}", file=sys.stderr)


def main():
    atheris.Setup(sys.argv, test_one_input, custom_mutator=mutate)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

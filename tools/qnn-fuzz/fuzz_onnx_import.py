"""libFuzzer target (atheris) over qnn's ONNX importer (issue 9).

Each input is a serialized ONNX ModelProto; libFuzzer mutates the seeds
(the committed models and the node tests of libonnx-testdata). An input
that is not a protobuf model is skipped; a model the importer refuses must
be refused with qnn's ImportError_ (a ValueError naming the culprit). Any
other exception, a hang or a crash is a bug. scripts/fuzz.sh runs it:

    .venv/bin/python tools/qnn-fuzz/fuzz_onnx_import.py -runs=1000000 CORPUS SEEDS
"""

import sys
import warnings
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["qnn"]):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "python"))
    from qnn.onnx_import import ImportError_, import_onnx

import onnx
from google.protobuf.message import DecodeError


def test_one_input(data: bytes):
    try:
        model = onnx.ModelProto.FromString(data)
    except (DecodeError, RuntimeWarning, ValueError):
        return
    if not model.graph.node or len(data) > 1 << 20:
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import_onnx(model)
    except ImportError_:
        pass


def main():
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

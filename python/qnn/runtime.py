"""Loading a compiled library and running it on NumPy arrays (the C ABI of
docs/abi.md: inputs, then one caller-allocated buffer per output)."""

import ctypes
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Dict, Mapping, Sequence, Union

import numpy as np


class RunError(ValueError):
    """Inputs that do not match the library's signature."""


# Narrow ONNX dtypes travel one value per byte (docs/onnx.md): the NumPy
# dtype of their arrays, and their range.
CARRIERS = {"int4": ("int8", -8, 7), "uint4": ("uint8", 0, 15),
            "int2": ("int8", -2, 1), "uint2": ("uint8", 0, 3)}


def carrier(dtype: str) -> np.dtype:
    """The NumPy dtype of the arrays of signature dtype `dtype`."""
    return np.dtype(CARRIERS[dtype][0] if dtype in CARRIERS else dtype)


# Libraries loaded in this process: absolute path -> (inode, size, mtime).
_LOADED = {}


def _loadable(path: Path):
    """The absolute path to dlopen for `path` (dlopen searches the library
    path for a bare name). dlopen returns the library already loaded under
    a path, even after the file was rewritten (a model quantized again to
    the same output in one process); a rewritten file is loaded through a
    fresh copy instead. Returns (path to load, whether it is that copy)."""
    real = str(path.resolve())
    st = os.stat(real)
    ident = (st.st_ino, st.st_size, st.st_mtime_ns)
    seen = _LOADED.setdefault(real, ident)
    if seen == ident:
        return real, False
    fd, copy = tempfile.mkstemp(prefix=path.stem + "-", suffix=".so")
    os.close(fd)
    shutil.copyfile(real, copy)
    return copy, True


class Library:
    def __init__(self, path, signature: dict):
        self.path = Path(path)
        self.signature = signature
        self.function = signature["function"]
        self.inputs = signature["inputs"]
        self.outputs = signature["outputs"]
        where, is_copy = _loadable(self.path)
        try:
            self._lib = ctypes.CDLL(where)
        finally:
            if is_copy:
                os.unlink(where)  # the mapping stays
        try:
            self._fn = getattr(self._lib, self.function)
        except AttributeError:
            raise RunError(f"{self.path} exports no function '{self.function}'") from None
        self._fn.restype = None
        self._fn.argtypes = [ctypes.c_void_p] * (len(self.inputs) + len(self.outputs))

    def __repr__(self):
        ins = ", ".join(f"{i['name']}: {i['dtype']}{i['shape']}" for i in self.inputs)
        outs = ", ".join(f"{o['name']}: {o['dtype']}{o['shape']}" for o in self.outputs)
        return f"<qnn.Library {self.path.name} {self.function}({ins}) -> ({outs})>"

    def run(self, inputs: Union[Mapping[str, np.ndarray], Sequence[np.ndarray]]) -> Dict[str, np.ndarray]:
        """Runs the model; `inputs` by name (a dict) or in order. Returns
        {output name: array}. Arrays must have the signature's shape; their
        dtype is converted when the conversion is exact (same kind)."""
        if isinstance(inputs, Mapping):
            missing = [i["name"] for i in self.inputs if i["name"] not in inputs]
            extra = sorted(set(inputs) - {i["name"] for i in self.inputs})
            if missing or extra:
                raise RunError(f"inputs {sorted(inputs)} do not match the model's "
                               f"{[i['name'] for i in self.inputs]}"
                               + (f": missing {missing}" if missing else "")
                               + (f": unknown {extra}" if extra else ""))
            arrays = [inputs[i["name"]] for i in self.inputs]
        else:
            arrays = list(inputs)
            if len(arrays) != len(self.inputs):
                raise RunError(f"expected {len(self.inputs)} inputs, got {len(arrays)}")
        size = (self.signature.get("batch") or {}).get("size")
        if size and self._other_batch(arrays, size):
            return self._run_in_chunks(arrays, size)
        keep = []
        for spec, a in zip(self.inputs, arrays):
            a = np.asarray(a)
            want = carrier(spec["dtype"])
            if tuple(a.shape) != tuple(spec["shape"]):
                raise RunError(f"input '{spec['name']}' has shape {tuple(a.shape)}, "
                               f"the model expects {tuple(spec['shape'])}")
            if spec["dtype"] in CARRIERS:
                # ml_dtypes' int4/uint4/int2/uint2 arrays, or carriers in range
                if str(a.dtype) == spec["dtype"]:
                    a = a.astype(want)
                _, lo, hi = CARRIERS[spec["dtype"]]
                if a.dtype.kind in "iu" and a.size and (a.min() < lo or a.max() > hi):
                    raise RunError(f"input '{spec['name']}' has values outside {spec['dtype']}'s "
                                   f"[{lo}, {hi}]")
            if a.dtype != want:
                if a.dtype.kind != want.kind:
                    raise RunError(f"input '{spec['name']}' has dtype {a.dtype}, the model expects {want}")
                a = a.astype(want)
            keep.append(np.ascontiguousarray(a))
        outs = [np.empty(o["shape"], carrier(o["dtype"])) for o in self.outputs]
        ptrs = [x.ctypes.data_as(ctypes.c_void_p) for x in keep + outs]
        self._fn(*ptrs)
        return {o["name"]: arr for o, arr in zip(self.outputs, outs)}

    __call__ = run

    def _other_batch(self, arrays, size) -> bool:
        """Whether `arrays` are a batch of another size that fits the
        signature otherwise."""
        shapes = [np.shape(a) for a in arrays]
        if not shapes or any(len(s) == 0 for s in shapes):
            return False
        n = shapes[0][0]
        return n != size and n > 0 and all(
            s[0] == n and tuple(s[1:]) == tuple(spec["shape"][1:]) for s, spec in zip(shapes, self.inputs))

    def _run_in_chunks(self, arrays, size):
        """A batch of any size through a library compiled for `size`: runs
        of `size` rows, the last one padded with zeros and trimmed."""
        n = np.shape(arrays[0])[0]
        parts = []
        for start in range(0, n, size):
            chunk = []
            for a in arrays:
                c = np.asarray(a)[start:start + size]
                if c.shape[0] < size:
                    c = np.concatenate([c, np.zeros((size - c.shape[0],) + c.shape[1:], c.dtype)])
                chunk.append(c)
            parts.append(self.run(chunk))
        return {o["name"]: np.concatenate([p[o["name"]] for p in parts])[:n] for o in self.outputs}


def load(path) -> Library:
    """Loads a library compiled by qnn.compile (it reads `path`.json)."""
    path = Path(path)
    sig_path = Path(str(path) + ".json")
    if not path.is_file():
        raise RunError(f"{path}: no such library")
    if not sig_path.is_file():
        raise RunError(f"{sig_path}: no signature file; compile the model with qnn.compile "
                       "or `python -m qnn compile`")
    try:
        sig = json.loads(sig_path.read_text())
        for key in ("function", "inputs", "outputs"):
            sig[key]
    except (ValueError, KeyError) as err:
        raise RunError(f"{sig_path}: not a qnn signature file ({err})") from None
    return Library(path, sig)

"""PyTorch's post-training quantization (FX graph mode, qnnpack backend) of
a committed Fashion-MNIST model, for bench/accuracy.py.

Run with Debian's python3 (torch 1.13 needs Debian's numpy, so not the
project venv): bench/accuracy.py writes the ONNX model's layers as
SPEC.json + WEIGHTS.npz (the venv has onnx, this interpreter does not),
and this script rebuilds the network as torch modules (Conv2d, ReLU,
ReLU6/Hardtanh, MaxPool2d, AdaptiveAvgPool2d, Flatten, Linear, adds),
checks its fp32 top-1, calibrates torch.ao.quantization's default qconfig
for the qnnpack engine (histogram observers, per-tensor weights), and for
the onednn engine (per-channel weights) for comparison, on the same
training images as the other quantizers, converts, and prints the top-1
of each as JSON.

    /usr/bin/python3 bench/torch_ptq.py SPEC.json WEIGHTS.npz --calibration 500
"""

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "examples" / "fashion_mnist"))
import train  # noqa: E402


class Net(nn.Module):
    """The ONNX graph's nodes in order, each a torch module (adds inline)."""

    def __init__(self, spec, weights):
        super().__init__()
        self.nodes = spec["nodes"]
        self.input, self.output = spec["input"], spec["output"]
        self.mods = nn.ModuleDict()
        for i, n in enumerate(self.nodes):
            op, a = n["op"], n["attrs"]
            if op == "Conv":
                w = weights[n["inputs"][1]]
                b = weights[n["inputs"][2]] if len(n["inputs"]) > 2 else None
                t, l, bo, r = a.get("pads", [0, 0, 0, 0])
                if (t, l) != (bo, r):
                    raise ValueError(f"asymmetric padding {a['pads']} is not supported here")
                g = a.get("group", 1)
                m = nn.Conv2d(w.shape[1] * g, w.shape[0], tuple(w.shape[2:]), stride=tuple(a.get("strides", [1, 1])),
                              padding=(t, l), dilation=tuple(a.get("dilations", [1, 1])), groups=g, bias=b is not None)
                m.weight.data = torch.from_numpy(w)
                if b is not None:
                    m.bias.data = torch.from_numpy(b)
            elif op == "Relu":
                m = nn.ReLU()
            elif op == "Clip":
                m = nn.ReLU6() if (a["min"], a["max"]) == (0.0, 6.0) else nn.Hardtanh(a["min"], a["max"])
            elif op == "MaxPool":
                t, l, _, _ = a.get("pads", [0, 0, 0, 0])
                m = nn.MaxPool2d(tuple(a["kernel_shape"]), stride=tuple(a.get("strides", a["kernel_shape"])),
                                 padding=(t, l))
            elif op == "GlobalAveragePool":
                m = nn.AdaptiveAvgPool2d(1)
            elif op == "Flatten":
                m = nn.Flatten(a.get("axis", 1))
            elif op == "Gemm":
                w = weights[n["inputs"][1]]
                w = w if a.get("transB", 0) else w.T
                m = nn.Linear(w.shape[1], w.shape[0], bias=len(n["inputs"]) > 2)
                m.weight.data = torch.from_numpy(np.ascontiguousarray(w))
                if len(n["inputs"]) > 2:
                    m.bias.data = torch.from_numpy(weights[n["inputs"][2]])
            elif op == "Add":
                continue
            else:
                raise ValueError(f"op {op} is not supported by this converter")
            self.mods[f"n{i}"] = m

    def forward(self, x):
        env = {self.input: x}
        for i, n in enumerate(self.nodes):
            if n["op"] == "Add":
                env[n["outputs"][0]] = env[n["inputs"][0]] + env[n["inputs"][1]]
            else:
                env[n["outputs"][0]] = self.mods[f"n{i}"](env[n["inputs"][0]])
        return env[self.output]


def top1(model, x, y):
    with torch.no_grad():
        pred = np.concatenate([model(torch.from_numpy(x[i:i + train.BATCH])).argmax(1).numpy()
                               for i in range(0, len(x), train.BATCH)])
    return float((pred == y).mean())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("spec")
    ap.add_argument("weights")
    ap.add_argument("--calibration", type=int, default=500)
    args = ap.parse_args()
    torch.set_num_threads(1)
    spec = json.loads(Path(args.spec).read_text())
    with np.load(args.weights) as f:
        weights = {k: f[k] for k in f.files}
    net = Net(spec, weights).eval()
    xtr, _ = train.load("train")
    x, y = train.load("test")
    result = {"fp32": top1(net, x, y)}
    from torch.ao.quantization import get_default_qconfig_mapping
    from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx
    for engine in ("qnnpack", "onednn"):
        torch.backends.quantized.engine = engine
        prepared = prepare_fx(Net(spec, weights).eval(), get_default_qconfig_mapping(engine),
                              example_inputs=(torch.from_numpy(xtr[:train.BATCH]),))
        with torch.no_grad():
            for i in range(0, args.calibration, train.BATCH):
                prepared(torch.from_numpy(xtr[i:i + train.BATCH]))
        result[engine] = top1(convert_fx(prepared), x, y)
    print(json.dumps(result))


if __name__ == "__main__":
    main()

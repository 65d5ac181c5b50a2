"""Trains the small Fashion-MNIST CNNs qnn's tests and demos use, and exports
them to ONNX (the .onnx files beside this script are committed, so no test
trains). Debian packages: python3-torch (1.13), dataset-fashion-mnist.

    /usr/bin/python3 examples/fashion_mnist/train.py [--epochs 3] [--seed 0]

Models (input 1x28x28 float in [0, 1], 10 logits; exported with a static
batch of 100, ONNX opset 13):
  - resnet_tiny: conv-BN-ReLU, max pool, a residual block (two conv-BN with
    an add), global average pool, a fully connected layer;
  - mobilenet_tiny: conv-BN-ReLU6, then depthwise-separable blocks
    (depthwise 3x3 conv-BN-ReLU6, pointwise 1x1 conv-BN-ReLU6), global
    average pool, a fully connected layer;
  - binary_tiny: a float conv-BN, then binary 3x3 convolutions (XNOR-Net
    style: activations Sign(x), weights Sign(w) * mean|w| per output
    channel, trained with the straight-through estimator) with BN and max
    pooling, global average pool, a float fully connected layer. Exported
    with ONNX Sign on the activations; the binary weights become constants
    whose values are +-alpha per output channel.
Prints each model's test top-1 (10k images) after training.
"""

import argparse
import gzip
import struct
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DATA = Path("/usr/share/datasets/fashion-mnist")
BATCH = 100


def load_idx(name):
    with gzip.open(DATA / name, "rb") as f:
        magic, = struct.unpack(">I", f.read(4))
        dims = struct.unpack(">" + "I" * (magic & 0xff), f.read(4 * (magic & 0xff)))
        return np.frombuffer(f.read(), np.uint8).reshape(dims)


def load(split):
    prefix = "train" if split == "train" else "t10k"
    x = load_idx(f"{prefix}-images-idx3-ubyte.gz").astype(np.float32) / 255.0
    y = load_idx(f"{prefix}-labels-idx1-ubyte.gz").astype(np.int64)
    return x[:, None, :, :], y


def build(name):
    import torch.nn as nn

    def cbr(cin, cout, k, stride=1, groups=1, act=nn.ReLU):
        return [nn.Conv2d(cin, cout, k, stride, k // 2, groups=groups, bias=False), nn.BatchNorm2d(cout), act()]

    if name == "resnet_tiny":
        class Block(nn.Module):
            def __init__(self, c):
                super().__init__()
                self.a = nn.Sequential(*cbr(c, c, 3))
                self.b = nn.Sequential(nn.Conv2d(c, c, 3, 1, 1, bias=False), nn.BatchNorm2d(c))
                self.relu = nn.ReLU()

            def forward(self, x):
                return self.relu(self.b(self.a(x)) + x)

        return nn.Sequential(*cbr(1, 16, 3), nn.MaxPool2d(2), Block(16), *cbr(16, 32, 3, 2), Block(32),
                             nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, 10))
    if name == "mobilenet_tiny":
        layers = cbr(1, 16, 3, 2, act=nn.ReLU6)
        for cin, cout, stride in ((16, 32, 1), (32, 64, 2), (64, 64, 1)):
            layers += cbr(cin, cin, 3, stride, groups=cin, act=nn.ReLU6) + cbr(cin, cout, 1, act=nn.ReLU6)
        return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))
    if name == "binary_tiny":
        import torch

        class SignSTE(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return torch.sign(x)

            @staticmethod
            def backward(ctx, g):
                x, = ctx.saved_tensors
                return g * (x.abs() <= 1).to(g.dtype)

        class BinaryConv(nn.Conv2d):
            def forward(self, x):
                alpha = self.weight.abs().mean(dim=(1, 2, 3), keepdim=True)
                if torch.onnx.is_in_onnx_export():
                    xb, wb = torch.sign(x), torch.sign(self.weight) * alpha
                else:
                    xb, wb = SignSTE.apply(x), SignSTE.apply(self.weight) * alpha
                return nn.functional.conv2d(xb, wb, None, self.stride, self.padding)

        def bblock(cin, cout):
            return [BinaryConv(cin, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout)]

        return nn.Sequential(nn.Conv2d(1, 32, 3, 1, 1, bias=False), nn.BatchNorm2d(32),
                             *bblock(32, 64), nn.MaxPool2d(2), *bblock(64, 64), nn.MaxPool2d(2),
                             *bblock(64, 128), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(128, 10))
    raise ValueError(name)


def accuracy(model, x, y):
    import torch
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(x), 500):
            correct += int((model(torch.from_numpy(x[i:i + 500])).argmax(1).numpy() == y[i:i + 500]).sum())
    return correct / len(x)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--models", default="resnet_tiny,mobilenet_tiny,binary_tiny")
    args = ap.parse_args()
    import torch
    torch.set_num_threads(2)
    xtr, ytr = load("train")
    xte, yte = load("test")
    for name in args.models.split(","):
        torch.manual_seed(args.seed)
        rng = np.random.default_rng(args.seed)
        model = build(name)
        opt = torch.optim.Adam(model.parameters(), lr=2e-3)
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, 4e-3, total_steps=args.epochs * (len(xtr) // 128))
        loss_fn = torch.nn.CrossEntropyLoss()
        for epoch in range(args.epochs):
            model.train()
            order = rng.permutation(len(xtr))
            for i in range(0, len(order) - 127, 128):
                idx = order[i:i + 128]
                opt.zero_grad()
                loss = loss_fn(model(torch.from_numpy(xtr[idx])), torch.from_numpy(ytr[idx]))
                loss.backward()
                opt.step()
                sched.step()
            print(f"{name}: epoch {epoch + 1} loss {loss.item():.3f} test top-1 {accuracy(model, xte, yte):.4f}",
                  flush=True)
        model.eval()
        out = HERE / f"{name}.onnx"
        torch.onnx.export(model, torch.zeros(BATCH, 1, 28, 28), str(out), input_names=["image"],
                          output_names=["logits"], opset_version=13, do_constant_folding=True)
        print(f"wrote {out} ({out.stat().st_size} bytes), test top-1 {accuracy(model, xte, yte):.4f}")


if __name__ == "__main__":
    main()

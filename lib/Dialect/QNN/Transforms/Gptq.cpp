//===- Gptq.cpp - weight rounding with second-order error feedback ---------===//

#include "qnn/Dialect/QNN/Transforms/Gptq.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

using namespace mlir::qnn;
using llvm::ArrayRef;

namespace {
constexpr char kMagic[8] = {'Q', 'N', 'N', 'S', 'A', 'M', 'P', '1'};

/// Little-endian reader over a buffer that reports running past its end.
struct Reader {
  const char *p, *end;
  bool read(void *dst, size_t n) {
    if (static_cast<size_t>(end - p) < n)
      return false;
    std::memcpy(dst, p, n);
    p += n;
    return true;
  }
  bool i64(int64_t &v) { return read(&v, 8); }
};

/// Lower Cholesky factor of the symmetric n x n `a` (row major), in place
/// of its lower triangle; false when `a` is not positive definite.
bool cholesky(std::vector<double> &a, int64_t n) {
  for (int64_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (int64_t k = 0; k < j; ++k)
      d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0) || !std::isfinite(d))
      return false;
    d = std::sqrt(d);
    a[j * n + j] = d;
    for (int64_t i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (int64_t k = 0; k < j; ++k)
        s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / d;
    }
  }
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = i + 1; j < n; ++j)
      a[i * n + j] = 0;
  return true;
}

/// The inverse of the lower triangular `l`, lower triangular.
std::vector<double> invertLower(const std::vector<double> &l, int64_t n) {
  std::vector<double> inv(n * n, 0.0);
  for (int64_t j = 0; j < n; ++j) {
    inv[j * n + j] = 1.0 / l[j * n + j];
    for (int64_t i = j + 1; i < n; ++i) {
      double s = 0;
      for (int64_t k = j; k < i; ++k)
        s += l[i * n + k] * inv[k * n + j];
      inv[i * n + j] = -s / l[i * n + i];
    }
  }
  return inv;
}

/// The Gram matrix (1/n) sum v v^T of n vectors of k values, added one at
/// a time: each vector is written into `at(i)` (its value i), then
/// `next()`. Vectors are kept column-wise in blocks of 256, whose products
/// are summed in f32 and added to the f64 total.
class GramAccumulator {
public:
  explicit GramAccumulator(int64_t k)
      : k(k), gram(k * k, 0.0), pt(k * kBlock, 0.0f) {}
  float &at(int64_t i) { return pt[i * kBlock + rows]; }
  void next() {
    ++count;
    if (++rows == kBlock)
      flush();
  }
  /// The matrix, k x k row major, both triangles.
  std::vector<double> take() {
    flush();
    double inv = count > 0 ? 1.0 / static_cast<double>(count) : 0.0;
    for (int64_t i = 0; i < k; ++i)
      for (int64_t j = i; j < k; ++j)
        gram[j * k + i] = gram[i * k + j] = gram[i * k + j] * inv;
    return std::move(gram);
  }

private:
  static constexpr int64_t kBlock = 256;
  /// Adds the upper triangle of the block's products.
  void flush() {
    for (int64_t i = 0; i < k; ++i) {
      const float *a = &pt[i * kBlock];
      for (int64_t j = i; j < k; ++j) {
        const float *b = &pt[j * kBlock];
        float s = 0;
        for (int64_t r = 0; r < rows; ++r)
          s += a[r] * b[r];
        gram[i * k + j] += s;
      }
    }
    rows = 0;
  }
  int64_t k, rows = 0, count = 0;
  std::vector<double> gram;
  std::vector<float> pt;
};
} // namespace

std::optional<std::map<int64_t, ActivationSamples>>
mlir::qnn::readSamplesFile(llvm::StringRef path, std::string &error) {
  auto fail = [&](const std::string &why) {
    error = "the samples file " + path.str() + " " + why;
    return std::nullopt;
  };
  auto buf = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!buf)
    return fail("cannot be read: " + buf.getError().message());
  Reader r{(*buf)->getBufferStart(), (*buf)->getBufferEnd()};
  char magic[8];
  if (!r.read(magic, 8) || std::memcmp(magic, kMagic, 8) != 0)
    return fail("is not a qnn activation samples file (it does not start "
                "with \"QNNSAMP1\")");
  std::map<int64_t, ActivationSamples> out;
  while (r.p != r.end) {
    ActivationSamples s;
    int64_t len = 0, rank = 0;
    if (!r.i64(s.id) || !r.i64(len) || len < 0 || len > (1 << 20))
      return fail("is cut short or corrupt after " +
                  std::to_string(out.size()) + " records");
    s.name.resize(len);
    if (!r.read(s.name.data(), len) || !r.i64(rank) || rank < 1 || rank > 8)
      return fail("has a bad record header for observer " +
                  std::to_string(s.id));
    int64_t n = 1;
    for (int64_t d = 0; d < rank; ++d) {
      int64_t dim = 0;
      if (!r.i64(dim) || dim < 1 || dim > (int64_t{1} << 32) ||
          n > (int64_t{1} << 40) / dim)
        return fail("has a bad shape for observer " + std::to_string(s.id) +
                    " ('" + s.name + "')");
      s.shape.push_back(dim);
      n *= dim;
    }
    if (static_cast<size_t>(r.end - r.p) / 4 < static_cast<size_t>(n))
      return fail("is cut short in the data of observer " +
                  std::to_string(s.id) + " ('" + s.name + "')");
    s.data.resize(n);
    r.read(s.data.data(), n * 4);
    if (!std::all_of(s.data.begin(), s.data.end(),
                     [](float v) { return std::isfinite(v); }))
      return fail("holds a value that is not finite for observer " +
                  std::to_string(s.id) + " ('" + s.name + "')");
    if (out.count(s.id))
      return fail("holds observer " + std::to_string(s.id) + " twice");
    int64_t id = s.id;
    out[id] = std::move(s);
  }
  return out;
}

std::vector<double> mlir::qnn::convGram(const ActivationSamples &x, int64_t kh,
                                        int64_t kw, ArrayRef<int64_t> stride,
                                        ArrayRef<int64_t> pad,
                                        ArrayRef<int64_t> dilation, int64_t c0,
                                        int64_t cn) {
  int64_t S = x.shape[0], H = x.shape[1], W = x.shape[2], C = x.shape[3];
  int64_t k = kh * kw * cn;
  int64_t oh = (H + pad[0] + pad[1] - dilation[0] * (kh - 1) - 1) / stride[0] + 1;
  int64_t ow = (W + pad[2] + pad[3] - dilation[1] * (kw - 1) - 1) / stride[1] + 1;
  GramAccumulator acc(k);
  for (int64_t s = 0; s < S; ++s)
    for (int64_t y = 0; y < oh; ++y)
      for (int64_t xo = 0; xo < ow; ++xo) {
        for (int64_t a = 0; a < kh; ++a)
          for (int64_t b = 0; b < kw; ++b) {
            int64_t iy = y * stride[0] - pad[0] + a * dilation[0];
            int64_t ix = xo * stride[1] - pad[2] + b * dilation[1];
            bool in = iy >= 0 && iy < H && ix >= 0 && ix < W;
            const float *src = in ? &x.data[((s * H + iy) * W + ix) * C + c0]
                                  : nullptr;
            for (int64_t c = 0; c < cn; ++c)
              acc.at((a * kw + b) * cn + c) = in ? src[c] : 0.0f;
          }
        acc.next();
      }
  return acc.take();
}

std::vector<double> mlir::qnn::rowGram(const ActivationSamples &x, int64_t k) {
  int64_t n = static_cast<int64_t>(x.data.size()) / k;
  GramAccumulator acc(k);
  for (int64_t v = 0; v < n; ++v) {
    for (int64_t i = 0; i < k; ++i)
      acc.at(i) = x.data[v * k + i];
    acc.next();
  }
  return acc.take();
}

bool mlir::qnn::gptqRound(ArrayRef<float> w, const GptqRows &g,
                          ArrayRef<double> scale, ArrayRef<int64_t> zp,
                          llvm::function_ref<int64_t(int64_t, double)> level,
                          const GptqOptions &o,
                          llvm::MutableArrayRef<int64_t> out,
                          std::string &error) {
  int64_t k = g.k;
  int64_t rows = static_cast<int64_t>(g.index.size()) / k;
  // Column order: as stored, or by decreasing mean square input.
  std::vector<int64_t> perm(k);
  std::iota(perm.begin(), perm.end(), 0);
  if (o.actOrder)
    std::stable_sort(perm.begin(), perm.end(), [&](int64_t a, int64_t b) {
      return g.gram[a * k + a] > g.gram[b * k + b];
    });
  std::vector<double> h(k * k);
  double mean = 0;
  for (int64_t a = 0; a < k; ++a) {
    for (int64_t b = 0; b < k; ++b)
      h[a * k + b] = g.gram[perm[a] * k + perm[b]];
    mean += h[a * k + a];
  }
  mean /= static_cast<double>(k);
  // An input that was always zero: its weights' errors cost nothing.
  for (int64_t a = 0; a < k; ++a)
    if (h[a * k + a] == 0)
      h[a * k + a] = mean > 0 ? mean : 1.0;
  // Damping, raised tenfold (up to 3 times) if the matrix is still singular.
  std::vector<double> l;
  double damp = o.damp;
  for (int attempt = 0;; ++attempt) {
    l = h;
    for (int64_t a = 0; a < k; ++a)
      l[a * k + a] += damp * (mean > 0 ? mean : 1.0);
    if (cholesky(l, k))
      break;
    if (attempt == 3) {
      error = "the inputs' Gram matrix is not positive definite even with "
              "damping " + std::to_string(damp);
      return false;
    }
    damp *= 10;
  }
  // H^-1 = L^-T L^-1, then its upper Cholesky factor U (H^-1 = U^T U).
  std::vector<double> li = invertLower(l, k);
  std::vector<double> hinv(k * k, 0.0);
  for (int64_t i = 0; i < k; ++i)
    for (int64_t j = 0; j <= i; ++j) {
      double s = 0;
      for (int64_t m = i; m < k; ++m)
        s += li[m * k + i] * li[m * k + j];
      hinv[i * k + j] = hinv[j * k + i] = s;
    }
  if (!cholesky(hinv, k)) {
    error = "the inverse of the inputs' Gram matrix is not positive definite";
    return false;
  }
  // hinv holds L2 (lower); U[i][j] = L2[j][i].
  std::vector<double> row(k);
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t a = 0; a < k; ++a)
      row[a] = w[g.index[r * k + perm[a]]];
    double s = scale[r];
    double z = static_cast<double>(zp[r]);
    for (int64_t a = 0; a < k; ++a) {
      int64_t q = level(r, row[a] / s + z);
      out[g.index[r * k + perm[a]]] = q;
      double err = (row[a] - (static_cast<double>(q) - z) * s) / hinv[a * k + a];
      for (int64_t b = a + 1; b < k; ++b)
        row[b] -= err * hinv[b * k + a];
    }
  }
  return true;
}

namespace {
/// The Gram matrix as gptqRound conditions it: an always-zero input's
/// diagonal set to the mean diagonal, then `damp` times the mean added.
std::vector<double> dampedGram(const GptqRows &g, double damp) {
  int64_t k = g.k;
  std::vector<double> h(g.gram);
  double mean = 0;
  for (int64_t a = 0; a < k; ++a)
    mean += h[a * k + a];
  mean = mean > 0 ? mean / static_cast<double>(k) : 1.0;
  for (int64_t a = 0; a < k; ++a)
    h[a * k + a] += (h[a * k + a] == 0 ? mean : 0.0) + damp * mean;
  return h;
}
} // namespace

double mlir::qnn::gptqError(ArrayRef<float> w, const GptqRows &g,
                            ArrayRef<double> scale, ArrayRef<int64_t> zp,
                            ArrayRef<int64_t> q) {
  int64_t k = g.k;
  int64_t rows = static_cast<int64_t>(g.index.size()) / k;
  std::vector<double> d(k);
  double total = 0;
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t a = 0; a < k; ++a) {
      int64_t i = g.index[r * k + a];
      d[a] = w[i] / scale[r] + static_cast<double>(zp[r]) -
             static_cast<double>(q[i]);
    }
    double e = 0;
    for (int64_t a = 0; a < k; ++a) {
      double s = 0;
      for (int64_t b = 0; b < k; ++b)
        s += g.gram[a * k + b] * d[b];
      e += d[a] * s;
    }
    total += scale[r] * scale[r] * e;
  }
  return total;
}

TableFit::TableFit(int64_t tables, int64_t entries)
    : tables(tables), entries(entries), m(tables * entries * entries, 0.0),
      b(tables * entries, 0.0) {}

void TableFit::add(ArrayRef<float> w, const GptqRows &g,
                   ArrayRef<double> scale, ArrayRef<int64_t> zp,
                   llvm::function_ref<std::pair<int64_t, int64_t>(int64_t)> slot,
                   double damp) {
  int64_t k = g.k;
  int64_t rows = static_cast<int64_t>(g.index.size()) / k;
  std::vector<double> h = dampedGram(g, damp);
  std::vector<double> x(k);
  std::vector<int64_t> e(k);
  for (int64_t r = 0; r < rows; ++r) {
    int64_t t = slot(g.index[r * k]).first;
    for (int64_t a = 0; a < k; ++a) {
      int64_t i = g.index[r * k + a];
      x[a] = w[i] / scale[r] + static_cast<double>(zp[r]);
      e[a] = slot(i).second;
    }
    // d = A T with A one-hot (k x entries): the error (x - A T)^T H (x - A T)
    // gives A^T H A T = A^T H x, each row weighted by its scale squared.
    double s2 = scale[r] * scale[r];
    double *mt = &m[t * entries * entries], *bt = &b[t * entries];
    for (int64_t a = 0; a < k; ++a) {
      const double *ha = &h[a * k];
      double hx = 0;
      for (int64_t c = 0; c < k; ++c) {
        hx += ha[c] * x[c];
        mt[e[a] * entries + e[c]] += s2 * ha[c];
      }
      bt[e[a]] += s2 * hx;
    }
  }
}

void TableFit::solve(llvm::MutableArrayRef<int64_t> table, int64_t qmin,
                     int64_t qmax) const {
  for (int64_t t = 0; t < tables; ++t) {
    std::vector<double> a(m.begin() + t * entries * entries,
                          m.begin() + (t + 1) * entries * entries);
    std::vector<double> rhs(b.begin() + t * entries,
                            b.begin() + (t + 1) * entries);
    // An unused entry: the equation "value = its old value".
    for (int64_t i = 0; i < entries; ++i)
      if (a[i * entries + i] == 0) {
        for (int64_t j = 0; j < entries; ++j)
          a[i * entries + j] = a[j * entries + i] = 0;
        a[i * entries + i] = 1;
        rhs[i] = static_cast<double>(table[t * entries + i]);
      }
    std::vector<double> l = a;
    if (!cholesky(l, entries))
      continue; // degenerate: the table stays as it is
    // L y = rhs, then L^T v = y.
    std::vector<double> v(rhs);
    for (int64_t i = 0; i < entries; ++i) {
      for (int64_t j = 0; j < i; ++j)
        v[i] -= l[i * entries + j] * v[j];
      v[i] /= l[i * entries + i];
    }
    for (int64_t i = entries - 1; i >= 0; --i) {
      for (int64_t j = i + 1; j < entries; ++j)
        v[i] -= l[j * entries + i] * v[j];
      v[i] /= l[i * entries + i];
    }
    for (int64_t i = 0; i < entries; ++i)
      if (std::isfinite(v[i]))
        table[t * entries + i] = static_cast<int64_t>(std::clamp<double>(
            std::nearbyint(v[i]), static_cast<double>(qmin),
            static_cast<double>(qmax)));
  }
}

std::vector<double>
mlir::qnn::cachedGram(llvm::StringRef cacheDir, const ActivationSamples &x,
                      int64_t k, ArrayRef<int64_t> params,
                      llvm::function_ref<std::vector<double>()> compute) {
  if (cacheDir.empty())
    return compute();
  std::string key;
  llvm::raw_string_ostream os(key);
  os << "QNNGRAM1 data="
     << llvm::format_hex_no_prefix(
            llvm::xxh3_64bits(ArrayRef<uint8_t>(
                reinterpret_cast<const uint8_t *>(x.data.data()),
                x.data.size() * sizeof(float))),
            16)
     << " shape=";
  for (int64_t d : x.shape)
    os << d << ",";
  os << " params=";
  for (int64_t p : params)
    os << p << ",";
  llvm::SmallString<256> path(cacheDir);
  llvm::sys::path::append(
      path, "gram-" +
                llvm::utohexstr(llvm::xxh3_64bits(llvm::StringRef(key)), false,
                                16) +
                ".bin");
  // The file: the key, a newline, k (int64), then k * k doubles.
  if (auto buf = llvm::MemoryBuffer::getFile(path)) {
    llvm::StringRef text = (*buf)->getBuffer();
    if (text.size() > key.size() + 9 && text.starts_with(key) &&
        text[key.size()] == '\n') {
      Reader r{text.data() + key.size() + 1, text.data() + text.size()};
      int64_t stored = 0;
      if (r.i64(stored) && stored == k &&
          static_cast<size_t>(r.end - r.p) == static_cast<size_t>(k * k) * 8) {
        std::vector<double> g(k * k);
        r.read(g.data(), g.size() * 8);
        return g;
      }
    }
  }
  std::vector<double> g = compute();
  // Written to a unique file, then renamed: a reader never sees half.
  llvm::SmallString<256> tmp;
  int fd = -1;
  if (!llvm::sys::fs::createUniqueFile(llvm::Twine(path) + ".tmp-%%%%%%", fd,
                                        tmp)) {
    {
      llvm::raw_fd_ostream out(fd, /*shouldClose=*/true);
      out << key << '\n';
      out.write(reinterpret_cast<const char *>(&k), 8);
      out.write(reinterpret_cast<const char *>(g.data()), g.size() * 8);
    }
    if (llvm::sys::fs::rename(tmp, path))
      llvm::sys::fs::remove(tmp);
  }
  return g;
}

// oneDNN peer benchmark for the qnn int8 benchmarks (bench/peers/run_peers.py).
//
// Times, on the CPU engine, the layer shapes of bench/peers (batch 1):
//   - gemm:      matmul M x K x N, int8 (u8 x s8 -> u8, s32 bias, per-column
//                output scales, relu) and fp32 (f32 bias, relu);
//   - conv:      convolution NHWC, int8 (u8 src, s8 weights, s32 bias, u8 dst,
//                per-output-channel output scales, relu post-op) and fp32;
//   - depthwise: the same with groups = channels (multiplier 1).
// Weights are created with format_tag::any (the primitive picks its layout)
// and reordered from a plain layout once, outside the timing. Activations are
// plain (nhwc / ab). The u8 source zero point is 0 unless --src-zp N is given
// (then a common zero point passed at execution time).
//
// Build:  g++ -O2 -std=c++17 onednn_bench.cpp -ldnnl -o onednn_bench
// Run:    OMP_NUM_THREADS=1 ./onednn_bench [--budget SEC] [--dtype int8|fp32|all]
//                                          [--src-zp N] [SHAPE ...]
// SHAPE:  gemm:M,K,N   conv:H,W,C,K,R,STRIDE,PAD   dw:H,W,C,STRIDE
// (without SHAPEs a fixed list is used). The first output line is an "info"
// record; then one JSON line per shape and dtype:
//   {"op":"conv","shape":"56x56x64->64 3x3 s1 p1","dtype":"int8","gops":..,
//    "ms":..,"threads":..,"impl":"..","weights_format":".."}
// GOPS = 2 * MACs / best time. Timing: warm-up, then samples of enough
// back-to-back executions to last >= ~50 us each (one execution for all but
// the smallest layers), best sample over --budget seconds (default 0.5 s)
// per shape and dtype.
// The thread count comes from OMP_NUM_THREADS (the Debian build uses OpenMP);
// the maximal ISA can be capped with DNNL_MAX_CPU_ISA (e.g. AVX512_CORE_VNNI).

#include <oneapi/dnnl/dnnl.hpp>

#include <dlfcn.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace dnnl;
using tag = memory::format_tag;
using dt = memory::data_type;

namespace {

struct Shape {
  std::string op; // gemm | conv | depthwise
  int64_t m = 0, k = 0, n = 0;            // gemm
  int64_t h = 0, w = 0, c = 0, oc = 0;    // conv / depthwise
  int64_t r = 0, stride = 1, pad = 0;
  int64_t groups = 1;

  int64_t oh() const { return (h + 2 * pad - r) / stride + 1; }
  int64_t ow() const { return (w + 2 * pad - r) / stride + 1; }
  double macs() const {
    if (op == "gemm")
      return double(m) * k * n;
    return double(oh()) * ow() * oc * (c / groups) * r * r;
  }
  std::string name() const {
    std::ostringstream s;
    if (op == "gemm")
      s << m << "x" << k << "x" << n;
    else if (op == "conv")
      s << h << "x" << w << "x" << c << "->" << oc << " " << r << "x" << r
        << " s" << stride << " p" << pad;
    else
      s << h << "x" << w << "x" << c << " " << r << "x" << r << " s" << stride
        << " p" << pad;
    return s.str();
  }
  std::string dims_json() const {
    std::ostringstream s;
    if (op == "gemm")
      s << "{\"m\":" << m << ",\"k\":" << k << ",\"n\":" << n << "}";
    else
      s << "{\"h\":" << h << ",\"w\":" << w << ",\"c\":" << c << ",\"oc\":" << oc
        << ",\"kh\":" << r << ",\"kw\":" << r << ",\"stride\":" << stride
        << ",\"pad\":" << pad << ",\"groups\":" << groups << ",\"oh\":" << oh()
        << ",\"ow\":" << ow() << "}";
    return s.str();
  }
};

Shape gemm(int64_t m, int64_t k, int64_t n) {
  Shape s;
  s.op = "gemm";
  s.m = m, s.k = k, s.n = n;
  return s;
}
Shape conv(int64_t h, int64_t w, int64_t c, int64_t oc, int64_t r,
           int64_t stride, int64_t pad) {
  Shape s;
  s.op = "conv";
  s.h = h, s.w = w, s.c = c, s.oc = oc, s.r = r, s.stride = stride, s.pad = pad;
  return s;
}
Shape dw(int64_t h, int64_t w, int64_t c, int64_t stride) {
  Shape s = conv(h, w, c, c, 3, stride, 1);
  s.op = "depthwise";
  s.groups = c;
  return s;
}

std::vector<Shape> default_shapes() {
  return {
      gemm(1024, 1024, 1024), gemm(256, 256, 256),
      // ResNet-18 3x3 convs, stride 1, pad 1.
      conv(56, 56, 64, 64, 3, 1, 1), conv(28, 28, 128, 128, 3, 1, 1),
      conv(14, 14, 256, 256, 3, 1, 1), conv(7, 7, 512, 512, 3, 1, 1),
      // ResNet-18 1x1 stride-2 downsample convs, pad 0.
      conv(56, 56, 64, 128, 1, 2, 0), conv(28, 28, 128, 256, 1, 2, 0),
      conv(14, 14, 256, 512, 1, 2, 0),
      // MobileNetV2 depthwise 3x3, pad 1.
      dw(112, 112, 32, 1), dw(112, 112, 96, 2), dw(56, 56, 144, 1),
      dw(56, 56, 144, 2), dw(28, 28, 192, 1), dw(14, 14, 384, 1),
      dw(14, 14, 576, 1), dw(7, 7, 960, 1),
  };
}

std::vector<int64_t> parse_ints(const std::string &s) {
  std::vector<int64_t> v;
  std::stringstream ss(s);
  std::string tok;
  while (std::getline(ss, tok, ','))
    v.push_back(std::stoll(tok));
  return v;
}

bool parse_shape(const std::string &arg, Shape &out) {
  auto colon = arg.find(':');
  if (colon == std::string::npos)
    return false;
  std::string kind = arg.substr(0, colon);
  auto v = parse_ints(arg.substr(colon + 1));
  if (kind == "gemm" && v.size() == 3)
    out = gemm(v[0], v[1], v[2]);
  else if (kind == "conv" && v.size() == 7)
    out = conv(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
  else if ((kind == "dw" || kind == "depthwise") && v.size() == 4)
    out = dw(v[0], v[1], v[2], v[3]);
  else
    return false;
  return true;
}

const char *isa_name(cpu_isa isa) {
  switch (isa) {
  case cpu_isa::all: return "all";
  case cpu_isa::sse41: return "sse41";
  case cpu_isa::avx: return "avx";
  case cpu_isa::avx2: return "avx2";
  case cpu_isa::avx512_mic: return "avx512_mic";
  case cpu_isa::avx512_mic_4ops: return "avx512_mic_4ops";
  case cpu_isa::avx512_core: return "avx512_core";
  case cpu_isa::avx512_core_vnni: return "avx512_core_vnni";
  case cpu_isa::avx512_core_bf16: return "avx512_core_bf16";
  case cpu_isa::avx512_core_amx: return "avx512_core_amx";
  case cpu_isa::avx2_vnni: return "avx2_vnni";
  }
  return "unknown";
}

const char *runtime_name(unsigned rt) {
  switch (rt) {
  case DNNL_RUNTIME_NONE: return "none";
  case DNNL_RUNTIME_SEQ: return "sequential";
  case DNNL_RUNTIME_OMP: return "OpenMP";
  case DNNL_RUNTIME_TBB: return "TBB";
  case DNNL_RUNTIME_THREADPOOL: return "threadpool";
  default: return "other";
  }
}

// Thread count the OpenMP runtime that libdnnl loaded will use (-1 if none).
int omp_threads() {
  using fn_t = int (*)();
  auto fn = reinterpret_cast<fn_t>(dlsym(RTLD_DEFAULT, "omp_get_max_threads"));
  return fn ? fn() : -1;
}

// oneDNN's own spelling of a blocked layout, e.g. "AcdB16b64a4b" or "ba":
// outer dimensions ordered by decreasing stride (upper case when also
// blocked), then the inner blocks.
std::string format_str(const memory::desc &md) {
  const dnnl_memory_desc_t &d = md.data;
  if (d.format_kind != dnnl_blocked)
    return d.format_kind == dnnl_format_kind_wino ? "wino" : "opaque";
  const auto &b = d.format_desc.blocking;
  int nd = d.ndims;
  std::vector<int> order(nd);
  for (int i = 0; i < nd; ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int c) { return b.strides[a] > b.strides[c]; });
  std::vector<bool> blocked(nd, false);
  for (int i = 0; i < b.inner_nblks; ++i)
    blocked[b.inner_idxs[i]] = true;
  std::string s;
  for (int i : order)
    s += char((blocked[i] ? 'A' : 'a') + i);
  for (int i = 0; i < b.inner_nblks; ++i)
    s += std::to_string(b.inner_blks[i]) + char('a' + b.inner_idxs[i]);
  return s;
}

void fill(memory &mem, std::mt19937 &rng) {
  auto md = mem.get_desc();
  size_t bytes = md.get_size();
  auto *p = static_cast<uint8_t *>(mem.get_data_handle());
  switch (md.data_type()) {
  case dt::f32: {
    std::uniform_real_distribution<float> d(-1.f, 1.f);
    auto *f = reinterpret_cast<float *>(p);
    for (size_t i = 0; i < bytes / 4; ++i)
      f[i] = d(rng);
    break;
  }
  case dt::s32: {
    std::uniform_int_distribution<int32_t> d(-1000, 1000);
    auto *q = reinterpret_cast<int32_t *>(p);
    for (size_t i = 0; i < bytes / 4; ++i)
      q[i] = d(rng);
    break;
  }
  case dt::s8: {
    std::uniform_int_distribution<int> d(-127, 127);
    for (size_t i = 0; i < bytes; ++i)
      p[i] = uint8_t(int8_t(d(rng)));
    break;
  }
  default: {
    std::uniform_int_distribution<int> d(0, 255);
    for (size_t i = 0; i < bytes; ++i)
      p[i] = uint8_t(d(rng));
  }
  }
}

struct Result {
  double best_s;
  std::string impl, wfmt;
};

template <typename F> double time_best(F &&run, double budget_s) {
  using clk = std::chrono::steady_clock;
  auto secs = [](clk::duration d) {
    return std::chrono::duration<double>(d).count();
  };
  // Warm-up (also calibrates the batch size).
  auto t0 = clk::now();
  run();
  double one = secs(clk::now() - t0);
  t0 = clk::now();
  run();
  one = std::min(one, secs(clk::now() - t0));
  // Short samples (>= ~50 us): on a shared machine best-of then still finds
  // windows with no other process on the cores.
  int reps = std::max(1, int(50e-6 / std::max(one, 1e-9)));
  double best = 1e30, spent = 0;
  int samples = 0;
  while (spent < budget_s || samples < 3) {
    auto a = clk::now();
    for (int i = 0; i < reps; ++i)
      run();
    double dtm = secs(clk::now() - a);
    best = std::min(best, dtm / reps);
    spent += dtm;
    ++samples;
  }
  return best;
}

Result bench_one(const Shape &s, bool int8, int src_zp, engine &eng,
                 stream &strm, double budget_s) {
  std::mt19937 rng(42);
  dt src_t = int8 ? dt::u8 : dt::f32;
  dt wei_t = int8 ? dt::s8 : dt::f32;
  dt bia_t = int8 ? dt::s32 : dt::f32;
  dt dst_t = int8 ? dt::u8 : dt::f32;

  primitive_attr attr;
  post_ops po;
  po.append_eltwise(1.f, algorithm::eltwise_relu, 0.f, 0.f);
  attr.set_post_ops(po);
  int64_t nchan = s.op == "gemm" ? s.n : s.oc;
  if (int8) {
    // Requantize: per output channel (conv: dst dim 1) / per column (matmul:
    // dst dim 1) scale.
    std::vector<float> scales(nchan);
    std::uniform_real_distribution<float> d(0.001f, 0.004f);
    for (auto &x : scales)
      x = d(rng);
    attr.set_output_scales(1 << 1, scales);
    if (src_zp != 0) // common u8 activation zero point, given at execution
      attr.set_zero_points(DNNL_ARG_SRC, 0, {DNNL_RUNTIME_S32_VAL});
  }

  memory::desc src_md, wei_user_md, wei_any_md, bia_md, dst_md;
  primitive prim;
  memory::desc wei_md;
  std::string impl;
  if (s.op == "gemm") {
    src_md = memory::desc({s.m, s.k}, src_t, tag::ab);
    wei_user_md = memory::desc({s.k, s.n}, wei_t, tag::ab);
    wei_any_md = memory::desc({s.k, s.n}, wei_t, tag::any);
    bia_md = memory::desc({1, s.n}, bia_t, tag::ab);
    dst_md = memory::desc({s.m, s.n}, dst_t, tag::ab);
    matmul::desc d(src_md, wei_any_md, bia_md, dst_md);
    matmul::primitive_desc pd(d, attr, eng);
    wei_md = pd.weights_desc();
    impl = pd.impl_info_str();
    prim = matmul(pd);
  } else {
    memory::dims src_dims = {1, s.c, s.h, s.w};
    memory::dims dst_dims = {1, s.oc, s.oh(), s.ow()};
    memory::dims wei_dims;
    tag wtag;
    if (s.groups > 1) {
      wei_dims = {s.groups, s.oc / s.groups, s.c / s.groups, s.r, s.r};
      wtag = tag::goihw;
    } else {
      wei_dims = {s.oc, s.c, s.r, s.r};
      wtag = tag::oihw;
    }
    src_md = memory::desc(src_dims, src_t, tag::nhwc);
    wei_user_md = memory::desc(wei_dims, wei_t, wtag);
    wei_any_md = memory::desc(wei_dims, wei_t, tag::any);
    bia_md = memory::desc({s.oc}, bia_t, tag::x);
    dst_md = memory::desc(dst_dims, dst_t, tag::nhwc);
    convolution_forward::desc d(
        prop_kind::forward_inference, algorithm::convolution_direct, src_md,
        wei_any_md, bia_md, dst_md, {s.stride, s.stride}, {s.pad, s.pad},
        {s.pad, s.pad});
    convolution_forward::primitive_desc pd(d, attr, eng);
    wei_md = pd.weights_desc();
    impl = pd.impl_info_str();
    prim = convolution_forward(pd);
  }

  memory src(src_md, eng), wei_user(wei_user_md, eng), wei(wei_md, eng),
      bia(bia_md, eng), dst(dst_md, eng);
  fill(src, rng);
  fill(wei_user, rng);
  fill(bia, rng);
  // Weights reorder to the primitive's layout: once, not timed.
  reorder(wei_user, wei).execute(strm, wei_user, wei);
  strm.wait();

  std::unordered_map<int, memory> args = {{DNNL_ARG_SRC, src},
                                          {DNNL_ARG_WEIGHTS, wei},
                                          {DNNL_ARG_BIAS, bia},
                                          {DNNL_ARG_DST, dst}};
  memory zp_mem;
  if (int8 && src_zp != 0) {
    zp_mem = memory({{1}, dt::s32, tag::x}, eng);
    *static_cast<int32_t *>(zp_mem.get_data_handle()) = src_zp;
    args[DNNL_ARG_ATTR_ZERO_POINTS | DNNL_ARG_SRC] = zp_mem;
  }
  double best = time_best(
      [&] {
        prim.execute(strm, args);
        strm.wait();
      },
      budget_s);
  return {best, impl, format_str(wei_md)};
}

std::string json_escape(const std::string &s) {
  std::string o;
  for (char ch : s) {
    if (ch == '"' || ch == '\\')
      o += '\\';
    o += ch;
  }
  return o;
}

} // namespace

int main(int argc, char **argv) {
  double budget = 0.5;
  int src_zp = 0;
  std::string dtypes = "all";
  std::vector<Shape> shapes;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--budget" && i + 1 < argc) {
      budget = std::atof(argv[++i]);
    } else if (a == "--src-zp" && i + 1 < argc) {
      src_zp = std::atoi(argv[++i]);
    } else if (a == "--dtype" && i + 1 < argc) {
      dtypes = argv[++i];
    } else if (a == "-h" || a == "--help") {
      std::printf("usage: %s [--budget SEC] [--dtype int8|fp32|all] "
                  "[gemm:M,K,N | conv:H,W,C,K,R,STRIDE,PAD | dw:H,W,C,STRIDE]...\n",
                  argv[0]);
      return 0;
    } else {
      Shape s;
      if (!parse_shape(a, s)) {
        std::fprintf(stderr, "bad argument: %s\n", a.c_str());
        return 2;
      }
      shapes.push_back(s);
    }
  }
  if (shapes.empty())
    shapes = default_shapes();

  engine eng(engine::kind::cpu, 0);
  stream strm(eng);
  const dnnl_version_t *v = dnnl_version();
  int threads = omp_threads();
  std::printf("{\"op\":\"info\",\"library\":\"onednn\",\"version\":\"%d.%d.%d\","
              "\"cpu_runtime\":\"%s\",\"isa\":\"%s\",\"threads\":%d}\n",
              v->major, v->minor, v->patch, runtime_name(v->cpu_runtime),
              isa_name(get_effective_cpu_isa()), threads);
  std::fflush(stdout);

  int rc = 0;
  for (const Shape &s : shapes) {
    for (int pass = 0; pass < 2; ++pass) {
      bool int8 = pass == 0;
      if (dtypes != "all" && dtypes != (int8 ? "int8" : "fp32"))
        continue;
      const char *dtn = int8 ? "int8" : "fp32";
      try {
        Result r = bench_one(s, int8, src_zp, eng, strm, budget);
        std::printf("{\"library\":\"onednn\",\"op\":\"%s\",\"shape\":\"%s\","
                    "\"dims\":%s,\"dtype\":\"%s\",\"threads\":%d,"
                    "\"gops\":%.2f,\"ms\":%.5f,\"impl\":\"%s\","
                    "\"weights_format\":\"%s\",\"src_zp\":%d}\n",
                    s.op.c_str(), s.name().c_str(), s.dims_json().c_str(), dtn,
                    threads, 2.0 * s.macs() / r.best_s / 1e9, r.best_s * 1e3,
                    json_escape(r.impl).c_str(), r.wfmt.c_str(),
                    int8 ? src_zp : 0);
      } catch (const dnnl::error &e) {
        rc = 1;
        std::printf("{\"library\":\"onednn\",\"op\":\"%s\",\"shape\":\"%s\","
                    "\"dtype\":\"%s\",\"threads\":%d,\"error\":\"%s\"}\n",
                    s.op.c_str(), s.name().c_str(), dtn, threads,
                    json_escape(e.what()).c_str());
      }
      std::fflush(stdout);
    }
  }
  return rc;
}

// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --check-prefix=FIXED --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'
// RUN: qnn-opt %s --qnn-to-llvm=requant-mode=float | FileCheck %s --check-prefix=FLOAT --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.requantize with a per-axis input (rule N7) in both modes (rule N6).
// M[c] = s_in[c] / 0.5 = {0.25, 0.5, 1.0}.

// Fixed point (N4): 0.25 -> (2^30, -1), 0.5 -> (2^30, 0), 1.0 -> (2^30, 1);
// the shifts are per-channel globals, SRDHM adds 2^30 to an i64 product and shifts it right by 31
// and RDBPOT is an arithmetic shift; no f32 arithmetic. Channel 2 has a left
// shift, so the saturating i64 pre-shift and SRDHM's INT32_MIN saturation
// select stay.
// The output zero point z = 128 (u8, [0, 255]) is shared by all channels:
// both modes clamp in 32 bits to [0 - 128, 255 - 128] = [-128, 127], add z
// in i32 and truncate i32 -> i8 (no i64 clamp).
// FIXED-DAG: llvm.mlir.global private constant @{{.*}}(dense<1073741824> : tensor<3xi32>)
// FIXED-DAG: llvm.mlir.global private constant @{{.*}}(dense<[0, 0, 1]> : tensor<3xi32>)
// FIXED-DAG: llvm.mlir.global private constant @{{.*}}(dense<[1, 0, 0]> : tensor<3xi32>)
// FIXED-DAG: llvm.mlir.global private constant @{{.*}}(dense<[-3, 0, 7]> : tensor<3xi32>)
// FIXED-LABEL: llvm.func @requantize(
// FIXED-SAME: %[[X:arg0]]: !llvm.ptr, %[[Y:arg1]]: !llvm.ptr) {
// FIXED-DAG: %[[ZP:[0-9]+]] = llvm.mlir.constant(128 : i32) : i32
// FIXED-DAG: %[[HI:[0-9]+]] = llvm.mlir.constant(127 : i32) : i32
// FIXED-DAG: %[[LO:[0-9]+]] = llvm.mlir.constant(-128 : i32) : i32
// FIXED-DAG: %[[MIN:[0-9]+]] = llvm.mlir.constant(-2147483648 : i32) : i32
// FIXED-NOT: llvm.fmul
// FIXED-NOT: llvm.intr.roundeven
// FIXED: llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FIXED: llvm.shl %{{.*}}, %{{.*}} : i64
// FIXED: %[[P:.*]] = llvm.mul %{{.*}}, %{{.*}} : i64
// FIXED-NEXT: %[[PS:[0-9]+]] = llvm.add %[[P]], %{{.*}} : i64
// FIXED-NEXT: llvm.ashr %[[PS]], %{{.*}} : i64
// FIXED: llvm.icmp "eq" %{{.*}}, %[[MIN]] : i32
// FIXED: llvm.ashr %{{.*}}, %{{.*}} : i32
// FIXED: %[[MX:[0-9]+]] = llvm.intr.smax(%{{.*}}, %[[LO]]) : (i32, i32) -> i32
// FIXED-NEXT: %[[MN:[0-9]+]] = llvm.intr.smin(%[[MX]], %[[HI]]) : (i32, i32) -> i32
// FIXED-NEXT: %[[S:[0-9]+]] = llvm.add %[[MN]], %[[ZP]] : i32
// FIXED-NEXT: %[[Q:[0-9]+]] = llvm.trunc %[[S]] : i32 to i8
// FIXED: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FIXED: llvm.store %[[Q]], %[[YP]] : i8, !llvm.ptr
// FIXED-NOT: llvm.fmul
// FIXED-NOT: llvm.intr.roundeven
// FIXED: llvm.return{{$}}

// Float (N6.2): f32(M[c]) per channel, an f32 product rounded to even,
// clamped in f32 to [-128, 127] and converted to i32.
// FLOAT-DAG: llvm.mlir.global private constant @{{.*}}(dense<[2.500000e-01, 5.000000e-01, 1.000000e+00]> : tensor<3xf32>)
// FLOAT-DAG: llvm.mlir.global private constant @{{.*}}(dense<[-3, 0, 7]> : tensor<3xi32>)
// FLOAT-LABEL: llvm.func @requantize(
// FLOAT-SAME: %[[X:arg0]]: !llvm.ptr, %[[Y:arg1]]: !llvm.ptr) {
// FLOAT-DAG: %[[ZP:[0-9]+]] = llvm.mlir.constant(128 : i32) : i32
// FLOAT-DAG: %[[HI:[0-9]+]] = llvm.mlir.constant(1.270000e+02 : f32) : f32
// FLOAT-DAG: %[[LO:[0-9]+]] = llvm.mlir.constant(-1.280000e+02 : f32) : f32
// FLOAT-NOT: llvm.ashr %{{.*}}, %{{.*}} : i64
// FLOAT: llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FLOAT: %[[F:.*]] = llvm.sitofp %{{.*}} : i32 to f32
// FLOAT: %[[P:.*]] = llvm.fmul %[[F]], %{{.*}} : f32
// FLOAT: %[[R:[0-9]+]] = llvm.intr.roundeven(%[[P]]) : (f32) -> f32
// FLOAT-NEXT: %[[MX:[0-9]+]] = llvm.intr.maximum(%[[R]], %[[LO]]) : (f32, f32) -> f32
// FLOAT-NEXT: %[[MN:[0-9]+]] = llvm.intr.minimum(%[[MX]], %[[HI]]) : (f32, f32) -> f32
// FLOAT-NEXT: %[[I:[0-9]+]] = llvm.fptosi %[[MN]] : f32 to i32
// FLOAT-NEXT: %[[S:[0-9]+]] = llvm.add %[[I]], %[[ZP]] : i32
// FLOAT-NEXT: %[[Q:[0-9]+]] = llvm.trunc %[[S]] : i32 to i8
// FLOAT: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FLOAT: llvm.store %[[Q]], %[[YP]] : i8, !llvm.ptr
// FLOAT-NOT: llvm.ashr %{{.*}}, %{{.*}} : i64
// FLOAT: llvm.return{{$}}
func.func @requantize(%x: tensor<2x3x!quant.uniform<i8:f32:1, {0.125:-3, 0.25:0, 0.5:7}>>)
    -> tensor<2x3x!quant.uniform<u8:f32, 0.5:128>> {
  %y = qnn.requantize %x : tensor<2x3x!quant.uniform<i8:f32:1, {0.125:-3, 0.25:0, 0.5:7}>>
                        -> tensor<2x3x!quant.uniform<u8:f32, 0.5:128>>
  return %y : tensor<2x3x!quant.uniform<u8:f32, 0.5:128>>
}

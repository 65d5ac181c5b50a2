// RUN: rm -f %t.so %t.float.so
// RUN: qnn-compile %s -o %t.so
// RUN: qnn-compile %s --requant-mode=float -o %t.float.so
// RUN: %call %t.so quantize_u8 f32:0.25,0.75,-0.75,-0.25,63.5,63.75,-64.0,-64.5,nan,inf,-inf,1e30 out:u8:12 | FileCheck %s --match-full-lines --check-prefix=U8
// RUN: %call %t.float.so quantize_u8 f32:0.25,0.75,-0.75,-0.25,63.5,63.75,-64.0,-64.5,nan,inf,-inf,1e30 out:u8:12 | FileCheck %s --match-full-lines --check-prefix=U8
// RUN: %call %t.so quantize_per_axis f32:1.125,5.0,0.25,-40.0,300.0,0.35 out:i8:6 | FileCheck %s --match-full-lines --check-prefix=AXIS
// RUN: %call %t.so quantize_narrow f32:-1000,-127.5,-126.5,127.5,1000 out:i8:5 | FileCheck %s --match-full-lines --check-prefix=NARROW
// RUN: %call %t.so quantize_i16 f32:2048,2060,-2041.5,-2042,0.03125 out:i16:5 | FileCheck %s --match-full-lines --check-prefix=I16
// RUN: %call %t.so quantize_i4 f32:4.25,4.75,-3.0,-3.25,-2.25 out:i8:5 | FileCheck %s --match-full-lines --check-prefix=I4

// qnn.quantize (rule N2): r = round_half_to_even(f32(x) / f32(s)),
// q = clamp(r + zp, qmin, qmax), NaN -> zp. The op does not requantize, so
// the float-mode library gives the same bytes (second U8 run).

// u8, s = 0.5, zp = 128 (exact scale, the division is exact):
//   0.25 -> 0.5 -> 0 -> 128;  0.75 -> 1.5 -> 2 -> 130;  -0.75 -> -1.5 -> -2 -> 126;
//   -0.25 -> -0.5 -> -0 -> 128;  63.5 -> 127 -> 255 (= qmax);  63.75 -> 127.5 -> 128
//   -> 256 -> 255;  -64 -> -128 -> 0 (= qmin);  -64.5 -> -129 -> -1 -> 0;
//   NaN -> zp = 128;  +inf -> 255;  -inf -> 0;  1e30 -> 255.
// U8: out0: 128 130 126 128 255 255 0 0 128 255 0 255
func.func @quantize_u8(%x: tensor<12xf32>) -> tensor<12x!quant.uniform<u8:f32, 0.5:128>> {
  %q = qnn.quantize %x : tensor<12xf32> -> tensor<12x!quant.uniform<u8:f32, 0.5:128>>
  return %q : tensor<12x!quant.uniform<u8:f32, 0.5:128>>
}

// Per axis 1 (N1.3), {0.25:-5, 2.0:10, 0.1:0}, x = [[1.125, 5.0, 0.25], [-40, 300, 0.35]]:
//   ch0: 1.125 / 0.25 = 4.5 -> 4 -> -1;  -40 / 0.25 = -160 -> -165 -> -128.
//   ch1: 5 / 2 = 2.5 -> 2 -> 12;  300 / 2 = 150 -> 160 -> 127.
//   ch2: f32(0.25) / f32(0.1) = 0.25 / 0.100000001 rounds to 2.5 in f32 -> 2;
//        f32(0.35) / f32(0.1) = 0.349999994 / 0.100000001 rounds to 3.5 -> 4.
// AXIS: out0: -1 12 2 -128 127 4
func.func @quantize_per_axis(%x: tensor<2x3xf32>)
    -> tensor<2x3x!quant.uniform<i8:f32:1, {0.25:-5, 2.0:10, 0.1:0}>> {
  %q = qnn.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32:1, {0.25:-5, 2.0:10, 0.1:0}>>
  return %q : tensor<2x3x!quant.uniform<i8:f32:1, {0.25:-5, 2.0:10, 0.1:0}>>
}

// Narrow range i8<-127:127>, s = 1: -1000 -> -127 (not -128); -127.5 -> -128
// (tie to even) -> clamped to -127; -126.5 -> -126 (tie to even); 127.5 -> 128
// -> 127; 1000 -> 127.
// NARROW: out0: -127 -127 -126 127 127
func.func @quantize_narrow(%x: tensor<5xf32>) -> tensor<5x!quant.uniform<i8<-127:127>:f32, 1.0>> {
  %q = qnn.quantize %x : tensor<5xf32> -> tensor<5x!quant.uniform<i8<-127:127>:f32, 1.0>>
  return %q : tensor<5x!quant.uniform<i8<-127:127>:f32, 1.0>>
}

// i16 storage (int16_t container), s = 2^-4, zp = -100:
//   2048 -> 32768 - 100 = 32668;  2060 -> 32960 - 100 = 32860 -> 32767;
//   -2041.5 -> -32664 - 100 = -32764;  -2042 -> -32672 - 100 -> -32768;
//   0.03125 -> 0.5 -> 0 (tie to even) -> -100.
// I16: out0: 32668 32767 -32764 -32768 -100
func.func @quantize_i16(%x: tensor<5xf32>) -> tensor<5x!quant.uniform<i16:f32, 0.0625:-100>> {
  %q = qnn.quantize %x : tensor<5xf32> -> tensor<5x!quant.uniform<i16:f32, 0.0625:-100>>
  return %q : tensor<5x!quant.uniform<i16:f32, 0.0625:-100>>
}

// i4 storage (range -8..7, one int8_t per element), s = 0.5, zp = -2:
//   4.25 -> 8.5 -> 8 -> 6;  4.75 -> 9.5 -> 10 -> 8 -> 7;  -3 -> -6 -> -8;
//   -3.25 -> -6.5 -> -6 -> -8;  -2.25 -> -4.5 -> -4 -> -6.
// I4: out0: 6 7 -8 -8 -6
func.func @quantize_i4(%x: tensor<5xf32>) -> tensor<5x!quant.uniform<i4:f32, 0.5:-2>> {
  %q = qnn.quantize %x : tensor<5xf32> -> tensor<5x!quant.uniform<i4:f32, 0.5:-2>>
  return %q : tensor<5x!quant.uniform<i4:f32, 0.5:-2>>
}

// RUN: rm -f %t.so %t.so-*.tmp %t.arm.so %t.arm.so-*.tmp %t.none.so %t.none.so-*.tmp
// An explicit driver links the shared library.
// RUN: qnn-compile %s --linker=cc -o %t.so
// RUN: llvm-nm -D --defined-only %t.so | FileCheck %s
// RUN: rm -f %t.so
// So does $CC.
// RUN: env CC=cc qnn-compile %s -o %t.so
// RUN: llvm-nm -D --defined-only %t.so | FileCheck %s
// A driver that does not exist: an error naming it, no output, no temporary.
// RUN: not qnn-compile %s --linker=%t.no-such-driver -o %t.none.so 2>&1 | FileCheck %s --check-prefix=NODRIVER
// RUN: not test -e %t.none.so
// RUN: not ls %t.none.so-*.tmp
// RUN: not env CC=%t.no-such-driver qnn-compile %s -o %t.none.so 2>&1 | FileCheck %s --check-prefix=NODRIVER
// RUN: not test -e %t.none.so
// A failing link (an AArch64 object linked by the host driver): an error,
// no output, no temporary.
// RUN: not qnn-compile %s --mtriple=aarch64-linux-gnu -o %t.arm.so 2>&1 | FileCheck %s --check-prefix=LINKFAIL
// RUN: not test -e %t.arm.so
// RUN: not ls %t.arm.so-*.tmp

// CHECK: T observe
// NODRIVER: qnn-compile: error: {{.*}}no-such-driver
// LINKFAIL: qnn-compile: error: linking '{{.*}}.arm.so' with '{{.*}}' failed
func.func @observe(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = qnn.observe %x {id = 0 : i64} : tensor<4xf32>
  return %y : tensor<4xf32>
}

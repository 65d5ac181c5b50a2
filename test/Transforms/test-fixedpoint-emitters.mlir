// RUN: qnn-opt %s -split-input-file --qnn-test-fixedpoint-emitters -verify-diagnostics | FileCheck %s

// The test-only pass gives marked declarations bodies built with the
// reference lowering's fixed-point emitters (rules N5.1, N5.2);
// test/Integration/test_fixedpoint.py runs them against gemmlowp.

// CHECK-LABEL: func.func @srdhm
// CHECK-SAME: (%[[A:.*]]: i32, %[[B:.*]]: i32) -> i32
// CHECK-NOT: qnn.test_emitter
// CHECK: arith.muli
// CHECK: arith.shrsi
// CHECK: arith.select
// CHECK: return
func.func private @srdhm(i32, i32) -> i32 attributes {qnn.test_emitter = "srdhm"}

// CHECK-LABEL: func.func @rdbpot
// CHECK: arith.shli
// CHECK: arith.shrsi
// CHECK: return
func.func private @rdbpot(i32, i32) -> i32 attributes {qnn.test_emitter = "rdbpot"}

// Unmarked declarations are left alone.
// CHECK-LABEL: func.func private @other(i32) -> i32
func.func private @other(i32) -> i32

// -----

// expected-error @+1 {{qnn.test_emitter needs an external function of i32 arguments returning i32, with kind srdhm, rdbpot or mbqm}}
func.func private @wrong_arity(i32) -> i32 attributes {qnn.test_emitter = "srdhm"}

// -----

// expected-error @+1 {{qnn.test_emitter needs an external function of i32 arguments returning i32, with kind srdhm, rdbpot or mbqm}}
func.func private @unknown_kind(i32, i32) -> i32 attributes {qnn.test_emitter = "nope"}

// RUN: qnn-opt %s --qnn-forward-loop-annotations | FileCheck %s
// RUN: qnn-opt %s --qnn-forward-loop-annotations | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=IR

// The discardable attribute that convert-scf-to-cf and convert-cf-to-llvm
// leave on a loop's back edge becomes the branch's loop_annotation, which
// translation turns into !llvm.loop metadata; a branch with its own
// annotation keeps it; branches without any are untouched.
#disable = #llvm.loop_annotation<unroll = <disable = true>>
#count = #llvm.loop_annotation<unroll = <count = 4 : i32>>

// CHECK-DAG: #[[UDIS:.*]] = #llvm.loop_unroll<disable = true>
// CHECK-DAG: #[[UCNT:.*]] = #llvm.loop_unroll<count = 4 : i32>
// CHECK-DAG: #[[DIS:.*]] = #llvm.loop_annotation<unroll = #[[UDIS]]>
// CHECK-DAG: #[[CNT:.*]] = #llvm.loop_annotation<unroll = #[[UCNT]]>
// CHECK-LABEL: llvm.func @loop
// CHECK: llvm.cond_br %{{.*}}, ^bb2, ^bb3{{$}}
// CHECK: llvm.br ^bb1(%{{.*}} : i64) {loop_annotation = #[[DIS]]}
// CHECK-NOT: llvm.loop_annotation
// IR-LABEL: define void @loop
// IR: br label %{{.*}}, !llvm.loop ![[LOOP:[0-9]+]]
llvm.func @loop(%n: i64, %p: !llvm.ptr) {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i64) : i64
  %v = llvm.mlir.constant(7 : i8) : i8
  llvm.br ^bb1(%c0 : i64)
^bb1(%i: i64):
  %lt = llvm.icmp "slt" %i, %n : i64
  llvm.cond_br %lt, ^bb2, ^bb3
^bb2:
  %q = llvm.getelementptr %p[%i] : (!llvm.ptr, i64) -> !llvm.ptr, i8
  llvm.store %v, %q : i8, !llvm.ptr
  %next = llvm.add %i, %c1 : i64
  llvm.br ^bb1(%next : i64) {llvm.loop_annotation = #disable}
^bb3:
  llvm.return
}

// CHECK-LABEL: llvm.func @own
// CHECK: llvm.br ^bb1(%{{.*}} : i64) {loop_annotation = #[[CNT]]}
// CHECK-NOT: llvm.loop_annotation
llvm.func @own(%n: i64) {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i64) : i64
  llvm.br ^bb1(%c0 : i64)
^bb1(%i: i64):
  %lt = llvm.icmp "slt" %i, %n : i64
  llvm.cond_br %lt, ^bb2, ^bb3
^bb2:
  %next = llvm.add %i, %c1 : i64
  llvm.br ^bb1(%next : i64) {llvm.loop_annotation = #disable, loop_annotation = #count}
^bb3:
  llvm.return
}

// IR: ![[LOOP]] = distinct !{![[LOOP]], ![[DIS:[0-9]+]]}
// IR: ![[DIS]] = !{!"llvm.loop.unroll.disable"}

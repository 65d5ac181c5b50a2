// External functions that qnn-opt --qnn-test-fixedpoint-emitters fills with
// the fixed-point arithmetic of the reference lowering (rules N5, N5.1,
// N5.2); fixedpoint_conformance.cpp checks them against gemmlowp.
func.func private @srdhm(i32, i32) -> i32 attributes {qnn.test_emitter = "srdhm"}
func.func private @rdbpot(i32, i32) -> i32 attributes {qnn.test_emitter = "rdbpot"}
func.func private @mbqm(i32, i32, i32, i32) -> i32 attributes {qnn.test_emitter = "mbqm"}

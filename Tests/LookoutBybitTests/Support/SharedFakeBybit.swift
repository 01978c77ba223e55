import TestSupport

/// The fake Bybit server shared by this test target's suites, started on first use.
let sharedFakeBybit = Result { try PythonFixture(script: "fake_bybit.py", target: "LookoutBybitTests") }

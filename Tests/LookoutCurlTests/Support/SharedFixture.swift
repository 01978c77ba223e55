import TestSupport

/// The HTTP fixture server shared by this test target's suites, started on first use.
let sharedFixture = Result { try PythonFixture(script: "fixture_server.py", target: "LookoutCurlTests") }

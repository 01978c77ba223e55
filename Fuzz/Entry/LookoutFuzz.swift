// libFuzzer entry point for the targets in Fuzz/Checks. scripts/fuzz builds this package with
// -sanitize=fuzzer,address and runs the binary once per target, naming the target in the
// LOOKOUT_FUZZ_TARGET environment variable (accept, bybit, cache-codec, serve-config, promql).
import Glibc

/// The target this process fuzzes, read once before the first input.
nonisolated(unsafe) private var selectedTarget: FuzzTarget?

/// Reads LOOKOUT_FUZZ_TARGET; an unknown or missing name stops the run with the list.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    let name = getenv("LOOKOUT_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let known = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        let message = "lookout-fuzz: set LOOKOUT_FUZZ_TARGET to one of: \(known) (got '\(name)')\n"
        _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        exit(2)
    }
    selectedTarget = target
    return 0
}

/// Runs the selected target's check; a broken invariant is a crash libFuzzer saves.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let target = selectedTarget else { return 0 }
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let problems = target.check(bytes)
    if !problems.isEmpty {
        fatalError("\(target.rawValue): \(problems.joined(separator: "; "))")
    }
    return 0
}

/// libFuzzer's driver, for programs that keep their own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links every executable with `main` aliased to `<module>_main` (for test
/// discovery), which hides libFuzzer's own `main`; this one hands the command line to
/// libFuzzer's driver instead.
@_cdecl("LookoutFuzz_main")
public func lookoutFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}

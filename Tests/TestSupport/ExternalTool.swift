import Foundation

/// Runs the real external programs tests validate against (promtool, amtool, python3,
/// prometheus, redis-server), failing with the command that installs a missing one.
public struct ExternalTool: Sendable {
    /// The program's name on `PATH`.
    public let name: String
    /// The command that installs it on Debian, shown when it is missing.
    public let installHint: String
    /// Whether it is one of this package's executables, found beside the test bundle.
    private let isBuiltProduct: Bool

    public init(_ name: String, install installHint: String) {
        self.name = name
        self.installHint = installHint
        isBuiltProduct = false
    }

    private init(product name: String) {
        self.name = name
        installHint = "swift build --build-tests (or `swift build --product \(name)`)"
        isBuiltProduct = true
    }

    /// An executable product of this package (`lookout`, `bybit-sim`), from the build
    /// folder the running tests came from.
    public static func builtProduct(_ name: String) -> ExternalTool { ExternalTool(product: name) }

    public static let promtool = ExternalTool("promtool", install: "apt-get install -y prometheus (or run `make test`, which installs it)")
    public static let amtool = ExternalTool("amtool", install: "apt-get install -y prometheus-alertmanager (or run `make test`)")
    public static let prometheus = ExternalTool("prometheus", install: "apt-get install -y prometheus (or run `make test`)")
    public static let python3 = ExternalTool("python3", install: "apt-get install -y python3 python3-pip")

    /// The tool's absolute path.
    /// - Throws: ``ExternalToolError`` naming the install command when it is not on `PATH`.
    public func path() throws -> String {
        if isBuiltProduct {
            let tests = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
            let candidate = tests.deletingLastPathComponent().appendingPathComponent(name).path
            guard FileManager.default.isExecutableFile(atPath: candidate) else {
                throw ExternalToolError(message: "'\(name)' is not built next to the tests (\(candidate)); build it with: \(installHint)")
            }
            return candidate
        }
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in directories {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw ExternalToolError(message: "'\(name)' is not installed; install it with: \(installHint)")
    }

    /// The result of running a tool to completion.
    public struct Output: Sendable {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String
    }

    /// Runs the tool with `arguments`, feeding `input` on standard input, and waits at
    /// most `timeout` for it to finish (then kills it and throws).
    public func run(_ arguments: [String], input: [UInt8]? = nil, timeout: Duration = .seconds(60),
                    environment: [String: String]? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path())
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input)) }
        try stdin.fileHandleForWriting.close()
        // Drain both pipes concurrently so a chatty tool cannot block on a full pipe.
        let collected = CollectedOutput()
        let group = DispatchGroup()
        for (pipe, isError) in [(stdout, false), (stderr, true)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collected.store(data, isError: isError)
                group.leave()
            }
        }
        let seconds = Double(timeout.components.seconds)
        if group.wait(timeout: .now() + seconds) == .timedOut {
            process.terminate()
            throw ExternalToolError(message: "\(name) \(arguments.joined(separator: " ")) did not finish within \(seconds) s")
        }
        process.waitUntilExit()
        return Output(status: process.terminationStatus, standardOutput: collected.text(isError: false), standardError: collected.text(isError: true))
    }
}

/// A missing tool or a tool that did not finish.
public struct ExternalToolError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

private final class CollectedOutput: @unchecked Sendable {
    // @unchecked Sendable: both fields are only touched under `lock`.
    private let lock = NSLock()
    private var output = Data()
    private var error = Data()

    func store(_ data: Data, isError: Bool) {
        lock.lock(); defer { lock.unlock() }
        if isError { error = data } else { output = data }
    }

    func text(isError: Bool) -> String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: isError ? error : output, as: UTF8.self)
    }
}

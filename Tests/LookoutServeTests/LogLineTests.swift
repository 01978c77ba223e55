import Foundation
import Testing
@testable import lookout

@Suite("Structured log lines")
struct LogLineTests {
    private let fields = [
        LogField("path", "/a b"), LogField("status", 200), LogField("duration_ms", 0.000412), LogField("cached", true),
        LogField("error", "said \"no\"\nthen left"), LogField("empty", ""), LogField("equals", "a=b"), LogField("big", 12.5),
    ]

    @Test func logfmtQuotesOnlyWhatNeedsIt() {
        #expect(LogLine.render(time: "2026-01-31T23:59:07.125Z", level: .warning, message: "slow request", fields: fields, format: .logfmt)
            == #"time=2026-01-31T23:59:07.125Z level=warning msg="slow request" path="/a b" status=200 duration_ms=0.000412 cached=true error="said \"no\"\nthen left" empty="" equals="a=b" big=12.5"# + "\n")
    }

    @Test func jsonKeepsNumbersAndAFixedKeyOrder() throws {
        let line = LogLine.render(time: "2026-01-31T23:59:07.125Z", level: .info, message: "request", fields: fields, format: .json)
        #expect(line == #"{"time":"2026-01-31T23:59:07.125Z","level":"info","msg":"request","path":"/a b","status":200,"duration_ms":0.000412,"cached":true,"error":"said \"no\"\nthen left","empty":"","equals":"a=b","big":12.5}"# + "\n")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["status"] as? Int == 200)
        #expect(object["error"] as? String == "said \"no\"\nthen left")
    }

    @Test(arguments: [(3.0, "3"), (12.5, "12.5"), (0.000412, "0.000412"), (0.0000004, "0"), (-1.5, "-1.5"),
                      (-0.25, "-0.25"), (1_234_567.000001, "1234567.000001"), (Double.nan, "NaN")])
    func numbersAreShortAndExact(value: Double, text: String) {
        #expect(LogLine.formatted(value) == text)
    }

    @Test func timestampsAreRFC3339InUTCWithMilliseconds() throws {
        let stamp = LogLine.timestamp()
        let pattern = try Regex(#"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"#)
        #expect(stamp.wholeMatch(of: pattern) != nil, "got \(stamp)")
    }

    @Test func theLoggerWritesEnabledLevelsInOrderWhenFlushed() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        defer { close(descriptors[0]) }
        let logger = Logger(level: .info, format: .logfmt, fileDescriptor: descriptors[1])
        logger.log(.debug, "hidden")
        for index in 0..<100 { logger.log(.info, "line", [LogField("n", index)]) }
        logger.log(.error, "failed")
        logger.flush()
        close(descriptors[1])
        let output = String(decoding: FileHandle(fileDescriptor: descriptors[0]).readDataToEndOfFile(), as: UTF8.self)
        let lines = output.split(separator: "\n").map { $0.split(separator: " ").dropFirst().joined(separator: " ") }
        #expect(lines == (0..<100).map { "level=info msg=line n=\($0)" } + ["level=error msg=failed"])
    }
}

import Foundation
import Testing
@testable import LookoutCatalog
@testable import LookoutCatalogGenerator
import TestSupport

@Suite("YAML writer")
struct YAMLWriterTests {
    @Test("scalars are plain only when unambiguous", arguments: [
        ("job:http_requests:rate5m", "job:http_requests:rate5m"),
        ("sum by (job) (rate(x_total{code=~\"5..\"}[5m])) > 0.05", "sum by (job) (rate(x_total{code=~\"5..\"}[5m])) > 0.05"),
        ("5m", "5m"),
        ("0.99", "'0.99'"),
        ("1000x30", "'1000x30'"),
        ("true", "'true'"),
        ("No", "'No'"),
        ("", "''"),
        ("{{ $labels.job }} is down", "'{{ $labels.job }} is down'"),
        ("a: b", "'a: b'"),
        ("it's", "it's"),
        ("'quoted'", "'''quoted'''"),
        ("- dash", "'- dash'"),
        ("two\nlines", "\"two\\nlines\""),
        ("severity=\"critical\"", "severity=\"critical\""),
    ])
    func scalar(_ input: String, _ expected: String) {
        #expect(YAMLWriter.scalar(input) == expected)
    }

    @Test("nested mappings and sequences render in block style")
    func document() {
        let node = YAMLNode.mapping([
            .init("groups", .sequence([.mapping([
                .init("name", .string("g")),
                .init("rules", .sequence([.mapping([.init("record", .string("a:b:c")), .init("labels", .sortedStrings(["z": "1", "a": "x"]))])])),
                .init("empty", .sequence([])),
            ])])),
            .init("list", .strings(["one", "two"])),
            .init("flag", .raw("true")),
        ])
        let expected = """
            # header
            #
            groups:
              - name: g
                rules:
                  - record: a:b:c
                    labels:
                      a: x
                      z: '1'
                empty: []
            list:
              - one
              - two
            flag: true

            """
        #expect(YAMLWriter.render(node, headerComment: ["header", ""]) == expected)
    }

    @Test("every scalar reads back as the same string in PyYAML")
    func roundTrip() throws {
        let samples = ["plain", "0.5", "yes", "null", "~", "a: b", "x #y", "#c", "'q'", "\"d\"", "tab\there", "line\nbreak", "ünï", " lead", "trail ", "@at", "%p", "`b`", "-1", ".inf", "0x1F", "12:30", "[1]", "{a}", "*ref", "&anc", "!tag", "|pipe", ">fold", "?q", ","]
        let node = YAMLNode.mapping(samples.enumerated().map { .init("k\($0.offset)", .string($0.element)) })
        let script = "import json,sys,yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))"
        let output = try ExternalTool.python3.run(["-c", script], input: Array(YAMLWriter.render(node).utf8))
        #expect(output.status == 0, "\(output.standardError) (install PyYAML with: python3 -m pip install pyyaml)")
        let decoded = try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: String]
        for (index, sample) in samples.enumerated() {
            #expect(decoded?["k\(index)"] == sample, "sample \(index): \(sample.debugDescription)")
        }
    }
}

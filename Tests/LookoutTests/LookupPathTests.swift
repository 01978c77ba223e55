import Foundation
@testable import Lookout
import Testing

/// The fast paths added for realistic shapes: long label values read from their storage,
/// hashes kept beside table slots, branch-free bucket selection, and lookups that never
/// create.
@Suite struct LookupPathTests {
    /// Strings of every storage form this platform produces, all longer than 15 bytes.
    static var largeStrings: [String] {
        let literal = "a literal label value, long enough"
        let native = String(repeating: "route/", count: 5) + String(42)
        let fromSubstring = String("xx/api/v1/market/klines/{symbol}/yy".dropFirst(2).dropLast(3))
        let bridged = NSString(string: "bridged through NSString, long").description
        let escaped = "quote\" and back\\slash and new\nline"
        let unicode = "日本語のラベル値はとても長いです"
        return [literal, native, fromSubstring, bridged, escaped, unicode, String(repeating: "z", count: 16), String(repeating: "w", count: 40)]
    }

    @Test func contiguousLargeStringsAreReadFromTheirStorage() {
        for value in Self.largeStrings {
            var copy = value
            let expected = copy.withUTF8 { Array($0) }
            let words = withUnsafeBytes(of: value) { ($0.load(as: UInt64.self), $0.load(fromByteOffset: 8, as: UInt64.self)) }
            guard let bytes = LabelKey.contiguousLarge(words.0, words.1) else { continue }
            withExtendedLifetime(value) {
                #expect(Array(bytes) == expected, "\(value)")
            }
        }
    }

    @Test func hashDependsOnlyOnTheBytes() {
        // The same bytes in a small string and in a large (native) one hash alike.
        for length in 0...15 {
            let small = String(repeating: "k", count: length)
            var large = String(repeating: "k", count: length)
            large.reserveCapacity(64) // forces native, non-small storage
            let hashes = [small, large].map { value in [value].withUnsafeBufferPointer { LabelKey.hash($0, seed: 99).hash } }
            #expect(hashes[0] == hashes[1], "length \(length)")
        }
    }

    @Test func hashReadsEveryByteOfLongValuesOnce() {
        // Loads ending at a value's last byte (for its partial words) see exactly the
        // bytes a zero-padded copy would: a native string and a bridged one (hashed
        // through a copy of its bytes) agree, and changing any byte changes the hash.
        func hash(_ value: String) -> UInt64 { [value].withUnsafeBufferPointer { LabelKey.hash($0, seed: 7).hash } }
        for length in 1...48 {
            let bytes = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            var native = String(decoding: bytes, as: UTF8.self)
            native.reserveCapacity(64)
            let bridged = NSString(string: String(decoding: bytes, as: UTF8.self)).description
            #expect(hash(native) == hash(bridged), "length \(length)")
            for position in [0, length / 2, length - 1] {
                var changed = bytes
                changed[position] = UInt8(ascii: "Z")
                #expect(hash(String(decoding: changed, as: UTF8.self)) != hash(native), "length \(length), byte \(position)")
            }
        }
    }

    @Test func longValuesFindTheirSeriesInABigFamily() throws {
        let registry = Registry()
        let family = try registry.counterFamily("big_total", help: "Big.", labelNames: ["route", "instance"])
        let keys = (0..<10_000).map { ("/api/v2/accounts/{account}/orders/\($0 % 100)", "market-data-worker-\($0 / 100)-eu-central-1") }
        for (route, instance) in keys { family.labels(route, instance).inc() }
        for (route, instance) in keys.reversed() { family.labels(route, instance).inc(by: 2) }
        #expect(family.seriesCount == 10_000)
        #expect(family.series.allSatisfy { $0.value == 3 })
        for value in Self.largeStrings { family.labels(value, value).inc() }
        for value in Self.largeStrings { #expect(family.labels(value, value).value == 1, "\(value)") }
    }

    @Test func existingChildNeverCreates() throws {
        let registry = Registry()
        let family = try registry.gaugeFamily("levels", help: "Levels.", labelNames: ["name"])
        #expect(family.existingChild(labelValues: ["a long value that is not small"]) == nil)
        #expect(family.seriesCount == 0)
        let created = family.labels("a long value that is not small")
        #expect(family.existingChild(labelValues: ["a long value that is not small"]) === created)
        #expect(family.existingChild(labelValues: ["a", "b"]) == nil)
        #expect(family.seriesCount == 1)
        family.remove(labelValues: ["a long value that is not small"])
        #expect(family.existingChild(labelValues: ["a long value that is not small"]) == nil)
        #expect(family.seriesCount == 0)
    }

    @Test(arguments: [Buckets.default, try! Buckets.exponential(start: 0.0001, factor: 1.3, count: 60), try! Buckets([1])])
    func bucketSelectionMatchesTheDefinition(buckets: Buckets) {
        var values = buckets.upperBounds + buckets.upperBounds.map { $0.nextUp } + buckets.upperBounds.map { $0.nextDown }
        values += [-.infinity, .infinity, -1, 0, .greatestFiniteMagnitude]
        var state: UInt64 = 1
        for _ in 0..<1_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values.append(Double(state >> 11) * 0x1p-53 * (buckets.upperBounds.last! * 1.5))
        }
        let bounds = UnsafePointer(buckets.searchTable.bounds)
        for value in values {
            let expected = buckets.upperBounds.firstIndex { value <= $0 } ?? buckets.upperBounds.count
            #expect(BucketSearchTable.index(of: value, in: bounds, count: buckets.upperBounds.count) == expected, "\(value)")
        }
    }
}

/// A growable byte buffer that exposition writes into, reusable across scrapes.
///
/// Keep one per thread or connection and call ``removeAll()`` between scrapes: its
/// capacity is kept, so steady-state exposition allocates nothing for the body.
/// `~Copyable` because it owns its memory; not thread-safe.
public struct ExpositionBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    /// Bytes written so far.
    public private(set) var count: Int
    /// Bytes the buffer can hold before it grows.
    public private(set) var capacity: Int

    /// An empty buffer with room for `capacity` bytes.
    public init(capacity: Int = 16 * 1024) {
        self.capacity = max(capacity, 64)
        self.base = .allocate(capacity: self.capacity)
        self.count = 0
    }

    deinit { base.deallocate() }

    /// Forgets the contents and keeps the capacity.
    public mutating func removeAll() { count = 0 }

    /// Calls `body` with the bytes written so far.
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// A copy of the bytes written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The contents decoded as UTF-8 (for tests and debugging).
    public var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// Makes room for `extra` more bytes, for a run of ``appendUnchecked(_:)-(UInt8)`` calls.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private mutating func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Appends one byte.
    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Appends one byte into room made by ``reserve(_:)``.
    @inline(__always)
    mutating func appendUnchecked(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    /// Appends bytes into room made by ``reserve(_:)``.
    @inline(__always)
    mutating func appendUnchecked(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            guard let source = raw.baseAddress else { return }
            Self.copy(from: source, to: UnsafeMutableRawPointer(base + count), count: raw.count)
            count += raw.count
        }
    }

    /// Appends raw bytes into room made by ``reserve(_:)``.
    @inline(__always)
    mutating func appendUnchecked(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        Self.copy(from: source, to: UnsafeMutableRawPointer(base + count), count: bytes.count)
        count += bytes.count
    }

    /// Appends raw bytes.
    @inline(__always)
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        Self.copy(from: source, to: UnsafeMutableRawPointer(base + count), count: bytes.count)
        count += bytes.count
    }

    /// Copies `count` bytes. Exposition appends many short pieces (names, labels,
    /// digits); for those, overlapping word copies beat a call to `memmove`.
    @inline(__always)
    private static func copy(from source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, count: Int) {
        switch count {
        case 8...32:
            var offset = 0
            while offset + 8 < count {
                destination.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
                offset += 8
            }
            let last = count - 8
            destination.storeBytes(of: source.loadUnaligned(fromByteOffset: last, as: UInt64.self), toByteOffset: last, as: UInt64.self)
        case 4..<8:
            destination.storeBytes(of: source.loadUnaligned(as: UInt32.self), as: UInt32.self)
            destination.storeBytes(of: source.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self), toByteOffset: count - 4, as: UInt32.self)
        case 0..<4:
            for offset in 0..<count {
                destination.storeBytes(of: source.load(fromByteOffset: offset, as: UInt8.self), toByteOffset: offset, as: UInt8.self)
            }
        default:
            destination.copyMemory(from: source, byteCount: count)
        }
    }

    /// Appends the bytes of `array`.
    @inline(__always)
    public mutating func append(_ array: [UInt8]) {
        array.withUnsafeBytes { append($0) }
    }

    /// Appends the UTF-8 bytes of `string`.
    @inline(__always)
    public mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends the ASCII decimal digits of `value`.
    public mutating func appendDecimal(_ value: UInt64) {
        reserve(20)
        if value < 10 {
            base[count] = UInt8(truncatingIfNeeded: value) &+ 0x30
            count += 1
            return
        }
        var digits = 2
        var threshold: UInt64 = 100
        while digits < 20, value >= threshold {
            digits += 1
            threshold = threshold &* 10
        }
        // Two digits per division, written backwards straight into the buffer.
        let pairs = Self.digitPairs.utf8Start
        var position = count + digits
        var remaining = value
        while remaining >= 100 {
            let pair = Int(truncatingIfNeeded: remaining % 100) * 2
            remaining /= 100
            position -= 2
            base[position] = pairs[pair]
            base[position + 1] = pairs[pair + 1]
        }
        if remaining >= 10 {
            let pair = Int(truncatingIfNeeded: remaining) * 2
            base[position - 2] = pairs[pair]
            base[position - 1] = pairs[pair + 1]
        } else {
            base[position - 1] = UInt8(truncatingIfNeeded: remaining) &+ 0x30
        }
        count += digits
    }

    /// "00" through "99", two bytes per number.
    private static let digitPairs: StaticString = """
        0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """
}

/// A growable byte buffer with separate read and write positions, for one connection's
/// input or output.
///
/// It owns raw memory so that socket reads land directly in spare capacity without
/// zero-filling or copying. Consumed bytes are reclaimed by resetting both positions when
/// the buffer empties, or by moving the unread tail to the front when space runs out.
/// Not thread-safe: a connection's buffers are used only by its event loop thread.
final class IOBuffer {
    private var base: UnsafeMutableRawPointer
    private(set) var capacity: Int
    private var readerIndex = 0
    private var writerIndex = 0
    private let initialCapacity: Int

    init(capacity: Int) {
        initialCapacity = capacity
        self.capacity = capacity
        base = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    /// Bytes written and not yet consumed.
    var readableCount: Int { writerIndex - readerIndex }

    /// The unconsumed bytes; valid until the next mutation.
    var readableBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + readerIndex, count: writerIndex - readerIndex)
    }

    /// Marks `count` bytes as consumed.
    func consume(_ count: Int) {
        readerIndex += count
        if readerIndex == writerIndex {
            readerIndex = 0
            writerIndex = 0
        }
    }

    /// Drops everything.
    func clear() {
        readerIndex = 0
        writerIndex = 0
    }

    /// Returns memory above the initial capacity once the buffer is empty, so one large
    /// request does not pin memory for the life of a keep-alive connection.
    func shrinkIfEmpty() {
        guard readerIndex == writerIndex, capacity > initialCapacity else { return }
        base.deallocate()
        base = .allocate(byteCount: initialCapacity, alignment: 16)
        capacity = initialCapacity
        readerIndex = 0
        writerIndex = 0
    }

    /// Makes room for at least `count` more bytes.
    func reserve(_ count: Int) {
        guard capacity - writerIndex < count else { return }
        let readable = writerIndex - readerIndex
        if readerIndex > 0, capacity - readable >= count, readable <= capacity / 2 {
            (base).copyMemory(from: base + readerIndex, byteCount: readable)
        } else {
            var newCapacity = capacity * 2
            while newCapacity - readable < count { newCapacity *= 2 }
            let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
            newBase.copyMemory(from: base + readerIndex, byteCount: readable)
            base.deallocate()
            base = newBase
            capacity = newCapacity
        }
        readerIndex = 0
        writerIndex = readable
    }

    /// Reads from `fd` into spare capacity, first making room for at least `minimum` bytes.
    func receive(from fd: Int32, minimum: Int) -> Socket.IOResult {
        reserve(minimum)
        let result = Socket.receive(fd, into: base + writerIndex, count: capacity - writerIndex)
        if case .transferred(let count) = result { writerIndex += count }
        return result
    }

    /// Writes unconsumed bytes to `fd` and consumes what was sent.
    func send(to fd: Int32) -> Socket.IOResult {
        let result = Socket.send(fd, from: base + readerIndex, count: writerIndex - readerIndex)
        if case .transferred(let count) = result { consume(count) }
        return result
    }

    @inline(__always)
    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + writerIndex).copyMemory(from: source, byteCount: bytes.count)
        writerIndex += bytes.count
    }

    @inline(__always)
    func append(_ bytes: [UInt8]) { bytes.withUnsafeBytes { append($0) } }

    @inline(__always)
    func append(_ literal: StaticString) {
        append(UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    @inline(__always)
    func append(_ string: String) {
        var string = string
        string.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends the decimal digits of a non-negative integer.
    func appendDecimal(_ value: Int) {
        reserve(20)
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        var position = writerIndex + digits - 1
        var remaining = value
        repeat {
            base.storeBytes(of: UInt8(0x30 + remaining % 10), toByteOffset: position, as: UInt8.self)
            remaining /= 10
            position -= 1
        } while remaining > 0
        writerIndex += digits
    }
}

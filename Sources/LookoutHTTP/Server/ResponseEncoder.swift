/// Serialises responses into a connection's output buffer.
///
/// The server owns framing: it writes the status line, the handler's fields (minus
/// `Content-Length`, `Transfer-Encoding` and `Connection`), then `Content-Length`, `Date`
/// and `Connection` as needed, then the body unless the request was `HEAD` or the status
/// forbids one.
enum ResponseEncoder {
    /// How the response relates to its connection.
    struct Framing {
        /// Omit the body (a `HEAD` request), keeping its `Content-Length`.
        var omitBody: Bool
        /// The connection closes after this response: send `Connection: close`.
        var close: Bool
        /// An HTTP/1.0 client asked to keep the connection: send `Connection: keep-alive`.
        var announceKeepAlive: Bool
    }

    /// A response the server must not send as is, and why.
    static func headerProblem(_ response: HTTPResponse) -> String? {
        for field in response.headers {
            let name = field.name.utf8
            let validName = name.withContiguousStorageIfAvailable { !$0.isEmpty && $0.allSatisfy(ASCII.isTokenChar) }
                ?? (!name.isEmpty && name.allSatisfy(ASCII.isTokenChar))
            guard validName else {
                return "the handler set a header with an invalid name \(String(reflecting: field.name))"
            }
            let value = field.value.utf8
            let validValue = value.withContiguousStorageIfAvailable { ASCII.areFieldValueBytes(UnsafeRawBufferPointer($0)) }
                ?? value.allSatisfy(ASCII.isFieldValueByte)
            guard validValue else {
                return "the handler set header '\(field.name)' to a value containing CR, LF, NUL or DEL"
            }
        }
        return nil
    }

    /// Whether the response asks to close the connection (`Connection: close`).
    static func requestsClose(_ response: HTTPResponse) -> Bool {
        guard !response.headers.isEmpty else { return false }
        var close = false
        for field in response.headers where ASCII.equalsIgnoringCase(field.name, "connection") {
            var value = field.value
            value.withUTF8 { utf8 in
                ASCII.forEachListElement(UnsafeRawBufferPointer(utf8)) { token in
                    if ASCII.equalsIgnoringCase(token, "close") { close = true }
                }
            }
        }
        return close
    }

    /// Appends `response` to `output`.
    /// - Returns: The number of body bytes written.
    @discardableResult
    static func encode(_ response: HTTPResponse, framing: Framing, date: [UInt8], into output: IOBuffer) -> Int {
        guard encodeHead(response, framing: framing, date: date, into: output) else { return 0 }
        output.append(response.body)
        return response.body.count
    }

    /// Appends the status line and header fields of `response` (with a `Content-Length`
    /// announcing its whole body) and the blank line that ends them.
    /// - Returns: Whether the body follows (not for `HEAD` or a status that forbids one).
    @inline(__always)
    static func encodeHead(_ response: HTTPResponse, framing: Framing, date: [UInt8], into output: IOBuffer) -> Bool {
        let status = response.status
        output.append("HTTP/1.1 ")
        output.appendDecimal(status.code)
        output.append(" ")
        output.append(status.reasonPhrase)
        output.append("\r\n")

        var hasDate = false
        for field in response.headers {
            if Self.isFramingField(field.name) { continue }
            if !hasDate, ASCII.equalsIgnoringCase(field.name, "date") { hasDate = true }
            output.append(field.name)
            output.append(": ")
            output.append(field.value)
            output.append("\r\n")
        }
        let bodyAllowed = !status.forbidsBody
        if bodyAllowed {
            output.append("Content-Length: ")
            output.appendDecimal(response.body.count)
            output.append("\r\n")
        }
        if !hasDate {
            output.append("Date: ")
            output.append(date)
            output.append("\r\n")
        }
        if framing.close {
            output.append("Connection: close\r\n")
        } else if framing.announceKeepAlive {
            output.append("Connection: keep-alive\r\n")
        }
        output.append("\r\n")
        return bodyAllowed && !framing.omitBody
    }

    /// The interim response sent for `Expect: 100-continue`.
    static func encodeContinue(into output: IOBuffer) {
        output.append("HTTP/1.1 100 Continue\r\n\r\n")
    }

    private static func isFramingField(_ name: String) -> Bool {
        switch name.utf8.count {
        case 10: ASCII.equalsIgnoringCase(name, "connection")
        case 14: ASCII.equalsIgnoringCase(name, "content-length")
        case 17: ASCII.equalsIgnoringCase(name, "transfer-encoding")
        default: false
        }
    }
}

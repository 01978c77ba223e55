/// Why an ``HTTPServer`` could not be created or started.
///
/// `code` is bounded; `message` names the offending value and how to fix it, and carries
/// the system's error text when a system call failed.
public struct HTTPServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A bounded classification of server errors.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Kind: String, Sendable {
            case invalidConfiguration, invalidRoute, invalidAddress, addressInUse, bindFailed, systemResources, alreadyStarted
        }
        fileprivate let kind: Kind

        /// A configuration value is out of range (every such value is listed).
        public static let invalidConfiguration = Code(kind: .invalidConfiguration)
        /// A route template is invalid or two routes conflict (every problem is listed).
        public static let invalidRoute = Code(kind: .invalidRoute)
        /// The bind address is not a numeric IPv4 or IPv6 address.
        public static let invalidAddress = Code(kind: .invalidAddress)
        /// Another socket already listens on the address and port.
        public static let addressInUse = Code(kind: .addressInUse)
        /// Binding or listening failed for another reason (permissions, address not local).
        public static let bindFailed = Code(kind: .bindFailed)
        /// The system refused a socket, epoll instance, eventfd or thread.
        public static let systemResources = Code(kind: .systemResources)
        /// ``HTTPServer/start()`` was called on a server that was already started.
        public static let alreadyStarted = Code(kind: .alreadyStarted)

        public var description: String { kind.rawValue }
    }

    /// What kind of failure this is.
    public let code: Code
    /// What went wrong and how to fix it.
    public let message: String

    /// Creates an error; normally only the server does this.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "HTTP server \(code): \(message)" }
}

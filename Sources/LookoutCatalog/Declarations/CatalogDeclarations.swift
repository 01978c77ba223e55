import Synchronization

/// A module's metric declarations, listed once: a struct whose stored properties are its
/// metric declarations (``CounterDeclaration``, ``GaugeDeclaration``,
/// ``HistogramDeclaration``, ``InfoDeclaration``, ``StateSetDeclaration``), in the order
/// their panels appear, plus the ``catalog`` built from them.
///
/// The stored properties are the list: ``MetricCatalog/init(_:title:dashboards:declarations:ratios:alerts:objectives:externalMetrics:)``
/// and ``CatalogMetrics`` read them by reflection, so adding a metric is its declaration
/// and its use, and no declaration can be left out of the catalog or the live holder.
/// Members are read as statics (`HTTPMetrics.requests`), so ratios, SLOs and alerts,
/// declared as `static let`s of the same type (they refer to the metrics, which stored
/// property initialisers cannot), use them by name:
///
/// ```swift
/// public struct CheckoutMetrics: CatalogDeclarations {
///     public let orders = CounterDeclaration("checkout_orders", help: "Orders placed.", labelNames: ["outcome"])
///     public let queue = GaugeDeclaration("checkout_queue_depth", help: "Orders waiting.")
///     public init() {}
///
///     public static let failures = RatioDeclaration(
///         "checkout_failures", help: "Share of failed orders.",
///         numerator: orders.matching("outcome", .equal("failed")), denominator: orders)
///     public static let catalog = MetricCatalog(
///         "checkout", title: "Checkout", declarations: CheckoutMetrics.self, ratios: [failures])
/// }
/// ```
///
/// A stored property that is not a metric declaration is a programming error, stopped by
/// a precondition naming it when the declarations are first read. A stored property's
/// initialiser must not read another member of its own type (that would build the type
/// while building it).
@dynamicMemberLookup
public protocol CatalogDeclarations: Sendable {
    /// Makes the declarations (their stored properties' initial values).
    init()

    /// The module's catalog, usually built with ``MetricCatalog/init(_:title:dashboards:declarations:ratios:alerts:objectives:externalMetrics:)``.
    static var catalog: MetricCatalog { get }
}

extension CatalogDeclarations {
    /// The declarations, made once per type and shared.
    public static var declared: Self { DeclarationsStore.shared.instance(of: Self.self) }

    /// A declaration read as a static member: `HTTPMetrics.requests`.
    public static subscript<Value>(dynamicMember path: KeyPath<Self, Value>) -> Value {
        declared[keyPath: path]
    }

    /// The metric declarations, in source (panel) order, with their property names.
    ///
    /// - Precondition: every stored property is a metric declaration.
    package static var metricDeclarations: [(property: String, declaration: any MetricDeclaration)] {
        Mirror(reflecting: declared).children.enumerated().map { index, child in
            let property = child.label ?? "#\(index)"
            guard let declaration = child.value as? any MetricDeclaration else {
                preconditionFailure("\(Self.self).\(property) is a \(type(of: child.value)), not a metric declaration: "
                    + "stored properties of a CatalogDeclarations type are its metrics; make it a static let or a computed property")
            }
            return (property, declaration)
        }
    }
}

/// One instance per ``CatalogDeclarations`` type. The instance is built outside the lock
/// (it may read other types' declarations); a race builds it twice and keeps the first.
private final class DeclarationsStore: Sendable {
    static let shared = DeclarationsStore()
    private let instances = Mutex<[ObjectIdentifier: any Sendable]>([:])

    func instance<Declarations: CatalogDeclarations>(of type: Declarations.Type) -> Declarations {
        let key = ObjectIdentifier(type)
        if let existing = instances.withLock({ $0[key] }) as? Declarations { return existing }
        let made = Declarations()
        return instances.withLock { stored in
            if let existing = stored[key] as? Declarations { return existing }
            stored[key] = made
            return made
        }
    }
}

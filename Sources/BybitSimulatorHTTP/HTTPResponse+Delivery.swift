import LookoutHTTP

extension HTTPResponse {
    /// The simulator's fault plan for this response: ``HTTPResponseDelivery/normal``
    /// unless a transport fault applies. Stored as the response's
    /// `deliveryStrategy`; setting ``HTTPResponseDelivery/normal`` clears it.
    public var delivery: HTTPResponseDelivery {
        get { (deliveryStrategy as? HTTPResponseDelivery) ?? .normal }
        set { deliveryStrategy = newValue == .normal ? nil : newValue }
    }

    /// A response with the given parts, delivered according to `delivery`.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: [UInt8] = [], delivery: HTTPResponseDelivery) {
        self.init(status: status, headers: headers, body: body)
        self.delivery = delivery
    }
}

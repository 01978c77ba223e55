// Runs a few simulated checkouts and prints the exposition: the live metrics come from the
// same declarations as the generated dashboards and alerts.
import Checkout
import Lookout

let registry = Registry()
let service = try CheckoutService(registry: registry)
for index in 0..<20 {
    _ = service.checkout(method: index % 3 == 0 ? "paypal" : "card") { index % 7 == 6 ? .failed : .completed }
}
print(String(decoding: registry.exposition(format: .prometheusText), as: UTF8.self), terminator: "")

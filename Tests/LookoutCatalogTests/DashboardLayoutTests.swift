import Foundation
import Testing
@testable import LookoutCatalog
@testable import LookoutCatalogGenerator

/// Structural checks on every generated dashboard: the grid, ids, units, the data-source
/// variable, `$__rate_interval`, and the variables' filters.
@Suite("Dashboard layout and queries")
struct DashboardLayoutTests {
    /// Every generated dashboard as (set index + file name, JSON text).
    static let dashboards: [(name: String, text: String)] = GeneratedSets.all.enumerated().flatMap { index, set in
        ((try? set.dashboardFiles()) ?? []).filter { $0.path.hasSuffix(".json") }.map { ("\(index)/\($0.path)", $0.contents) }
    }
    static let names = dashboards.map(\.name)

    static func dashboard(_ name: String) -> [String: Any] {
        let text = dashboards.first { $0.name == name }?.text ?? "{}"
        return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
    static func panels(_ name: String) -> [[String: Any]] { dashboard(name)["panels"] as? [[String: Any]] ?? [] }

    @Test("dashboards were generated")
    func generated() {
        #expect(Self.names == ["0/overview.json", "0/shop.json", "0/shop_payments.json", "1/overview.json"])
    }

    @Test("panels stay inside 24 columns and never overlap", arguments: names)
    func grid(_ name: String) {
        var occupied: [(x: Int, y: Int, w: Int, h: Int, id: Int)] = []
        for panel in Self.panels(name) {
            let grid = panel["gridPos"] as? [String: Int] ?? [:]
            let (x, y, w, h) = (grid["x"] ?? -1, grid["y"] ?? -1, grid["w"] ?? 0, grid["h"] ?? 0)
            let id = panel["id"] as? Int ?? 0
            #expect(x >= 0 && y >= 0 && w >= 1 && h >= 1 && x + w <= 24, "panel \(id) at \(grid)")
            for other in occupied {
                let overlaps = x < other.x + other.w && other.x < x + w && y < other.y + other.h && other.y < y + h
                #expect(!overlaps, "panel \(id) overlaps panel \(other.id)")
            }
            occupied.append((x, y, w, h, id))
        }
    }

    @Test("panel ids are unique and the uid fits Grafana's 40 characters", arguments: names)
    func identity(_ name: String) {
        let ids = Self.panels(name).compactMap { $0["id"] as? Int }
        #expect(ids.count == Self.panels(name).count && Set(ids).count == ids.count)
        let uid = Self.dashboard(name)["uid"] as? String ?? ""
        #expect((1...40).contains(uid.count))
        #expect((39...41).contains(Self.dashboard(name)["schemaVersion"] as? Int ?? 0))
    }

    @Test("every panel has a known unit and reads the datasource variable", arguments: names)
    func unitsAndDatasource(_ name: String) {
        for panel in Self.panels(name) where panel["type"] as? String != "row" {
            let defaults = (panel["fieldConfig"] as? [String: Any])?["defaults"] as? [String: Any]
            let unit = defaults?["unit"] as? String ?? ""
            #expect(GrafanaUnit(rawValue: unit).isKnown, "panel \(panel["title"] ?? "") unit '\(unit)'")
            #expect(panel["datasource"] as? [String: String] == ["type": "prometheus", "uid": "${datasource}"])
            let targets = panel["targets"] as? [[String: Any]] ?? []
            #expect(!targets.isEmpty)
            for target in targets {
                #expect(target["datasource"] as? [String: String] == ["type": "prometheus", "uid": "${datasource}"])
            }
        }
    }

    @Test("every rate and increase uses $__rate_interval and every query filters on job", arguments: names)
    func queries(_ name: String) throws {
        let range = try Regex(#"\[([^\]]*)\]"#)
        for panel in Self.panels(name) {
            for target in panel["targets"] as? [[String: Any]] ?? [] {
                let expr = target["expr"] as? String ?? ""
                for match in expr.matches(of: range) {
                    #expect(expr[match.range].description == "[$__rate_interval]", "\(expr)")
                }
                if expr.contains("rate(") || expr.contains("increase(") { #expect(expr.contains("[$__rate_interval]")) }
                #expect(expr.contains(#"job=~"$job""#), "\(expr)")
            }
        }
    }

    @Test("the variables: a Prometheus datasource, then multi-select job and instance", arguments: names)
    func variables(_ name: String) {
        let list = (Self.dashboard(name)["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? []
        #expect(list.map { $0["name"] as? String } == ["datasource", "job", "instance"])
        #expect(list.first?["type"] as? String == "datasource" && list.first?["query"] as? String == "prometheus")
        for variable in list.dropFirst() {
            #expect(variable["type"] as? String == "query" && variable["multi"] as? Bool == true)
            #expect(variable["datasource"] as? [String: String] == ["type": "prometheus", "uid": "${datasource}"])
            #expect((variable["query"] as? String ?? "").hasPrefix("label_values("))
        }
    }

    @Test("the layout algorithm wraps shelves below the tallest panel")
    func shelves() {
        let placed = GridLayout.layout([[(12, 8), (6, 4), (12, 8), (24, 3)], [(6, 6)]])
        #expect(placed[0].row == .init(x: 0, y: 0, width: 24, height: 1))
        #expect(placed[0].panels == [.init(x: 0, y: 1, width: 12, height: 8), .init(x: 12, y: 1, width: 6, height: 4),
                                     .init(x: 0, y: 9, width: 12, height: 8), .init(x: 0, y: 17, width: 24, height: 3)])
        #expect(placed[1].row == .init(x: 0, y: 20, width: 24, height: 1))
        #expect(placed[1].panels == [.init(x: 0, y: 21, width: 6, height: 6)])
    }

    @Test("panel ids depend only on their own key")
    func stableIDs() {
        let ids = PanelIDs.assign(["metric:a:rate", "metric:b:rate"])
        let withInsert = PanelIDs.assign(["metric:new:rate", "metric:a:rate", "metric:b:rate"])
        #expect(Array(withInsert.dropFirst()) == ids)
        #expect(PanelIDs.assign(["x", "x", "x"]).count == Set(PanelIDs.assign(["x", "x", "x"])).count)
    }
}

import LookoutCatalog

/// Renders a placed, numbered ``PanelSpec`` as Grafana panel JSON, with the options each
/// panel plugin requires (as Grafana 10–12 save them).
enum PanelJSON {
    /// Every panel and query reads the `datasource` variable; no uid is hard-coded.
    static let datasource: JSONValue = ["type": "prometheus", "uid": "${datasource}"]

    static func render(_ spec: PanelSpec, id: Int, at position: GridLayout.Position) -> JSONValue {
        var defaults: [String: JSONValue] = [
            "unit": .string(spec.unit.rawValue),
            "thresholds": thresholds(spec.thresholds),
            "color": ["mode": spec.kind == .timeseries ? "palette-classic" : "thresholds"],
        ]
        if let min = spec.min { defaults["min"] = .double(min) }
        if let max = spec.max { defaults["max"] = .double(max) }
        var panel: [String: JSONValue] = [
            "datasource": datasource,
            "description": .string(spec.description),
            "gridPos": position.json,
            "id": .int(id),
            "targets": .array(spec.targets.enumerated().map { target($1, refID: $0) }),
            "title": .string(spec.title),
            "type": .string(spec.kind.rawValue),
        ]
        switch spec.kind {
        case .timeseries:
            defaults["custom"] = [
                "axisPlacement": "auto", "drawStyle": "line", "fillOpacity": 10, "gradientMode": "none",
                "hideFrom": hideFrom, "lineInterpolation": "linear", "lineWidth": 1,
                "scaleDistribution": ["type": "linear"], "showPoints": "never", "spanNulls": false,
                "stacking": ["group": "A", "mode": "none"],
                "thresholdsStyle": ["mode": spec.thresholds == nil ? "off" : "dashed"],
            ]
            panel["options"] = [
                "legend": ["calcs": [], "displayMode": "list", "placement": "bottom", "showLegend": true],
                "tooltip": ["mode": "multi", "sort": "desc"],
            ]
        case .stat:
            panel["options"] = [
                "colorMode": "value", "graphMode": "area", "justifyMode": "auto", "orientation": "auto",
                "percentChangeColorMode": "standard", "reduceOptions": reduceOptions, "showPercentChange": false,
                "textMode": "auto", "wideLayout": true,
            ]
        case .gauge:
            panel["options"] = [
                "minVizHeight": 75, "minVizWidth": 75, "orientation": "auto", "reduceOptions": reduceOptions,
                "showThresholdLabels": false, "showThresholdMarkers": true, "sizing": "auto",
            ]
        case .heatmap:
            defaults["custom"] = ["hideFrom": hideFrom, "scaleDistribution": ["type": "linear"]]
            panel["options"] = [
                "calculate": false, "cellGap": 1,
                "color": ["exponent": 0.5, "fill": "dark-orange", "mode": "scheme", "reverse": false, "scale": "exponential", "scheme": "Oranges", "steps": 64],
                "exemplars": ["color": "rgba(255,0,255,0.7)"], "filterValues": ["le": 1e-09],
                "legend": ["show": true], "rowsFrame": ["layout": "auto"], "showValue": "never",
                "tooltip": ["mode": "single", "showColorScale": false, "yHistogram": false],
                "yAxis": ["axisPlacement": "left", "reverse": false, "unit": .string((spec.bucketUnit ?? .short).rawValue)],
            ]
        case .table:
            // No cellOptions: Grafana defaults to "auto", and the schema's cell-option oneOf cannot tell its branches apart.
            defaults["custom"] = ["align": "auto", "inspect": false]
            panel["options"] = [
                "cellHeight": "sm", "footer": ["countRows": false, "fields": [], "reducer": ["sum"], "show": false],
                "frameIndex": 0, "showHeader": true,
            ]
            panel["transformations"] = [[
                "id": "organize",
                "options": ["excludeByName": ["Time": true, "Value": true, "__name__": true], "indexByName": [:], "renameByName": [:]],
            ]]
        }
        panel["fieldConfig"] = ["defaults": .object(defaults), "overrides": []]
        return .object(panel)
    }

    private static let hideFrom: JSONValue = ["legend": false, "tooltip": false, "viz": false]
    private static let reduceOptions: JSONValue = ["calcs": ["lastNotNull"], "fields": "", "values": false]

    private static func thresholds(_ thresholds: Thresholds?) -> JSONValue {
        let base = thresholds?.base ?? "green"
        let steps: [JSONValue] = [["color": .string(base), "value": nil]]
            + (thresholds?.steps ?? []).map { ["color": .string($0.color), "value": .double($0.value)] }
        return ["mode": "absolute", "steps": .array(steps)]
    }

    private static func target(_ target: PanelTarget, refID: Int) -> JSONValue {
        [
            "datasource": datasource,
            "editorMode": "code",
            "expr": .string(target.expr),
            "format": .string(target.format.rawValue),
            "instant": .bool(target.instant),
            "legendFormat": .string(target.legend.isEmpty ? "__auto" : target.legend),
            "range": .bool(!target.instant),
            "refId": .string(String(UnicodeScalar(UInt8(65 + refID % 26)))),
        ]
    }
}

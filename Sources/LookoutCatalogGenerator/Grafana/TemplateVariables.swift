import LookoutCatalog

/// The dashboard variables: the Prometheus data source, then multi-select `job` and
/// `instance` filled from a metric the dashboard shows.
enum TemplateVariables {
    static func all(source: String) -> [JSONValue] {
        let all: JSONValue = ["selected": true, "text": ["All"], "value": ["$__all"]]
        func query(_ name: String, label: String, query: String) -> JSONValue {
            [
                "allValue": ".+", "current": all, "datasource": PanelJSON.datasource, "definition": .string(query),
                "hide": 0, "includeAll": true, "label": .string(label), "multi": true, "name": .string(name),
                "options": [], "query": .string(query), "refresh": 2, "regex": "", "skipUrlSync": false, "sort": 1, "type": "query",
            ]
        }
        return [
            [
                "hide": 0, "includeAll": false, "label": "Data source", "multi": false, "name": "datasource",
                "options": [], "query": "prometheus", "refresh": 1, "regex": "", "skipUrlSync": false, "type": "datasource",
            ],
            query("job", label: "Job", query: "label_values(\(source), job)"),
            query("instance", label: "Instance", query: "label_values(\(source){job=~\"$job\"}, instance)"),
        ]
    }
}


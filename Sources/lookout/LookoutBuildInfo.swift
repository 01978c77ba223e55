import Lookout

/// `lookout_build_info{version="…"} 1`: which build is running, for dashboards and for
/// joining onto other series.
enum LookoutBuildInfo {
    static func register(in registry: Registry) throws(MetricError) {
        try registry.info("lookout_build", help: "Lookout build information.", labels: ["version": LookoutVersion.current])
    }
}

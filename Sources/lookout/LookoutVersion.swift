/// The version `lookout --version` prints and `lookout_build_info` exposes.
enum LookoutVersion {
    static let current = "0.1.0"
}

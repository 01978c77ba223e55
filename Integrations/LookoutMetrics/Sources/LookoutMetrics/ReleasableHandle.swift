/// What every handle the factory returns can do besides recording: let `destroy*` stop
/// exposing its series.
protocol ReleasableHandle: AnyObject {
    /// Stops exposing the handle's series (unless it is the shared overflow series).
    func release()
}

extension RedisBackoff {
    /// The delay before reconnect attempt `attempt` (1 for the first retry): uniformly random
    /// in `[0, min(cap, initial × 2^(attempt-1))]`.
    func delay(attempt: Int, random: Double = Double.random(in: 0...1)) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let bound = min(cap, initial * (1 << exponent))
        return bound * min(max(random, 0), 1)
    }
}

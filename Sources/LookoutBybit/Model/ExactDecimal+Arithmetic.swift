extension ExactDecimal {
    /// The exact midpoint `(a + b) / 2`, trailing zeros removed; `nil` only if the digits
    /// would exceed 38 (no exchange price comes close).
    public static func midpoint(_ a: ExactDecimal, _ b: ExactDecimal) -> ExactDecimal? {
        let scale = max(a.scale, b.scale)
        guard scale < maxScale, let left = a.significand(atScale: scale), let right = b.significand(atScale: scale) else { return nil }
        let (sum, overflow) = left.addingReportingOverflow(right)
        guard !overflow else { return nil }
        let (half, overflowHalf) = sum.multipliedReportingOverflow(by: 5)
        guard !overflowHalf else { return nil }
        return ExactDecimal(significand: half, scale: scale + 1)?.normalized
    }

    /// The significand rescaled to `scale` (≥ ``scale``), `nil` on overflow.
    func significand(atScale target: Int) -> Int128? {
        var value = significand
        for _ in 0..<max(0, target - scale) {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = next
        }
        return value
    }
}

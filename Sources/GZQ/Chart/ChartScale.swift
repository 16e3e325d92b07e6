import Foundation

/// The y axis of a chart: a range rounded out to "nice" ticks (1, 2 or 5 × 10^n apart),
/// shared by the SVG writer and the text chart so both show the same ticks.
struct ChartScale {
    let low: Double
    let high: Double
    let ticks: [Double]

    /// About `count` ticks covering the chart's values; bars always include zero.
    init(_ chart: Chart, count: Int = 6) {
        var (lo, hi) = chart.valueRange ?? (0, 1)
        if chart.kind == .bar {
            lo = Swift.min(lo, 0)
            hi = Swift.max(hi, 0)
        }
        if lo == hi {
            // One value (or all equal): a band around it.
            let pad = lo == 0 ? 1 : Swift.abs(lo) * 0.1
            lo -= chart.kind == .bar && lo >= 0 ? 0 : pad
            hi += pad
        }
        let step = ChartScale.niceStep((hi - lo) / Double(Swift.max(1, count - 1)))
        guard step > 0, step.isFinite, (hi - lo).isFinite, (lo / step).magnitude < 1e15 else {
            // Extremes (near the largest or smallest doubles): the range itself, two ticks.
            self.low = lo
            self.high = hi
            self.ticks = [lo, hi]
            return
        }
        let first = (lo / step).rounded(.down) * step
        let last = (hi / step).rounded(.up) * step
        var ticks: [Double] = []
        var k = 0
        while true {
            // Multiplying (rather than adding step repeatedly) keeps ticks like 0.15 exact enough
            // for their labels; the small bias keeps `last` itself in.
            let v = first + Double(k) * step
            if v > last + step * 1e-9 || k > 50 { break }
            ticks.append(Swift.abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        self.low = first
        self.high = Swift.max(last, first + step)
        self.ticks = ticks
    }

    /// 1, 2, 2.5 or 5 × 10^n, the smallest not below `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        for factor in [1.0, 2, 2.5, 5, 10] where factor * magnitude >= raw * (1 - 1e-12) {
            return factor * magnitude
        }
        return 10 * magnitude
    }

    /// Where `v` sits between low (0) and high (1), clamped; halved first so that the
    /// differences of huge values cannot overflow.
    func fraction(_ v: Double) -> Double {
        let span = high / 2 - low / 2
        guard span > 0, span.isFinite else { return 0 }
        let f = (v / 2 - low / 2) / span
        return f.isFinite ? Swift.min(1, Swift.max(0, f)) : 0
    }
}

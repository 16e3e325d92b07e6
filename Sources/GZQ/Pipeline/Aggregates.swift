/// The aggregates of REFERENCE §5 and §6 as reducers over values. Used by summarize,
/// by derive (partition values), and by the list forms (`sum([1, 2])`).
enum AggregateKind: String, CaseIterable {
    case count, sum, avg, mean, min, max, median, stddev, variance = "var", first, last
    case countDistinct = "count_distinct", list, trend, forecast

    var name: String { rawValue }

    static func named(_ name: String) -> AggregateKind? { AggregateKind(rawValue: name) }

    /// Parameter names, for arity checks and named arguments.
    var parameters: [String] {
        switch self {
        case .count: return ["x"]
        case .trend: return ["xs", "ys"]
        case .forecast: return ["xs", "ys", "at"]
        default: return ["x"]
        }
    }

    /// How many arguments the aggregate form takes (`count` takes 0 or 1).
    func accepts(_ count: Int) -> Bool {
        switch self {
        case .count: return count <= 1
        case .trend: return count == 2
        case .forecast: return count == 3
        default: return count == 1
        }
    }

    /// Reduces argument columns (one per argument) over a group of `groupSize` rows.
    func reduce(_ columns: [[Value]], groupSize: Int, span: Span) throws -> Value {
        if self == .count && columns.isEmpty { return .int(groupSize) }
        let xs = columns.first ?? []
        switch self {
        case .trend:
            return try Statistics.trend(columns[0], columns[1], span: span)
        case .forecast:
            // Stages evaluate `at` per row (AggregateNode); this is the one-value form.
            return try Statistics.forecast(columns[0], columns[1], at: columns[2].first ?? .null, span: span)
        default:
            return try Self.reduceList(self, xs, span: span)
        }
    }

    static func reduceList(_ kind: AggregateKind, _ values: [Value], span: Span) throws -> Value {
        let present = values.filter { !$0.isNull }
        switch kind {
        case .count: return .int(present.count)
        case .sum: return try Statistics.sum(present, span: span)
        case .avg, .mean: return try Statistics.mean(present, span: span).map(Value.float) ?? .null
        case .min: return try Aggregation.extremum(present, sign: -1, span: span)
        case .max: return try Aggregation.extremum(present, sign: 1, span: span)
        case .median: return try Statistics.median(present, span: span).map(Value.float) ?? .null
        case .variance: return try Statistics.scaledVariance(present, span: span).map { .float($0.variance * $0.scale * $0.scale) } ?? .null
        case .stddev: return try Statistics.scaledVariance(present, span: span).map { .float($0.variance.squareRoot() * $0.scale) } ?? .null
        case .first: return present.first ?? .null
        case .last: return present.last ?? .null
        case .countDistinct: return .int(Set(present.map { GroupKey(values: [$0]) }).count)
        case .list: return .list(present)
        case .trend, .forecast: return .null
        }
    }
}

/// Numeric reductions, defined once.
enum Statistics {
    static func numbers(_ values: [Value], _ name: String, span: Span) throws -> [Double] {
        try values.map { v in
            guard let d = v.numberValue else { throw RuntimeError(.aggregateNeedsNumbers, name, v.typeName, at: span) }
            return d
        }
    }

    /// Sum of ints stays an int (a total outside Int64 is an overflow); any float makes the
    /// correctly rounded float sum of all the values; no values → 0. Order never matters.
    static func sum(_ values: [Value], span: Span) throws -> Value {
        var total = NumericTotal()
        for v in values where !total.add(v) { throw RuntimeError(.sumNeedsNumbers, v.typeName, at: span) }
        return try total.value(span)
    }

    /// The correctly rounded sum of the values (ints exactly) divided by their count.
    static func mean(_ values: [Value], span: Span) throws -> Double? {
        var total = ExactSum()
        for v in values {
            switch v {
            case .int(let i): total.add(i)
            case .float(let d): total.add(d)
            default: throw RuntimeError(.aggregateNeedsNumbers, "avg", v.typeName, at: span)
            }
        }
        return values.isEmpty ? nil : total.value / Double(values.count)
    }

    static func median(_ values: [Value], span: Span) throws -> Double? {
        let xs = try numbers(values, "median", span: span).sorted()
        guard !xs.isEmpty else { return nil }
        let mid = xs.count / 2
        return xs.count % 2 == 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2
    }

    /// Sample variance (n − 1) as `variance × scale²`; null for fewer than two values. Values beyond ±2^500 are first divided by a
    /// power of two (exact), so neither their differences nor their squares overflow:
    /// stddev([1e308, -1e308]) is 1.414…e308, as Python's statistics gives. Smaller values are
    /// not scaled at all (scale 1), so ordinary results are unchanged to the bit.
    static func scaledVariance(_ values: [Value], span: Span) throws -> (variance: Double, scale: Double)? {
        var xs = try numbers(values, "var", span: span)
        guard xs.count >= 2 else { return nil }
        let largest = xs.reduce(0.0) { $0 > Swift.abs($1) || !$1.isFinite ? $0 : Swift.abs($1) }
        var scale = 1.0
        if largest > 0x1p500 {
            scale = Double(sign: .plus, exponent: largest.exponent, significand: 1)
            xs = xs.map { $0 / scale }
        }
        return (variance(of: xs), scale)
    }

    /// Sample variance of at least two numbers: two passes over the values shifted by the first
    /// one, with the corrected sum of squares (Chan, Golub and LeVeque): a constant series gives
    /// exactly 0 (the plain two-pass form gave 3.7e-08 for three rows of 214748364.8, whose float
    /// mean is off by an ulp), and a large common offset (`1e9 + small`) cancels exactly before
    /// anything is squared.
    private static func variance(of xs: [Double]) -> Double {
        let shift = xs[0], n = Double(xs.count)
        var total = 0.0
        for x in xs { total += x - shift }
        let mean = total / n
        var squares = 0.0, residual = 0.0
        for x in xs {
            let d = (x - shift) - mean
            squares += d * d
            residual += d
        }
        return max(0, squares - residual * residual / n) / (n - 1)
    }

    /// Least-squares line through the pairs where both values are present:
    /// `{slope, intercept, r2, n}`; null with fewer than two points or constant x;
    /// r2 null when y is constant.
    static func trend(_ xsIn: [Value], _ ysIn: [Value], span: Span) throws -> Value {
        guard xsIn.count == ysIn.count else {
            throw RuntimeError(.trendLengthsDiffer, xsIn.count, ysIn.count, at: span)
        }
        var xs: [Double] = [], ys: [Double] = []
        for (x, y) in zip(xsIn, ysIn) where !x.isNull && !y.isNull {
            guard let dx = x.numberValue, let dy = y.numberValue else {
                throw RuntimeError(.trendNeedsNumbers, x.numberValue == nil ? x.typeName : y.typeName, at: span)
            }
            xs.append(dx)
            ys.append(dy)
        }
        let n = Double(xs.count)
        guard xs.count >= 2 else { return .null }
        let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for (x, y) in zip(xs, ys) {
            sxx += (x - mx) * (x - mx)
            sxy += (x - mx) * (y - my)
            syy += (y - my) * (y - my)
        }
        guard sxx > 0 else { return .null }
        let slope = sxy / sxx
        let intercept = my - slope * mx
        let r2: Value = syy > 0 ? .float(min(1, (sxy * sxy) / (sxx * syy))) : .null
        return .record(keys: ["slope", "intercept", "r2", "n"], values: [.float(slope), .float(intercept), r2, .int(xs.count)])
    }

    static func forecast(_ xs: [Value], _ ys: [Value], at: Value, span: Span) throws -> Value {
        try forecast(line: try trend(xs, ys, span: span), at: at, span: span)
    }

    /// `intercept + slope * at` of a line `trend` returned; null for no line or a null `at`.
    static func forecast(line: Value, at: Value, span: Span) throws -> Value {
        guard case .record(let line) = line, !at.isNull else { return .null }
        guard let x = at.numberValue else { throw RuntimeError(.forecastNeedsNumber, at.typeName, at: span) }
        guard let slope = line["slope"]?.numberValue, let intercept = line["intercept"]?.numberValue else { return .null }
        return .float(intercept + slope * x)
    }
}

/// Rate functions of REFERENCE §6 that must be native (they get vector kernels later).
extension Builtins {
    static let rates: [Builtin] = [
        Builtin("rate", ["part", "whole"], kernel: .rate, doc: "part / whole as a fraction; null when whole is 0 or either is null.",
                example: "fmt_pct(rate(10185, 10714))") { call in
            try Rates.rate(call[0], call[1], call.span)
        },
        Builtin("change", ["old", "new"], kernel: .change, doc: "(new - old) / old, the relative change; null when old is 0 or null.",
                example: "change(5.5亿, 28.5亿)") { call in
            try Rates.change(call[0], call[1], call.span)
        },
        Builtin("pp", ["old", "new"], kernel: .pp, doc: "(new - old) * 100: the change of a rate in percentage points; null when either is null.",
                example: "pp(33.1%, 65.81%)") { call in
            try Rates.pp(call[0], call[1], call.span)
        },
    ]
}

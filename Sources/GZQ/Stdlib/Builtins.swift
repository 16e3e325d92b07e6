/// The registration table of native builtins (Lua's luaL_Reg): one row per function
/// with its parameters, purity, documentation and body. Adding a builtin means adding a row.
struct Builtin {
    let name: String
    let parameters: [String]
    /// Default values for trailing optional parameters (nil = required).
    let defaults: [Value?]
    let variadic: Bool
    /// Named-only options of a variadic builtin (`print(t, rows: 100)`); null when not given.
    let options: [String]
    /// Pure builtins may be evaluated by the vector engine; impure ones (I/O, clock) never are.
    let isPure: Bool
    /// The fast path's opcode for this function, when it has one (pure, two numeric arguments).
    let kernel: VectorOp?
    let doc: String
    let example: String
    let body: NativeFunction.Body

    init(_ name: String, _ parameters: [String] = [], defaults: [Value?]? = nil, variadic: Bool = false, options: [String] = [], pure: Bool = true,
         kernel: VectorOp? = nil, doc: String, example: String = "", body: @escaping NativeFunction.Body) {
        self.kernel = kernel
        self.name = name
        self.parameters = parameters
        self.defaults = defaults ?? Array(repeating: nil, count: parameters.count)
        self.variadic = variadic
        self.options = options
        self.isPure = pure
        self.doc = doc
        self.example = example
        self.body = body
    }

    var function: NativeFunction {
        NativeFunction(name: name, parameters: parameters, defaults: defaults, variadic: variadic, options: options, isPure: isPure, kernel: kernel, body: body)
    }
}

enum Builtins {
    /// Every native builtin, by area.
    static let all: [Builtin] = core + collections + strings + numbers + dates + tables + rates + formatting + output + io + reports + reportNumbers + office + databases + PostgresNatives.builtins

    /// Name → function value, as the Resolver sees builtins.
    static func table() -> [String: Value] {
        var table: [String: Value] = [:]
        for builtin in all { table[builtin.name] = .function(builtin.function) }
        return table
    }
}

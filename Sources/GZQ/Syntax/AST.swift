/// The syntax tree, as the parser builds it: plain enums with spans, one
/// `switch` per pass (the Resolver turns it into the executable bound tree).
struct Expr {
    var kind: ExprKind
    var span: Span
}

indirect enum ExprKind {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case date(Int32)
    case string([StringPart])
    case name(String)
    case list([Expr])
    case record([RecordEntry])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    case call(Expr, [Argument])
    case index(Expr, Expr)
    case field(Expr, Name)
    case block([Stmt])
    case ifElse(Expr, Expr, Expr?)
    case lambda(FunctionDecl)
    case tryCatch(Expr, Name, Expr)
    case stage(Expr, Stage)
    /// Stands in for an expression that failed to parse (the error is already reported).
    case invalid
}

enum StringPart {
    case text(String)
    case expr(Expr)
}

struct RecordEntry {
    var key: Name
    var value: Expr
}

struct Argument {
    var label: Name?
    var value: Expr
}

/// A name as written, with its own span (for carets and did-you-mean).
struct Name {
    var text: String
    var span: Span
}

enum UnaryOperator {
    case negate, not
}

enum BinaryOperator: String {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", modulo = "mod"
    case power = "^", equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">"
    case greaterEqual = ">=", contains = "in", range = "..", coalesce = "??", and = "and", or = "or"
}

final class FunctionDecl {
    let name: Name?
    let params: [Parameter]
    let body: Expr
    let span: Span

    init(name: Name?, params: [Parameter], body: Expr, span: Span) {
        self.name = name
        self.params = params
        self.body = body
        self.span = span
    }
}

struct Parameter {
    var name: Name
    var defaultValue: Expr?
}

struct Stmt {
    var kind: StmtKind
    var span: Span
}

enum StmtKind {
    case expr(Expr)
    case letBinding(Name, Expr)
    case assign(Name, Expr)
    case function(FunctionDecl)
    case returnValue(Expr?)
    case breakLoop
    case continueLoop
    case forIn(Name, Expr, Expr)
    case whileLoop(Expr, Expr)
    case importFile(path: String, alias: Name?)
}

/// A table stage after `|` (REFERENCE §5).
struct Stage {
    var kind: StageKind
    var span: Span
}

/// `name` alone, or `name = expr`.
struct StageItem {
    var name: Name
    var expr: Expr?
}

struct SortKey {
    var expr: Expr
    var descending: Bool
}

enum StageKind {
    case whereRows(Expr)
    case select([StageItem])
    case derive([StageItem], by: [StageItem])
    case summarize([StageItem], by: [StageItem], total: Expr?)
    case sort([SortKey])
    case take(Expr, by: [StageItem])
    case join(Expr, kind: JoinKind, on: [JoinKey])
    case distinct([Name])
    case rename([(new: Name, old: Name)])
    case drop([Name])
    case append(Expr)
    case pivot(key: Name, value: Name)
    /// `format c = pct(2), …`: each item's expression is the format call, decoded by the resolver.
    case format([StageItem])
    case check([Expr], warn: Bool)
    case complete(column: Name, values: Expr, by: [Name])
    /// `unpivot c, … into name, value` or `unpivot except k, … into name, value` (REFERENCE §13).
    case unpivot(columns: [Name], except: Bool, name: Name, value: Name)

    static let names: Set<String> = [
        "where", "select", "derive", "summarize", "sort", "take", "join", "distinct",
        "rename", "drop", "append", "pivot",
        "check", "complete", "format", "unpivot",
    ]
}

/// `join [inner|left|right|full|semi|anti]` (inner when none is written).
enum JoinKind: String, CaseIterable {
    case inner, left, right, full, semi, anti
}

/// A join key: `k` (the same name on both sides) or `a == b` (left `a`, right `b`).
struct JoinKey {
    var left: Name
    var right: Name
}

/// What `check` (`gzq --check`) can tell about columns without running anything (REFERENCE §10):
/// a pipeline whose input is a CSV file named by literals — `read_csv("cases.csv") | …`, or a
/// name bound once, at the top level, by `let cases = read_csv("cases.csv")` — has the column
/// names of its first step checked against the file's header line, with the error a run would
/// give (`unknown column 'corected' (did you mean 'corrected'?)`). Later steps change the
/// columns, and other inputs are only known by running: those are checked when the program runs.
enum CheckColumns {
    struct Problem {
        let message: Message
        let span: Span
    }

    static func unknownColumns(in pipes: [PipeNode], file: SourceFile, id: Int32, host: HostConfiguration) -> [Problem] {
        let tokens = Lexer.tokenize(file, file: id).tokens
        var checked = Set<Int32>()
        var problems: [Problem] = []
        for pipe in pipes {
            // `a | b | c` plans `a | b` too: each first step once.
            guard let first = pipe.plan.steps.first, checked.insert(first.span.start).inserted,
                  let header = header(of: pipe.plan.source.span, tokens, host) else { continue }
            problems += unknown(in: first, header)
        }
        return problems.sorted { $0.span.start < $1.span.start }
    }

    /// The header of the file the pipeline's source reads, when literals name it.
    private static func header(of source: Span, _ tokens: [Token], _ host: HostConfiguration) -> [String]? {
        var input = PipelineInput.from(tokens.filter { $0.span.start >= source.start && $0.span.end <= source.end }[...])
        if case .variable(let name) = input { input = topLevelBinding(of: name, tokens) }
        guard case .csvFile(let path, let separator) = input else { return nil }
        return CSVHeader.columns(path: path, separator: separator, host: host)
    }

    /// What `let name = …` at the top level binds, when it is the only binding of `name` in
    /// the file and nothing assigns to it (otherwise nothing is known).
    private static func topLevelBinding(of name: String, _ tokens: [Token]) -> PipelineInput {
        var depth = 0
        var found: PipelineInput?
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            switch token.kind {
            case .leftBrace, .leftParen, .leftBracket: depth += 1
            case .rightBrace, .rightParen, .rightBracket: depth -= 1
            case .identifier where token.name == name && i + 1 < tokens.count && tokens[i + 1].kind == .equal:
                let isLet = i > 0 && tokens[i - 1].kind == .kwLet
                guard isLet, depth == 0, found == nil else { return .unknown }
                var end = i + 2
                var inner = 0
                while end < tokens.count {
                    let kind = tokens[end].kind
                    if inner == 0 && (kind == .newline || kind == .semicolon || kind == .eof || kind == .pipe) { break }
                    if kind == .leftParen || kind == .leftBracket || kind == .leftBrace { inner += 1 }
                    if kind == .rightParen || kind == .rightBracket || kind == .rightBrace { inner -= 1 }
                    end += 1
                }
                // `let cases = read_csv(…) | where …` binds the pipeline's result, not the file.
                if end < tokens.count, tokens[end].kind == .pipe { return .unknown }
                found = PipelineInput.from(tokens[(i + 2)..<end])
                i = end
                continue
            case .kwFn:
                // A parameter of the same name would shadow it inside the function: give up.
                if tokens[i...].prefix(while: { $0.kind != .leftBrace }).contains(where: { $0.kind == .identifier && $0.name == name }) { return .unknown }
            default: break
            }
            i += 1
        }
        return found ?? .unknown
    }

    /// The column names the first step reads that the header does not have (nor a variable of
    /// that name, which a stage falls back to).
    private static func unknown(in step: PlanStep, _ header: [String]) -> [Problem] {
        var names = header
        var problems: [Problem] = []
        func check(_ expr: StageExpr) {
            for ref in expr.refs where ref.variable == nil && !names.contains(where: { ScalarString.equal($0, ref.name) }) {
                problems.append(Problem(message: ColumnRef.unknown(ref.name, in: Schema(names: names, types: names.map { _ in .string }), at: ref.span).content, span: ref.span))
            }
        }
        switch step.kind {
        case .filter(let filter): check(filter.predicate)
        case .aggregate(let summarize, let filter, _):
            if let filter { check(filter.predicate) }
            summarize.by.forEach { check($0.expr) }
            summarize.items.forEach { check($0.expr) }
        case .derive(let derive):
            derive.by.forEach { check($0.expr) }
            for item in derive.items {
                check(item.expr)
                names.append(item.name)  // later items may read it
            }
        case .project(let select):
            for item in select.items {
                if let expr = item.expr {
                    check(expr)
                } else if !names.contains(where: { ScalarString.equal($0, item.name.text) }) {
                    let schema = Schema(names: names, types: names.map { _ in .string })
                    problems.append(Problem(message: ColumnRef.unknown(item.name.text, in: schema, at: item.name.span).content, span: item.name.span))
                }
            }
        case .sort(let sort): sort.keys.forEach { check($0.expr) }
        case .check(let stage): stage.conditions.forEach { check($0) }
        case .table: break
        }
        return problems
    }
}

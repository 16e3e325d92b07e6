/// Tab completion for a `Session` (REFERENCE §11): keywords, stage names after `|`, builtin and
/// standard-library functions, variables, and column names.
///
/// Completion never runs user code. Column names come from values already held in globals:
/// inside a stage, the columns of the table flowing into it when the pipeline starts with a
/// plain variable (or with `|`, which pipes `_`), plus the names earlier stages of the same
/// pipeline assign (`derive rate = …`); after `read_csv("file.csv") |`, the columns of that
/// file's header (its first line only, within the sandbox; nothing when it cannot be read);
/// when the input cannot be known otherwise (another expression), the columns of every table
/// held in a global. After `name.`, the columns of the table (or keys of the record) in the
/// global `name`.
extension Session {
    /// What can complete the word before the cursor.
    public struct Completion: Equatable, Sendable {
        /// The word being completed: the identifier characters just before the cursor.
        public var word: String
        /// Whole words that start with `word`, sorted, without duplicates.
        public var candidates: [String]
        /// The cursor is where a file name goes (`:load FILE`, inside a string literal);
        /// a front end may complete paths instead.
        public var wantsFileName: Bool

        public init(word: String, candidates: [String], wantsFileName: Bool = false) {
            self.word = word
            self.candidates = candidates
            self.wantsFileName = wantsFileName
        }
    }

    /// Words used inside stages besides column and function names.
    static let stageClauseWords = ["by", "asc", "desc", "on", "left"]

    /// Completions for the word ending at the cursor; `text` is the current line up to the
    /// cursor (earlier lines of an unfinished entry are taken into account).
    public func completions(before text: String) -> Completion {
        let word = String(text.reversed().prefix { Self.isNameCharacter($0) }.reversed())
        let before = String(text.dropLast(word.count))
        let candidates: [String]
        if pendingLines.isEmpty, before.drop(while: { $0 == " " }).hasPrefix(":") {
            guard let names = metaCompletions(before.drop(while: { $0 == " " }).dropFirst()) else {
                return Completion(word: word, candidates: [], wantsFileName: true)
            }
            candidates = names
        } else {
            let entry = (pendingLines + [before]).joined(separator: "\n")
            // As the entry would run: a leading `|` continues the last `let` or pipes `_`.
            guard let names = expressionCompletions(plan(for: entry).source) else {
                return Completion(word: word, candidates: [], wantsFileName: true)
            }
            candidates = names
        }
        let matching = Set(candidates.filter { $0.hasPrefix(word) })
        return Completion(word: word, candidates: matching.sorted())
    }

    static func isNameCharacter(_ c: Character) -> Bool {
        c == "_" || c.isLetter || c.isNumber
    }

    /// After `:`: command names, then each command's argument. Nil where a file name goes.
    private func metaCompletions(_ rest: Substring) -> [String]? {
        guard let space = rest.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            return Self.metaCommands.map(\.name)
        }
        let argument = rest[space...].drop { $0 == " " || $0 == "\t" }
        switch rest[..<space] {
        case "format": return OutputFormat.allCases.map(\.rawValue)
        case "engine": return ["auto", "tree"]
        case "time": return ["on", "off"]
        case "help": return Interpreter.functionDocs.map(\.name) + Array(Self.stageHelp.keys) + HelpTopics.names + Self.metaCommands.map { ":" + $0.name }
        case "load": return nil
        case "schema": return expressionCompletions(String(argument))
        default: return []
        }
    }

    /// Names that fit where `source` ends. Nil inside an unterminated string (a file name
    /// is the likely thing to type there).
    private func expressionCompletions(_ source: String) -> [String]? {
        let file = SourceFile(name: sourceName, text: source)
        let (tokens, errors) = Lexer.tokenize(file, file: -1)
        if errors.contains(where: { $0.message.hasPrefix("unterminated") && Int($0.span.start) < file.bytes.count }) {
            return nil
        }
        let significant = Array(tokens.filter { $0.kind != .eof }.reversed().drop { $0.kind == .newline }.reversed())
        // `name.` completes the columns of the table (keys of the record) held in `name`.
        if let dot = significant.last, dot.kind == .dot, Int(dot.span.end) == file.bytes.count,
           significant.count >= 2, significant[significant.count - 2].kind == .identifier,
           significant.count == 2 || significant[significant.count - 3].kind != .dot {
            return fieldNames(of: interpreter.global(significant[significant.count - 2].name))
        }
        let functions = interpreter.builtinNames
        let variables = interpreter.globalNames
        let keywords = Array(Token.keywords.keys)
        switch PipelinePosition.find(in: significant) {
        case .none:
            return keywords + functions + variables
        case .stageName:
            let callable = variables.filter { if case .function = interpreter.global($0) { return true }; return false }
            return Array(StageKind.names) + functions + callable
        case .insideStage(let input, let assigned):
            var columns = assigned
            switch input {
            case .variable(let head):
                if let names = interpreter.global(head)?.tableColumnNames { columns += names } else { columns += globalTableColumns(variables) }
            case .csvFile(let path, let separator):
                columns += csvHeaderColumns(path: path, separator: separator) ?? []
            case .unreadable:
                break
            case .unknown:
                columns += globalTableColumns(variables)
            }
            return columns.map(Self.quotedIfNeeded) + functions + variables + keywords + Self.stageClauseWords
        }
    }

    private func globalTableColumns(_ variables: [String]) -> [String] {
        var columns: [String] = []
        for name in variables {
            if let names = interpreter.global(name)?.tableColumnNames { columns += names }
        }
        return columns
    }

    private func fieldNames(of value: Value?) -> [String] {
        switch value {
        case .table(let t)?: return t.schema.names.map(Self.quotedIfNeeded)
        case .remoteTable(let r)?: return r.schema.names.map(Self.quotedIfNeeded)
        case .database(let db)?: return ((try? db.database.tableNames()) ?? []).map(Self.quotedIfNeeded)
        case .record(let r)?: return r.keys.map(Self.quotedIfNeeded)
        default: return []
        }
    }

    /// A column name as it must be typed: backquoted unless it is a plain identifier.
    static func quotedIfNeeded(_ name: String) -> String {
        guard let first = name.first, first == "_" || first.isLetter, name.allSatisfy(isNameCharacter),
              Token.keywords[name] == nil else { return "`" + name + "`" }
        return name
    }
}

/// Where the cursor sits relative to the innermost pipeline around it.
enum PipelinePosition: Equatable {
    /// Not after a `|` in the current statement or bracket.
    case none
    /// Right after `|`: a stage name or a function goes here.
    case stageName
    /// Inside a stage. `input` is what feeds the pipeline (a variable, a CSV file…);
    /// `assigned` the column names earlier stages (and this one) assign.
    case insideStage(input: PipelineInput, assigned: [String])

    /// One open bracket (or the top level) and the statement being typed in it.
    private struct Frame {
        /// Index of the statement's first token.
        var start: Int
        var pipes: [Int] = []
    }

    /// The position at the end of `tokens` (newline and end-of-input tokens at the end
    /// already removed).
    static func find(in tokens: [Token]) -> PipelinePosition {
        var frames = [Frame(start: 0)]
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .leftParen, .leftBracket, .leftBrace:
                frames.append(Frame(start: index + 1))
            case .rightParen, .rightBracket, .rightBrace:
                if frames.count > 1 { frames.removeLast() }
            case .newline, .semicolon:
                frames[frames.count - 1] = Frame(start: index + 1)
            case .pipe:
                frames[frames.count - 1].pipes.append(index)
            default:
                break
            }
        }
        for frame in frames.reversed() {
            guard let last = frame.pipes.last else { continue }
            guard last + 1 < tokens.count else { return .stageName }
            let keyword = tokens[last + 1]
            guard keyword.kind == .identifier, StageKind.names.contains(keyword.name) else { return .none }
            let input = PipelineInput.from(tokens[frame.start..<frame.pipes[0]])
            return .insideStage(input: input, assigned: assignedNames(tokens, from: frame.pipes[0]))
        }
        return .none
    }

    /// `name =` pairs after `start` (columns that stages add or rename).
    private static func assignedNames(_ tokens: [Token], from start: Int) -> [String] {
        var names: [String] = []
        var i = start
        while i + 1 < tokens.count {
            if tokens[i].kind == .identifier, tokens[i + 1].kind == .equal { names.append(tokens[i].name) }
            i += 1
        }
        return names
    }
}

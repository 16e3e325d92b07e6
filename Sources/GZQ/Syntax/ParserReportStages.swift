/// The parts of stages for report tables: `summarize … total`, `join` kinds and `a == b` keys,
/// `check … [warn]`, `complete c = values by k, …`.
extension Parser {

    /// total := 'total' expression   (only after `by`: a total row needs groups to total)
    mutating func parseTotal(by: [StageItem]) throws -> Expr? {
        guard checkName("total") else { return nil }
        let word = advance()
        guard !by.isEmpty else {
            throw SyntaxError(.totalNeedsBy, span: word.span)
        }
        return try parseExpression(minLevel: .coalesce)
    }

    /// joinKind := [ 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti' ]
    /// A kind word followed by `on` is the joined table's name (`join left on k` joins a table
    /// called `left`), as before kinds existed.
    mutating func parseJoinKind() -> JoinKind {
        guard peek.kind == .identifier, let kind = JoinKind(rawValue: peek.name),
              !(lookahead(1).kind == .identifier && lookahead(1).name == "on") else { return .inner }
        advance()
        return kind
    }

    /// joinKeys := joinKey { ',' joinKey } ; joinKey := NAME [ '==' NAME ]
    mutating func parseJoinKeys() throws -> [JoinKey] {
        var keys: [JoinKey] = []
        repeat {
            let left = try parseName(.contextForAKeyColumn)
            if match(.equalEqual) {
                keys.append(JoinKey(left: left, right: try parseName(.contextForTheJoinedTableSKeyColumn)))
            } else {
                keys.append(JoinKey(left: left, right: left))
            }
        } while match(.comma)
        return keys
    }

    /// check := 'check' expression { ',' expression } [ 'warn' ]
    mutating func parseCheck() throws -> StageKind {
        var conditions: [Expr] = []
        repeat { conditions.append(try parseExpression(minLevel: .coalesce)) } while match(.comma)
        var warn = false
        if checkName("warn") {
            advance()
            warn = true
        }
        return .check(conditions, warn: warn)
    }

    /// complete := 'complete' NAME '=' expression [ 'by' NAME { ',' NAME } ]
    mutating func parseComplete() throws -> StageKind {
        let column = try parseName(.contextForTheColumnToComplete)
        _ = try expect(.equal, .contextInCompleteColumnValues)
        let values = try parseExpression(minLevel: .coalesce)
        var by: [Name] = []
        if checkName("by") {
            advance()
            by = try parseNameList()
        }
        return .complete(column: column, values: values, by: by)
    }
}

/// Table stages after `|` (REFERENCE §5): `where`, `select`, `derive … by`, `summarize … by [total]`,
/// `sort`, `take [by]`, `join [kind] … on`, `distinct`, `rename`, `drop`, `append`, `pivot`,
/// `check`, `complete`, `format` (the report-table ones are parsed in ParserReportStages.swift). Stage names are
/// keywords only here; elsewhere they are ordinary names.
extension Parser {

    mutating func parseStage() throws -> Stage {
        let keyword = advance()
        let start = keyword.span
        let kind: StageKind
        switch keyword.name {
        case "where":
            kind = .whereRows(try parseExpression(minLevel: .coalesce))
        case "select":
            kind = .select(try parseStageItems(allowBare: true))
        case "derive":
            let items = try parseStageItems(allowBare: false)
            kind = .derive(items, by: try parseBy())
        case "summarize":
            let items = try parseStageItems(allowBare: false)
            let by = try parseBy()
            kind = .summarize(items, by: by, total: try parseTotal(by: by))
        case "sort":
            var keys: [SortKey] = []
            repeat {
                let expr = try parseExpression(minLevel: .coalesce)
                var descending = false
                if checkName("desc") { advance(); descending = true } else if checkName("asc") { advance() }
                keys.append(SortKey(expr: expr, descending: descending))
            } while match(.comma)
            kind = .sort(keys)
        case "take":
            let count = try parseExpression(minLevel: .coalesce)
            kind = .take(count, by: try parseBy())
        case "join":
            let joinKind = parseJoinKind()
            let other = try parseExpression(minLevel: .postfix)
            guard checkName("on") else { throw unexpected(.joinNeedsOn) }
            advance()
            kind = .join(other, kind: joinKind, on: try parseJoinKeys())
        case "distinct":
            kind = .distinct(isAtStageEnd() ? [] : try parseNameList())
        case "rename":
            var pairs: [(new: Name, old: Name)] = []
            repeat {
                let new = try parseName(.contextForTheNewColumnName)
                _ = try expect(.equal, .contextInRenameNewOld)
                pairs.append((new, try parseName(.contextForTheOldColumnName)))
            } while match(.comma)
            kind = .rename(pairs)
        case "drop":
            kind = .drop(try parseNameList())
        case "append":
            kind = .append(try parseExpression(minLevel: .postfix))
        case "format":
            kind = .format(try parseStageItems(allowBare: false))
        case "check":
            kind = try parseCheck()
        case "complete":
            kind = try parseComplete()
        case "unpivot":
            kind = try parseUnpivot()
        default: // pivot
            let key = try parseName(.contextForThePivotKeyColumn)
            _ = try expect(.comma, .contextBetweenThePivotKeyAndValueColumns)
            kind = .pivot(key: key, value: try parseName(.contextForThePivotValueColumn))
        }
        return Stage(kind: kind, span: start.to(previous.span))
    }

    /// unpivot := 'unpivot' [ 'except' ] name { ',' name } 'into' name ',' name
    mutating func parseUnpivot() throws -> StageKind {
        // `except` is a word only here, and only when a column name follows it.
        let except = checkName("except") && lookahead(1).kind == .identifier
        if except { advance() }
        let columns = try parseNameList()
        guard checkName("into") else { throw unexpected(.unpivotNeedsInto) }
        advance()
        let name = try parseName(.contextForTheColumnOfTheUnpivotedNames)
        _ = try expect(.comma, .contextBetweenTheNameAndValueColumnsOfInto)
        return .unpivot(columns: columns, except: except, name: name, value: try parseName(.contextForTheColumnOfTheUnpivotedValues))
    }

    func isAtStageEnd() -> Bool {
        switch peek.kind {
        case .newline, .semicolon, .eof, .pipe, .rightParen, .rightBrace, .rightBracket: return true
        default: return false
        }
    }

    /// items := item { ',' item } ; item := NAME [ '=' expression ] | expression (select only, named by its text)
    mutating func parseStageItems(allowBare: Bool) throws -> [StageItem] {
        var items: [StageItem] = []
        repeat {
            if check(.identifier), lookahead(1).kind == .equal {
                let name = try parseName(.contextForTheColumn)
                advance()
                items.append(StageItem(name: name, expr: try parseExpression(minLevel: .coalesce)))
            } else if allowBare, check(.identifier) {
                items.append(StageItem(name: try parseName(.contextForTheColumn), expr: nil))
            } else if check(.identifier), lookahead(1).kind == .colon, !items.isEmpty {
                throw SyntaxError(HabitHints.pipelineInArguments, span: peek.span)
            } else {
                throw unexpected(.expectedNameExpression)
            }
        } while match(.comma)
        return items
    }

    /// by := 'by' item { ',' item }
    mutating func parseBy() throws -> [StageItem] {
        guard checkName("by") else { return [] }
        advance()
        return try parseStageItems(allowBare: true)
    }

    mutating func parseNameList() throws -> [Name] {
        var names: [Name] = []
        repeat { names.append(try parseName(.contextForAColumnName)) } while match(.comma)
        return names
    }
}

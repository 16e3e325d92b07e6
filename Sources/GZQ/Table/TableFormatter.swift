import Foundation

/// Renders a table as aligned plain-ASCII text (REFERENCE §8), the form `print`, the REPL and
/// `gzq -e` show:
///
///     +----------+------+----------+
///     | region   | year |     rate |
///     +----------+------+----------+
///     | 贵阳市   | 2021 | 0.950625 |
///     | 六盘水市 | 2021 |     null |
///     +----------+------+----------+
///
/// Why it looks like this:
/// - Only ASCII in the frame (`+ - |`, and `...` for elisions): box-drawing characters and
///   `…` are East Asian *ambiguous* width, two columns in many CJK terminals, which would
///   break the alignment this renderer exists for.
/// - Widths are display widths from the generated Unicode table (`DisplayWidth`), so
///   `贵阳市` takes six columns; every frame line has the same display width.
/// - The frame is closed on the right, so no line carries trailing blanks (expected-output
///   comments in tests survive editors that strip them).
/// - Only the rows shown are ever formatted: a long table is cut to its first and last rows
///   around a `...` row before a single cell is turned into text, so a 10M-row table renders
///   as fast as a 40-row one.
/// - A footer line (`100000 rows (40 shown)`, `0 rows`, `… columns (n hidden)`) appears only
///   when something is not shown or the table is empty; it is outside the frame.
enum TableFormatter {
    /// Rows shown before a table is elided (DuckDB's shell default).
    static let defaultMaxRows = 40
    /// Marks hidden rows, hidden columns and truncated cells.
    static let ellipsis = "..."

    private enum Align { case left, right }

    /// One displayed column: a real column of the table, or the `...` column standing for
    /// the hidden middle ones.
    private struct Slot {
        var header: String
        var cells: [String]
        var align: Align
        var width: Int
        var truncatable: Bool
        /// The width before `fit` capped it.
        var natural: Int
    }

    /// The table as text, without a trailing newline.
    /// - maxRows: more rows than this are elided in the middle (first half and last half kept).
    /// - maxWidth: when given (the terminal width), long text cells are shortened and middle
    ///   columns hidden so every line fits, when it can; numbers are never truncated.
    static func render(_ t: Table, maxRows: Int = defaultMaxRows, maxWidth: Int? = nil) -> String {
        let columnCount = t.schema.count
        if columnCount == 0 { return "\(rowsPhrase(t.rowCount)), 0 columns" }

        let (top, bottom) = shownRows(count: t.rowCount, maxRows: maxRows)
        let elided = top.count + bottom.count < t.rowCount
        let head = top.count, tail = bottom.count
        let shown = Array(top) + Array(bottom)

        var slots: [Slot] = []
        slots.reserveCapacity(columnCount)
        for (c, column) in t.columns.enumerated() {
            let numeric = column.type == .int || column.type == .float
            let header = sanitize(t.schema.names[c])
            let format = t.displayFormat(ofColumn: c)
            let cells = shown.map { sanitize(cell(column, $0, format: format)) }
            var width = max(1, DisplayWidth.of(header))
            for cell in cells { width = max(width, DisplayWidth.of(cell)) }
            if elided { width = max(width, ellipsis.count) }
            slots.append(Slot(header: header, cells: cells, align: numeric ? .right : .left, width: width, truncatable: !numeric, natural: width))
        }

        var hidden = 0
        if let maxWidth { hidden = fit(&slots, into: maxWidth, rows: shown.count) }

        var lines: [String] = []
        lines.reserveCapacity(shown.count + 6)
        let border = "+" + slots.map { String(repeating: "-", count: $0.width + 2) }.joined(separator: "+") + "+"
        lines.append(border)
        lines.append(line(slots.map { ($0.header, $0) }))
        lines.append(border)
        for k in 0..<head { lines.append(line(slots.map { ($0.cells[k], $0) })) }
        if elided { lines.append(line(slots.map { (ellipsis, $0) })) }
        for k in head..<(head + tail) { lines.append(line(slots.map { ($0.cells[k], $0) })) }
        if t.rowCount > 0 { lines.append(border) }

        var footer: [String] = []
        if elided { footer.append("\(t.rowCount) rows (\(shown.count) shown)") } else if t.rowCount == 0 || hidden > 0 { footer.append(rowsPhrase(t.rowCount)) }
        if hidden > 0 { footer.append("\(columnCount) columns (\(hidden) hidden)") }
        if !footer.isEmpty { lines.append(footer.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }

    /// Which rows are shown: all of them, or the first and last rows around one `...` row.
    /// Nothing outside these ranges is ever read, which is what makes rendering instant.
    static func shownRows(count: Int, maxRows: Int) -> (head: Range<Int>, tail: Range<Int>) {
        let limit = max(0, maxRows)
        if count <= limit { return (0..<count, count..<count) }
        return (0..<(limit + 1) / 2, (count - limit / 2)..<count)
    }

    /// The text of one cell: in the column's display format when it has one (`format` stage),
    /// else 6 significant digits for floats; `null` for null.
    static func cell(_ column: Column, _ i: Int, format: DisplayFormat? = nil) -> String {
        guard column.isValid(i) else { return "null" }
        if let format, let text = format.text(column.value(at: i)) { return text }
        switch column.storage {
        case .int(let v): return String(v[i])
        case .float(let v): return float(v[i])
        case .bool(let v): return v[i] ? "true" : "false"
        case .date(let v): return CivilDate.format(v[i])
        case .string(let codes, let dictionary): return dictionary[Int(codes[i])]
        case .boxed(let v): return ValueFormatter.literal(v[i])
        }
    }

    /// A float with up to 6 significant digits, trailing zeros trimmed (C's `%g`):
    /// `0.950625`, `2`, `1.5e-07`. One departure from `%g`: magnitudes from 1e6 up to 1e15
    /// print as whole numbers (`1234568`, not `1.23457e+06`), because report figures in that
    /// range are sums of money or people, and hiding their integer digits behind an exponent
    /// reads worse than showing a seventh digit.
    static func float(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        let g = String(format: "%.6g", d)
        if g.contains("e+"), abs(d) < 1e15 { return String(format: "%.0f", d) }
        return g
    }

    private static func rowsPhrase(_ n: Int) -> String { n == 1 ? "1 row" : "\(n) rows" }

    /// Escapes characters that would break the grid (newlines, tabs, other controls).
    static func sanitize(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return s }
        var out = ""
        for scalar in s.unicodeScalars { ValueFormatter.appendEscapingControls(scalar, to: &out) }
        return out
    }

    private static func line(_ cells: [(String, Slot)]) -> String {
        var out = "|"
        for (text, slot) in cells {
            out += " " + pad(text, slot) + " |"
        }
        return out
    }

    private static func pad(_ text: String, _ slot: Slot) -> String {
        var text = text
        var width = DisplayWidth.of(text)
        if width > slot.width {
            text = truncate(text, to: slot.width)
            width = DisplayWidth.of(text)
        }
        let spaces = String(repeating: " ", count: max(0, slot.width - width))
        return slot.align == .right ? spaces + text : text + spaces
    }

    /// The longest prefix of whole characters that, followed by `...`, fits in `width`
    /// (just the prefix when `width` is too small for the marker). May come out one column
    /// short when a wide character straddles the limit; padding makes up the difference.
    static func truncate(_ s: String, to width: Int) -> String {
        let marker = width > ellipsis.count ? ellipsis : ""
        let budget = width - marker.count
        var out = ""
        var used = 0
        for ch in s {
            let w = ch.unicodeScalars.reduce(0) { $0 + DisplayWidth.of($1) }
            if used + w > budget { break }
            used += w
            out.append(ch)
        }
        return out + marker
    }

    /// Shrinks `slots` to fit `maxWidth` display columns; returns how many columns it hid.
    /// In order: cap long text columns, then hide middle columns behind one `...` column
    /// (keeping columns alternately from the left and the right), then shorten the one text
    /// column left if it alone is too wide. Numbers are never cut; if they cannot fit, the
    /// lines are wider than asked.
    private static func fit(_ slots: inout [Slot], into maxWidth: Int, rows: Int) -> Int {
        func total(_ s: [Slot]) -> Int { 1 + s.reduce(0) { $0 + $1.width + 3 } }
        if total(slots) <= maxWidth { return 0 }

        // 1. Cap text columns, so one long column does not push out all the others.
        // When that is enough, give the room left back to the capped columns, left first.
        let cap = max(12, maxWidth / 4)
        for k in slots.indices where slots[k].truncatable && slots[k].width > cap { slots[k].width = cap }
        if total(slots) <= maxWidth {
            giveBack(&slots, maxWidth)
            return 0
        }

        // 2. Hide middle columns.
        if slots.count > 1 {
            let marker = Slot(header: ellipsis, cells: Array(repeating: ellipsis, count: rows), align: .left,
                              width: ellipsis.count, truncatable: false, natural: ellipsis.count)
            var budget = maxWidth - 1 - (marker.width + 3)
            var left = 0, right = slots.count - 1
            var leftOpen = true, rightOpen = true, fromLeft = true
            while left <= right, leftOpen || rightOpen {
                if fromLeft ? !leftOpen : !rightOpen { fromLeft.toggle() }
                let k = fromLeft ? left : right
                let need = slots[k].width + 3
                if need <= budget {
                    budget -= need
                    if fromLeft { left += 1 } else { right -= 1 }
                } else if fromLeft {
                    leftOpen = false
                } else {
                    rightOpen = false
                }
                fromLeft.toggle()
            }
            if left > right { return 0 } // cannot happen: the whole table did not fit
            if left == 0 { left = 1; right = slots.count - 1 } // always show the first column
            let hidden = right - left + 1
            slots = Array(slots[..<left]) + [marker] + Array(slots[(right + 1)...])
            giveBack(&slots, maxWidth)
            shrinkFirst(&slots, to: maxWidth)
            return hidden
        }
        shrinkFirst(&slots, to: maxWidth)
        return 0
    }

    /// Hands room left under `maxWidth` back to capped columns, left first.
    private static func giveBack(_ slots: inout [Slot], _ maxWidth: Int) {
        var slack = maxWidth - (1 + slots.reduce(0) { $0 + $1.width + 3 })
        for k in slots.indices where slack > 0 && slots[k].width < slots[k].natural {
            let extra = min(slack, slots[k].natural - slots[k].width)
            slots[k].width += extra
            slack -= extra
        }
    }

    /// Step 3 of `fit`: when the frame is still too wide and the first column is text, cut it.
    private static func shrinkFirst(_ slots: inout [Slot], to maxWidth: Int) {
        let excess = 1 + slots.reduce(0) { $0 + $1.width + 3 } - maxWidth
        if excess > 0, slots[0].truncatable { slots[0].width = max(1, slots[0].width - excess) }
    }
}

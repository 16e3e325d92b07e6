@testable import GZQ

// Typed columns and tables built directly (no interpreter), shared by the formatter and
// writer tests. A nil is a null cell.

func strings(_ xs: [String?]) -> Column {
    var dictionary: [String] = [], codes: [UInt32] = [], index: [String: UInt32] = [:]
    var validity = BitVector(count: xs.count, value: true)
    for (k, x) in xs.enumerated() {
        guard let x else { codes.append(0); validity[k] = false; continue }
        let code = index[x] ?? UInt32(dictionary.count)
        if index[x] == nil { index[x] = code; dictionary.append(x) }
        codes.append(code)
    }
    if dictionary.isEmpty { dictionary = [""] }
    return Column(storage: .string(codes: codes, dictionary: dictionary), validity: validity)
}

func ints(_ xs: [Int?]) -> Column {
    var validity = BitVector(count: xs.count, value: true)
    for (k, x) in xs.enumerated() where x == nil { validity[k] = false }
    return Column(storage: .int(xs.map { $0 ?? 0 }), validity: validity)
}

func floats(_ xs: [Double?]) -> Column {
    var validity = BitVector(count: xs.count, value: true)
    for (k, x) in xs.enumerated() where x == nil { validity[k] = false }
    return Column(storage: .float(xs.map { $0 ?? 0 }), validity: validity)
}

func table(_ columns: KeyValuePairs<String, Column>) -> Table {
    Table(schema: Schema(names: columns.map(\.key), types: columns.map(\.value.type)),
          columns: columns.map(\.value), rowCount: columns.first?.value.count ?? 0)
}

/// One typed column: unboxed values plus a validity bitmap (nil when no cell is null).
/// Strings are dictionary-encoded: `codes[i]` indexes `dictionary`.
public final class Column {
    public enum Storage {
        case int([Int])
        case float([Double])
        case bool(BitVector)
        case date([Int32])
        case string(codes: [UInt32], dictionary: [String])
        /// Lists and records (e.g. `trend(...)` in summarize): one boxed value per cell.
        case boxed([Value])
    }

    public let storage: Storage
    public let validity: BitVector?
    public let count: Int

    public init(storage: Storage, validity: BitVector?) {
        self.storage = storage
        switch storage {
        case .int(let v): count = v.count
        case .float(let v): count = v.count
        case .bool(let v): count = v.count
        case .date(let v): count = v.count
        case .string(let codes, _): count = codes.count
        case .boxed(let v): count = v.count
        }
        // A bitmap with every bit set carries no information; drop it.
        if let validity, validity.popCount == validity.count { self.validity = nil } else { self.validity = validity }
    }

    public var type: ColumnType {
        switch storage {
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .date: return .date
        case .string: return .string
        case .boxed(let v): return v.contains { if case .record = $0 { return true }; return false } ? .record : .list
        }
    }

    @inline(__always)
    public func isValid(_ i: Int) -> Bool { validity?[i] ?? true }

    public func value(at i: Int) -> Value {
        guard isValid(i) else { return .null }
        switch storage {
        case .int(let v): return .int(v[i])
        case .float(let v): return .float(v[i])
        case .bool(let v): return .bool(v[i])
        case .date(let v): return .date(v[i])
        case .string(let codes, let dictionary): return .str(dictionary[Int(codes[i])])
        case .boxed(let v): return v[i]
        }
    }

    /// Bytes held by the column's buffers (for the memory limit and the load benchmark).
    var byteSize: Int {
        let data: Int
        switch storage {
        case .int(let v): data = v.count * 8
        case .float(let v): data = v.count * 8
        case .bool(let v): data = v.byteSize
        case .date(let v): data = v.count * 4
        case .string(let codes, let dictionary): data = codes.count * 4 + dictionary.reduce(0) { $0 + $1.utf8.count + 16 }
        case .boxed(let v): data = v.count * 16
        }
        return data + (validity?.byteSize ?? 0)
    }

    /// A new column holding the rows at `indices`, in that order.
    func gather(_ indices: [Int]) -> Column {
        var validity: BitVector?
        if let old = self.validity {
            var v = BitVector(count: indices.count, value: true)
            for (k, i) in indices.enumerated() where !old[i] { v[k] = false }
            validity = v
        }
        switch storage {
        case .int(let v): return Column(storage: .int(indices.map { v[$0] }), validity: validity)
        case .float(let v): return Column(storage: .float(indices.map { v[$0] }), validity: validity)
        case .date(let v): return Column(storage: .date(indices.map { v[$0] }), validity: validity)
        case .bool(let v):
            var out = BitVector(count: indices.count, value: false)
            for (k, i) in indices.enumerated() where v[i] { out[k] = true }
            return Column(storage: .bool(out), validity: validity)
        case .string(let codes, let dictionary):
            return Column(storage: .string(codes: indices.map { codes[$0] }, dictionary: dictionary), validity: validity)
        case .boxed(let v):
            return Column(storage: .boxed(indices.map { v[$0] }), validity: validity)
        }
    }
}

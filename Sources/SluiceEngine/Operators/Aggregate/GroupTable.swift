/// Assigns group ids (0, 1, 2, ... in order of first appearance) to rows by their key codes,
/// one code per grouping column. Keys are kept flat, and looked up through an
/// open-addressing table, so no row allocates. One or two codes pack into a 64-bit key and
/// go through an `IntegerInterner`, whose codes are the group ids.
struct GroupTable {
    let width: Int
    private var packed = IntegerInterner()
    private var packs: Bool { width == 1 || width == 2 }
    /// The codes of each group, `width` per group.
    private(set) var keys: [Int32] = []
    private var slots: [Int32] = Array(repeating: 0, count: 1024)
    private var hashes: [UInt64] = []
    /// With one or two small codes (dictionary-coded keys, say): the group of codes `(a, b)`
    /// at `dense[a * denseStride + b]`, -1 until seen, in front of the interner.
    private var dense: [Int32] = []
    private var denseStride = 0
    /// The most slots the direct table may have.
    private static let denseLimit = 1 << 16

    init(width: Int) {
        self.width = width
    }

    /// The number of groups.
    var count: Int { width == 0 ? groupsWithoutKeys : packs ? packed.count : hashes.count }
    private var groupsWithoutKeys = 0

    /// About how many bytes the groups' codes and the table take.
    var estimatedBytes: Int { packed.estimatedBytes + keys.count * 4 + hashes.count * 8 + slots.count * 4 }

    /// The group of each row, given the rows' codes column by column (`codes[column][row]`).
    /// `bounds`, when given, holds for each column a number above all its codes (the codes an
    /// encoder has handed out), which spares a pass over the rows to find the largest.
    mutating func groups(rows: Int, codes: [[Int32]], bounds: [Int]? = nil) -> [Int32] {
        guard width > 0 else {
            groupsWithoutKeys = 1
            return Array(repeating: 0, count: rows)
        }
        if packs {
            let first = codes[0], second = width == 2 ? codes[1] : first
            let firstBound = bounds?[0] ?? Int(first.max() ?? 0) + 1
            let secondBound = width == 2 ? bounds?[1] ?? Int(second.max() ?? 0) + 1 : 1
            if let direct = denseGroups(rows: rows, first: first, second: width == 2 ? second : nil,
                                        firstCount: firstBound, secondCount: secondBound) {
                return direct
            }
        }
        var result = [Int32](repeating: 0, count: rows)
        if packs {
            let first = codes[0], second = width == 2 ? codes[1] : first
            for row in 0..<rows {
                result[row] = packed.code(of: width == 2 ? Self.pack(first[row], second[row]) : Int64(first[row]))
            }
            return result
        }
        var key = [Int32](repeating: 0, count: width)
        for row in 0..<rows {
            for column in 0..<width { key[column] = codes[column][row] }
            result[row] = group(of: key)
        }
        return result
    }

    /// The groups through the direct table, when the codes (below `firstCount` and
    /// `secondCount`) are small enough for one; nil otherwise.
    private mutating func denseGroups(rows: Int, first: [Int32], second: [Int32]?, firstCount: Int, secondCount: Int) -> [Int32]? {
        let stride = max(secondCount, denseStride)
        guard firstCount * stride <= Self.denseLimit else { return nil }
        if stride != denseStride || firstCount * stride > dense.count {
            // (Re)build the table from the groups so far, for the larger codes.
            let firstRows = max(firstCount, denseStride == 0 ? 0 : dense.count / denseStride)
            denseStride = stride
            dense = [Int32](repeating: -1, count: firstRows * stride)
            for (group, key) in packed.values.enumerated() {
                let a = width == 2 ? Int(key >> 32) : Int(key), b = width == 2 ? Int(Int32(truncatingIfNeeded: key)) : 0
                if a * stride + b < dense.count { dense[a * stride + b] = Int32(group) }
            }
        }
        let pairs = width == 2
        let seconds = second ?? []
        let result = [Int32](unsafeUninitializedCapacity: rows) { result, initialized in
            first.withUnsafeBufferPointer { first in
                seconds.withUnsafeBufferPointer { seconds in
                    dense.withUnsafeMutableBufferPointer { table in
                        for row in 0..<rows {
                            let index = Int(first[row]) * stride + (pairs ? Int(seconds[row]) : 0)
                            var group = table[index]
                            if group < 0 {
                                group = packed.code(of: pairs ? Self.pack(first[row], seconds[row]) : Int64(first[row]))
                                table[index] = group
                            }
                            result[row] = group
                        }
                    }
                }
            }
            initialized = rows
        }
        return result
    }

    /// The group of `key` if it exists, without adding it.
    func find(_ key: [Int32]) -> Int32? {
        guard width > 0 else { return groupsWithoutKeys > 0 ? 0 : nil }
        if packs { return packed.existingCode(of: width == 2 ? Self.pack(key[0], key[1]) : Int64(key[0])) }
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let group = Int(slots[slot] - 1)
            if hashes[group] == hash, keyEquals(group, key) { return Int32(group) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private static func hash(_ key: [Int32]) -> UInt64 {
        var hash: UInt64 = 0x9e37_79b9_7f4a_7c15
        for code in key { hash = (hash ^ UInt64(UInt32(bitPattern: code))) &* 0xff51_afd7_ed55_8ccd; hash ^= hash >> 29 }
        return hash
    }

    private mutating func group(of key: [Int32]) -> Int32 {
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let group = Int(entry - 1)
            if hashes[group] == hash, keyEquals(group, key) { return Int32(group) }
            slot = (slot + 1) & mask
        }
        let group = hashes.count
        hashes.append(hash)
        keys.append(contentsOf: key)
        slots[slot] = Int32(group + 1)
        if hashes.count * 2 > slots.count { grow() }
        return Int32(group)
    }

    private func keyEquals(_ group: Int, _ key: [Int32]) -> Bool {
        let base = group * width
        for column in 0..<width where keys[base + column] != key[column] { return false }
        return true
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for group in hashes.indices {
            var slot = Int(truncatingIfNeeded: hashes[group]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(group + 1)
        }
    }

    /// The code of `column` for `group`.
    func code(group: Int, column: Int) -> Int32 {
        guard packs else { return keys[group * width + column] }
        let key = packed.values[group]
        return width == 1 ? Int32(truncatingIfNeeded: key) : column == 0 ? Int32(truncatingIfNeeded: key >> 32) : Int32(truncatingIfNeeded: key)
    }

    @inline(__always)
    private static func pack(_ first: Int32, _ second: Int32) -> Int64 {
        Int64(first) << 32 | Int64(UInt32(bitPattern: second))
    }
}

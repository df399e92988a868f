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
        guard let stride = prepareDense(firstCount: firstCount, secondCount: secondCount) else { return nil }
        let seconds = second ?? []
        return first.withUnsafeBufferPointer { first in
            seconds.withUnsafeBufferPointer { seconds in
                denseLoop(rows: rows, stride: stride) { row in (first[row], seconds.isEmpty ? 0 : seconds[row]) }
            }
        }
    }

    /// The group of each row of one or two dictionary-coded key columns without nulls, given
    /// each column's dictionary codes (`codes[column][row]`) and each dictionary entry's key
    /// code (`mappings[column][entry]`, below `bounds[column]`). The rows' key codes are read
    /// through the mappings as the rows are grouped, without being written out first; when the
    /// batch's dictionaries are small, each pair of entries is looked up once, and rows read
    /// their group from a table of the pairs.
    mutating func groups(rows: Int, dictionaryCodes codes: [[Int32]], mappings: [[Int32]], bounds: [Int]) -> [Int32] {
        precondition(packs && codes.count == width && mappings.count == width, "one or two dictionary-coded key columns")
        if let stride = prepareDense(firstCount: bounds[0], secondCount: width == 2 ? bounds[1] : 1) {
            let secondCodes = width == 2 ? codes[1] : [], secondMapping = width == 2 ? mappings[1] : []
            let pairCount = mappings[0].count * (width == 2 ? secondMapping.count : 1)
            return codes[0].withUnsafeBufferPointer { firstCodes in
                mappings[0].withUnsafeBufferPointer { firstMapping in
                    secondCodes.withUnsafeBufferPointer { secondCodes in
                        secondMapping.withUnsafeBufferPointer { secondMapping in
                            if pairCount <= Self.denseLimit {
                                return entryPairLoop(rows: rows, stride: stride, firstCodes, firstMapping, secondCodes, secondMapping)
                            }
                            return denseLoop(rows: rows, stride: stride) { row in
                                (firstMapping[Int(firstCodes[row])], secondCodes.isEmpty ? 0 : secondMapping[Int(secondCodes[row])])
                            }
                        }
                    }
                }
            }
        }
        let keyCodes = zip(codes, mappings).map { codes, mapping in codes.map { mapping[Int($0)] } }
        return groups(rows: rows, codes: keyCodes, bounds: bounds)
    }

    /// Readies the direct table for codes below `firstCount` and `secondCount`, rebuilding it
    /// from the groups so far when the codes outgrew it; its stride, or nil when it would be too large.
    private mutating func prepareDense(firstCount: Int, secondCount: Int) -> Int? {
        let stride = max(secondCount, denseStride)
        guard firstCount * stride <= Self.denseLimit else { return nil }
        if stride != denseStride || firstCount * stride > dense.count {
            let firstRows = max(firstCount, denseStride == 0 ? 0 : dense.count / denseStride)
            denseStride = stride
            dense = [Int32](repeating: -1, count: firstRows * stride)
            for (group, key) in packed.values.enumerated() {
                let a = width == 2 ? Int(key >> 32) : Int(key), b = width == 2 ? Int(Int32(truncatingIfNeeded: key)) : 0
                if a * stride + b < dense.count { dense[a * stride + b] = Int32(group) }
            }
        }
        return stride
    }

    /// The loop over dictionary entries: `pairs[a * secondCount + b]` holds the group of
    /// entries `a` and `b` once a row has had them; the first such row finds it through the
    /// mappings and the direct table.
    private mutating func entryPairLoop(rows: Int, stride: Int, _ firstCodes: UnsafeBufferPointer<Int32>,
                                        _ firstMapping: UnsafeBufferPointer<Int32>, _ secondCodes: UnsafeBufferPointer<Int32>,
                                        _ secondMapping: UnsafeBufferPointer<Int32>) -> [Int32] {
        let single = secondCodes.isEmpty, secondCount = single ? 1 : secondMapping.count
        var pairs = [Int32](repeating: -1, count: firstMapping.count * secondCount)
        return pairs.withUnsafeMutableBufferPointer { pairs in
            denseLoop(rows: rows, stride: stride, through: pairs) { row in
                single ? Int(firstCodes[row]) : Int(firstCodes[row]) * secondCount + Int(secondCodes[row])
            } keyCodes: { pair in
                single ? (firstMapping[pair], 0) : (firstMapping[pair / secondCount], secondMapping[pair % secondCount])
            }
        }
    }

    /// `denseLoop` behind a cache: `slot(row)` names a row's entry in `cache`, which remembers
    /// the group of each slot after the first row that has it; `keyCodes(slot)` gives its codes.
    @inline(__always)
    private mutating func denseLoop(rows: Int, stride: Int, through cache: UnsafeMutableBufferPointer<Int32>,
                                    slot: (Int) -> Int, keyCodes: (Int) -> (Int32, Int32)) -> [Int32] {
        let pairs = width == 2
        return [Int32](unsafeUninitializedCapacity: rows) { result, initialized in
            dense.withUnsafeMutableBufferPointer { table in
                for row in 0..<rows {
                    let entry = slot(row)
                    // Dictionary codes are below their dictionary's size; a broken one must not write astray.
                    precondition(entry >= 0 && entry < cache.count, "a dictionary code beyond its dictionary")
                    var group = cache[entry]
                    if group < 0 {
                        let (a, b) = keyCodes(entry)
                        group = Self.group(a, b, stride: stride, pairs: pairs, table: table, packed: &packed)
                        cache[entry] = group
                    }
                    result[row] = group
                }
            }
            initialized = rows
        }
    }

    /// The direct table's loop: `keyCodes(row)` gives a row's codes (the second is 0 with one key).
    @inline(__always)
    private mutating func denseLoop(rows: Int, stride: Int, _ keyCodes: (Int) -> (Int32, Int32)) -> [Int32] {
        let pairs = width == 2
        return [Int32](unsafeUninitializedCapacity: rows) { result, initialized in
            dense.withUnsafeMutableBufferPointer { table in
                for row in 0..<rows {
                    let (a, b) = keyCodes(row)
                    result[row] = Self.group(a, b, stride: stride, pairs: pairs, table: table, packed: &packed)
                }
            }
            initialized = rows
        }
    }

    /// The group of codes `(a, b)` in the direct table, added (to it and to `packed`) when new.
    @inline(__always)
    private static func group(_ a: Int32, _ b: Int32, stride: Int, pairs: Bool, table: UnsafeMutableBufferPointer<Int32>,
                              packed: inout IntegerInterner) -> Int32 {
        let index = Int(a) * stride + Int(b)
        var group = table[index]
        if group < 0 {
            group = packed.code(of: pairs ? pack(a, b) : Int64(a))
            table[index] = group
        }
        return group
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

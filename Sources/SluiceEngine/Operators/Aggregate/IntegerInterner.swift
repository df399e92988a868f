/// Gives each distinct 64-bit value a dense code (0, 1, 2, ...) through an open-addressing
/// table: for the integer keys of joins and groupings, cheaper than a `Dictionary`.
struct IntegerInterner {
    /// The distinct values, by code.
    private(set) var values: [Int64] = []
    /// Slots hold code + 1 (0 is empty).
    private var slots: [Int32] = Array(repeating: 0, count: 1024)

    var count: Int { values.count }

    /// About how many bytes the values and the table take.
    var estimatedBytes: Int { values.count * 8 + slots.count * 4 }

    /// The code of `value`, interning it if new.
    @inline(__always)
    mutating func code(of value: Int64) -> Int32 {
        let mask = slots.count - 1
        var slot = Self.slot(value, mask)
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if values[Int(entry - 1)] == value { return entry - 1 }
            slot = (slot + 1) & mask
        }
        let code = Int32(values.count)
        values.append(value)
        slots[slot] = code + 1
        if values.count * 2 > slots.count { grow() }
        return code
    }

    /// The code of `value` if it was interned, without interning it.
    func existingCode(of value: Int64) -> Int32? {
        let mask = slots.count - 1
        var slot = Self.slot(value, mask)
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if values[Int(entry - 1)] == value { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (code, value) in values.enumerated() {
            var slot = Self.slot(value, mask)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(code + 1)
        }
    }

    @inline(__always)
    private static func slot(_ value: Int64, _ mask: Int) -> Int {
        var hash = UInt64(bitPattern: value) &* 0x9e37_79b9_7f4a_7c15
        hash ^= hash >> 32
        return Int(truncatingIfNeeded: hash) & mask
    }
}

/// Interns fixed-width values (as their 64-bit patterns) for dictionary encoding, keeping
/// them in insertion order for the dictionary page.
struct NumericDictionary {
    private(set) var values: [UInt64] = []
    private var slots: [Int32] = [Int32](repeating: -1, count: 1024)

    var count: Int { values.count }

    /// The index of `value`, added at the end when new.
    mutating func index(of value: UInt64) -> UInt32 {
        let mask = slots.count - 1
        var slot = Self.slot(value, mask)
        while true {
            let entry = slots[slot]
            if entry < 0 { break }
            if values[Int(entry)] == value { return UInt32(entry) }
            slot = (slot + 1) & mask
        }
        let index = Int32(values.count)
        values.append(value)
        slots[slot] = index
        if values.count * 2 > slots.count { grow() }
        return UInt32(index)
    }

    /// The values, plain-encoded at `width` bytes (4 keeps the low half).
    func encode(width: Int, into output: inout [UInt8]) {
        for value in values {
            if width == 4 {
                withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian) { output.append(contentsOf: $0) }
            } else {
                withUnsafeBytes(of: value.littleEndian) { output.append(contentsOf: $0) }
            }
        }
    }

    private static func slot(_ value: UInt64, _ mask: Int) -> Int {
        var hash = value &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash >> 31
        return Int(truncatingIfNeeded: hash) & mask
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = bigger.count - 1
        for (entry, value) in values.enumerated() {
            var slot = Self.slot(value, mask)
            while bigger[slot] >= 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(entry)
        }
        slots = bigger
    }
}

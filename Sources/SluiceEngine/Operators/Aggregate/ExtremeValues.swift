import Foundation

/// The smallest or largest value of each group in one batch of numbers, folded into the
/// groups' current values: the running values stay unboxed while the batch is scanned.
enum ExtremeValues {
    /// Folds `numbers` (rows of `groups`, nulls per `validity` skipped) into `current`;
    /// `unbox` reads a current value, `box` makes one, `less` orders two.
    @inline(__always)
    static func fold<T>(_ numbers: [T], groups: [Int32], validity: Bitmap?, into current: inout [ScalarValue], minimum: Bool,
                        unbox: (ScalarValue) -> T?, box: (T) -> ScalarValue, less: (T, T) -> Bool) {
        let groupCount = current.count
        guard let placeholder = numbers.first else { return }
        var best = [T](repeating: placeholder, count: groupCount)
        var found = [Bool](repeating: false, count: groupCount)
        for (group, value) in current.enumerated() {
            if let number = unbox(value) { best[group] = number; found[group] = true }
        }
        numbers.withUnsafeBufferPointer { numbers in
            best.withUnsafeMutableBufferPointer { best in
                found.withUnsafeMutableBufferPointer { found in
                    forEachPresent(groups, validity) { row, group in
                        let number = numbers[row]
                        let better = minimum ? less(number, best[group]) : less(best[group], number)
                        if !found[group] || better {
                            best[group] = number
                            found[group] = true
                        }
                    }
                }
            }
        }
        for group in 0..<groupCount where found[group] { current[group] = box(best[group]) }
    }
}

extension ExtremeValues {
    /// The row of each group's smallest (or largest) string in one batch, in byte order
    /// (UTF-8, as Spark orders strings); -1 for a group with no value in the batch.
    static func bestRows(_ strings: StringStorage, groups: [Int32], validity: Bitmap?, groupCount: Int, minimum: Bool) -> [Int] {
        var best = [Int](repeating: -1, count: groupCount)
        strings.offsets.withUnsafeBufferPointer { offsets in
            strings.bytes.withUnsafeBytes { bytes in
                best.withUnsafeMutableBufferPointer { best in
                    // Byte order: the common prefix decides, else the shorter value comes first.
                    func order(_ a: Int, _ b: Int) -> Int {
                        let aLength = offsets[a + 1] - offsets[a], bLength = offsets[b + 1] - offsets[b]
                        let common = min(aLength, bLength)
                        if common > 0, let base = bytes.baseAddress {
                            let compared = memcmp(base + offsets[a], base + offsets[b], common)
                            if compared != 0 { return Int(compared) }
                        }
                        return aLength - bLength
                    }
                    forEachPresent(groups, validity) { row, group in
                        let current = best[group]
                        if current < 0 || (minimum ? order(row, current) < 0 : order(row, current) > 0) { best[group] = row }
                    }
                }
            }
        }
        return best
    }
}

import Foundation

/// The smallest or largest value of each group in one batch of numbers, folded into the
/// groups' current values: the running values stay unboxed while the batch is scanned.
enum ExtremeValues {
    /// Folds `numbers` (rows of `groups`, nulls per `validity` skipped) into `current`;
    /// `unbox` reads a current value, `box` makes one, `less` orders two (NaN above every
    /// number for doubles). `lowest` and `highest` are the type's extremes.
    @inline(__always)
    static func fold<T: Comparable>(_ numbers: [T], groups: [Int32], validity: Bitmap?, into current: inout [ScalarValue],
                                    minimum: Bool, lowest: T, highest: T,
                                    unbox: (ScalarValue) -> T?, box: (T) -> ScalarValue, less: (T, T) -> Bool) {
        let groupCount = current.count
        guard !numbers.isEmpty else { return }
        // A group without a value yet holds the extreme no value is strictly worse than.
        var best = [T](repeating: minimum ? highest : lowest, count: groupCount)
        var found = [Bool](repeating: false, count: groupCount)
        for (group, value) in current.enumerated() {
            if let number = unbox(value) { best[group] = number; found[group] = true }
        }
        if minimum {
            scan(numbers, groups, validity, &best, &found, worse: { number, held in held < number }, better: { less($0, $1) })
        } else {
            scan(numbers, groups, validity, &best, &found, worse: { number, held in number < held }, better: { less($1, $0) })
        }
        for group in 0..<groupCount where found[group] { current[group] = box(best[group]) }
    }

    /// The loop of `fold`: a value that `worse` (a plain comparison, false for NaN) shows
    /// cannot win is passed over at once; any other is weighed by `better`.
    @inline(__always)
    private static func scan<T>(_ numbers: [T], _ groups: [Int32], _ validity: Bitmap?, _ best: inout [T], _ found: inout [Bool],
                                worse: (T, T) -> Bool, better: (T, T) -> Bool) {
        numbers.withUnsafeBufferPointer { numbers in
            best.withUnsafeMutableBufferPointer { best in
                found.withUnsafeMutableBufferPointer { found in
                    forEachPresent(groups, validity) { row, group in
                        let number = numbers[row], held = best[group]
                        if worse(number, held) { return }
                        if !found[group] || better(number, held) { best[group] = number }
                        found[group] = true
                    }
                }
            }
        }
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

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

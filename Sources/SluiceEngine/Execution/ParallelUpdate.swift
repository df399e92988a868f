import Foundation

/// Updates the elements of an array on several cores at once, each element by one task: for
/// work split into independent parts (the columns of a Parquet row group).
public enum ParallelUpdate {
    /// Calls `update(index, &values[index])` for every index, concurrently; the first error
    /// (by index) is thrown once all have finished.
    public static func each<Element>(
        _ values: inout [Element], _ update: @Sendable (Int, inout Element) throws(SluiceError) -> Void
    ) throws(SluiceError) {
        let count = values.count
        guard count > 1 else {
            if count == 1 { try update(0, &values[0]) }
            return
        }
        var failures = [SluiceError?](repeating: nil, count: count)
        values.withUnsafeMutableBufferPointer { elements in
            failures.withUnsafeMutableBufferPointer { errors in
                let slots = Slots(elements: elements, errors: errors)
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    do throws(SluiceError) {
                        try update(index, &slots.elements[index])
                    } catch {
                        slots.errors[index] = error
                    }
                }
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    /// The buffers the tasks share; each task touches only its own index.
    private struct Slots<Element>: @unchecked Sendable {
        let elements: UnsafeMutableBufferPointer<Element>
        let errors: UnsafeMutableBufferPointer<SluiceError?>
    }
}

import SluiceSpec

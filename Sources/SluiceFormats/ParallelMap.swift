import Dispatch

/// Runs `body` for `0 ..< count` on all cores and returns the results in index order.
///
/// For work over memory the caller keeps alive and does not mutate meanwhile (a mapped input
/// file): that promise is what makes sharing its pointers across threads safe here.
func parallelMap<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
    if count <= 1 { return (0..<count).map(body) }
    return withoutActuallyEscaping(body) { body in
        let shared = UnsafeShared(body: body, results: UnsafeMutableBufferPointer<T?>.allocate(capacity: count))
        shared.results.initialize(repeating: nil)
        defer { shared.results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: count) { index in
            shared.results[index] = shared.body(index)
        }
        return shared.results.map { $0! }
    }
}

/// Hands a closure and a result buffer to `concurrentPerform`; each index writes its own slot.
private struct UnsafeShared<T>: @unchecked Sendable {
    let body: (Int) -> T
    let results: UnsafeMutableBufferPointer<T?>
}

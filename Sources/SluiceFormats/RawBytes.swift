extension UnsafeRawBufferPointer {
    /// Bytes `start ..< end` as a buffer of their own, without the generic `Slice` machinery
    /// that `init(rebasing:)` goes through (it costs a metadata lookup per call in hot loops).
    @inline(__always)
    func slice(_ start: Int, _ end: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: baseAddress.map { $0 + start }, count: end - start)
    }
}

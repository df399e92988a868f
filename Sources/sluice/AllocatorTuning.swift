/// Settings of the C allocator for a process that streams large column buffers.
///
/// Batches allocate and free buffers of megabytes many times a second. By default glibc
/// maps each such buffer fresh from the kernel and hands it back when freed, so every batch
/// pays for page faults and zeroed pages again. Raising the mapping and trimming thresholds
/// lets freed buffers be reused from the heap; memory still returns to the system beyond
/// the trim threshold.
enum AllocatorTuning {
    /// Buffers up to this size come from the heap rather than from their own mapping.
    static let mappingThreshold: Int32 = 32 << 20
    /// Free memory at the top of the heap kept for reuse before it is returned.
    static let trimThreshold: Int32 = 256 << 20

    /// Applies the settings; called once, first thing in `main`.
    static func apply() {
        #if os(Linux)
        // The parameter numbers of glibc's <malloc.h>, which Swift's Glibc module leaves out.
        let trimThresholdParameter: Int32 = -1, mappingThresholdParameter: Int32 = -3
        _ = glibcMallopt(mappingThresholdParameter, mappingThreshold)
        _ = glibcMallopt(trimThresholdParameter, trimThreshold)
        #endif
    }
}

#if os(Linux)
/// glibc's `mallopt`, declared here because no imported header declares it.
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

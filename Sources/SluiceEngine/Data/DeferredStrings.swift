import Synchronization

/// The strings of a dictionary-coded column, looked up from the dictionary the first time
/// they are needed and kept from then on. Reading them after that takes no lock: row-by-row
/// readers (`Column.value(at:)`) ask for them once per row.
final class DeferredStrings: Sendable {
    let dictionary: ColumnDictionary
    let validity: Bitmap?
    private let built = AtomicLazyReference<Built>()

    /// The looked-up strings, boxed so that they can be published atomically.
    private final class Built: Sendable {
        let storage: ColumnStorage
        init(_ storage: ColumnStorage) { self.storage = storage }
    }

    init(dictionary: ColumnDictionary, validity: Bitmap?) {
        self.dictionary = dictionary
        self.validity = validity
    }

    /// The strings as a buffer: each row's dictionary value, an empty one at nulls. Threads
    /// asking at once may each build them; one result is kept and returned to all.
    var storage: ColumnStorage {
        if let built = built.load() { return built.storage }
        let storage = ColumnStorage.string(dictionary.values.gather(dictionary.codes, validity: validity))
        return built.storeIfNil(Built(storage)).storage
    }
}

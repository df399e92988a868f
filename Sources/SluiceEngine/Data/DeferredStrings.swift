import Foundation

/// The strings of a dictionary-coded column, looked up from the dictionary the first time
/// they are needed (once, whichever thread asks first) and kept from then on.
final class DeferredStrings: @unchecked Sendable {
    let dictionary: ColumnDictionary
    let validity: Bitmap?
    private let lock = NSLock()
    private var built: ColumnStorage?

    init(dictionary: ColumnDictionary, validity: Bitmap?) {
        self.dictionary = dictionary
        self.validity = validity
    }

    /// The strings as a buffer: each row's dictionary value, an empty one at nulls.
    var storage: ColumnStorage {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let storage = ColumnStorage.string(dictionary.values.gather(dictionary.codes, validity: validity))
        built = storage
        return storage
    }
}

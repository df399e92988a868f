/// A state store being opened in the background.
///
/// `sluice run` starts opening the store (SQLite, its write-ahead log, a synced commit) while
/// the pipeline is compiled and its loads are staged, instead of before. The runner waits for
/// the store before it commits any output, so a store that cannot be opened still fails the
/// run with every output left as it was.
public struct PendingStateStore: Sendable {
    private let opening: Task<StateStore, any Error>

    /// Starts opening (creating if needed) the store in `directory`.
    public init(directory: String) {
        opening = Task { try await StateStore.open(directory: directory) }
    }

    /// A store that is already open.
    public init(_ store: StateStore) {
        opening = Task { store }
    }

    /// The open store; throws the error that kept it from opening.
    public var store: StateStore {
        get async throws { try await opening.value }
    }

    /// Closes the store if it opened.
    public func close() async {
        try? await opening.value.close()
    }
}

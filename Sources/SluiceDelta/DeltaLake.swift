/// Delta Lake tables (transaction log, snapshots, ACID commits, maintenance).
///
/// The module is laid out now so the dependency order is fixed; the table protocol
/// itself arrives with the Delta Lake work and is not usable yet.
public enum DeltaLake {
    /// The highest reader and writer protocol versions this build understands (none yet).
    public static let supportedProtocol: (reader: Int, writer: Int)? = nil
}

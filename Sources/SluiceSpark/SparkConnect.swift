/// Running plans on Apache Spark through Spark Connect.
///
/// The module is laid out now so the dependency order is fixed; the client and the plan
/// translator arrive with the Spark engine work. Until then `--engine spark` is refused.
public enum SparkConnect {
    /// Whether this build can run plans on Spark.
    public static let isAvailable = false
}

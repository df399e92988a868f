import SluiceSpec

/// The path rules of `fromS3`/`toS3` while only local storage is available: a local path
/// works as with `fromFile`/`toFile`; an object-store address is refused with a clear error.
enum ObjectStorePaths {
    static let bucketKey = ConfigKey("bucket", .string, "The bucket (object-store addresses are not available yet; leave it out to use a local path).")

    static func requireLocal(_ context: MethodContext) throws {
        let config = context.config
        let path = try config.required("path")
        let scheme = path.split(separator: ":", maxSplits: 1).first.map(String.init)?.lowercased() ?? ""
        if ["s3", "s3a", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs", "hdfs"].contains(scheme) && path.contains("://") {
            throw config.error("path", "'\(path)' is an object-store address, and this version of Sluice reads and writes local paths only",
                               hint: "give a local directory (or a mounted bucket) as `path`")
        }
        if config.has("bucket") {
            throw config.error("bucket", "'bucket' names an object-store bucket, and this version of Sluice reads and writes local paths only",
                               hint: "remove 'bucket' and give a local directory as `path`")
        }
    }
}

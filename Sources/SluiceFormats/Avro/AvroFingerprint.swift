/// The 64-bit Rabin fingerprint the Avro specification defines (CRC-64-AVRO), used to name
/// schemas in single-object encoding and schema caches.
public enum AvroFingerprint {
    /// The fingerprint of the empty message; also the polynomial.
    static let empty: UInt64 = 0xC15D_213A_A4D7_A795

    private static let table: [UInt64] = (0..<256).map { byte in
        var fingerprint = UInt64(byte)
        for _ in 0..<8 {
            fingerprint = (fingerprint >> 1) ^ (empty & (0 &- (fingerprint & 1)))
        }
        return fingerprint
    }

    /// The CRC-64-AVRO fingerprint of `bytes` (a schema's Parsing Canonical Form in UTF-8).
    public static func rabin(_ bytes: [UInt8]) -> UInt64 {
        var fingerprint = empty
        for byte in bytes {
            fingerprint = (fingerprint >> 8) ^ table[Int((fingerprint ^ UInt64(byte)) & 0xFF)]
        }
        return fingerprint
    }
}

/// The check symbol of a voting code: the Damm algorithm over GF(32) (docs/BALLOT.md).
///
/// Multiplying by 2 in GF(32) is a quasigroup operation whose table has no weak pairs, so the check catches
/// every single wrong symbol and every swap of two neighbouring symbols, which a sum modulo 32 would not.
public enum DammCheck {
    /// `x^5 + x^2 + 1`, the field's reduction polynomial.
    static let modulus: UInt8 = 0b100101

    /// The check value (0...31) of `values`, each 0...31.
    public static func check(_ values: some Sequence<UInt8>) -> UInt8 {
        var c: UInt8 = 0
        for value in values { c = double(c) ^ value }
        return double(c)
    }

    /// `2 * x` in GF(32).
    static func double(_ x: UInt8) -> UInt8 {
        let shifted = x << 1
        return shifted & 0b10_0000 != 0 ? shifted ^ modulus : shifted
    }
}

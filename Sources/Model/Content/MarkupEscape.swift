/// Text made safe inside HTML or XML elements and quoted attributes: the one escape of every page, feed and sheet
/// the tools write by hand (`&#39;` rather than `&apos;`, which HTML 4 readers do not know).
public enum MarkupEscape {
    public static func escape(_ text: String) -> String {
        // Most texts need nothing escaped: one pass over the bytes answers that, with no copy.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The collector's version, written into every database it creates.
public enum CollectorVersion {
    public static let current = "0.1.0"
}

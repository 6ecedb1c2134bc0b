/// The release this binary reports with `--version`.
enum OVNStackVersion {
    static let string = "0.1.0"
}

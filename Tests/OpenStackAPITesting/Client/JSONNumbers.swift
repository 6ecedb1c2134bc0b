public import OpenStackAPI

// The one place tests build and read JSON integers, so a change of the JSON number cases is a change here only.
extension JSON {
    /// An integer value.
    public static func integer(_ value: Int) -> JSON { .int(value) }

    /// The value as an exact integer, if it is a number without a fraction in `Int`'s range.
    public var intValue: Int? {
        int
    }
}

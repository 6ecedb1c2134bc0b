/// A cluster spec that cannot be used, with what to change.
public enum SpecError: Error, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let why): "invalid cluster spec: \(why)"
        }
    }
}

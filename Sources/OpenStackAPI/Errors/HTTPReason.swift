/// Standard HTTP reason phrases, used as error titles.
public enum HTTPReason {
    /// The reason phrase for a status code.
    public static func phrase(for status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 413: "Request Entity Too Large"
        case 415: "Unsupported Media Type"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 503: "Service Unavailable"
        default: "Error"
        }
    }
}

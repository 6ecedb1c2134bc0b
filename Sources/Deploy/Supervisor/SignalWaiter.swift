import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Turns termination signals into stream elements (delivered through Dispatch, not an
/// async-unsafe handler). Install it first thing so a signal during bring-up is not lost.
enum SignalWaiter {
    static func install<Event: Sendable>(
        _ signals: [Int32] = [SIGTERM, SIGINT], into continuation: AsyncStream<Event>.Continuation,
        as event: @escaping @Sendable (Int32) -> Event
    ) -> [any DispatchSourceSignal] {
        signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(event(number)) }
            source.resume()
            return source
        }
    }
}

import NIOCore

/// Splits a byte stream into JSON documents and parses each one.
///
/// OVSDB's JSON-RPC has no length prefix or delimiter: a message ends where its top-level
/// object closes. The scanner keeps its position between reads so a large message that
/// arrives in many pieces is scanned once, not once per piece.
public struct JSONStreamDecoder: ByteToMessageDecoder {
    public typealias InboundOut = JSONDocument

    /// Largest message accepted; a peer that sends more is cut off rather than eating memory.
    public let maximumMessageSize: Int
    private var scanned = 0
    private var depth = 0
    private var inString = false
    private var escaped = false

    public init(maximumMessageSize: Int = 512 * 1024 * 1024) {
        self.maximumMessageSize = maximumMessageSize
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let end = try scan(&buffer) else { return .needMoreData }
        let length = end - buffer.readerIndex
        let document = try buffer.withUnsafeReadableBytes { bytes in
            try JSONParser.parse(UnsafeRawBufferPointer(rebasing: bytes[0..<length]))
        }
        buffer.moveReaderIndex(forwardBy: length)
        scanned = 0
        context.fireChannelRead(Self.wrapInboundOut(JSONDocument(document)))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }

    /// Returns the reader-relative end index (absolute) of the first complete document, if any.
    private mutating func scan(_ buffer: inout ByteBuffer) throws -> Int? {
        // Skip white space between documents.
        if scanned == 0 {
            while let byte = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
                byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
            {
                buffer.moveReaderIndex(forwardBy: 1)
            }
        }
        let found: Int? = buffer.withUnsafeReadableBytes { bytes in
            var i = scanned
            while i < bytes.count {
                let byte = bytes[i]
                i += 1
                if inString {
                    if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                    continue
                }
                switch byte {
                case 0x22: inString = true
                case 0x7B, 0x5B: depth += 1
                case 0x7D, 0x5D:
                    depth -= 1
                    if depth == 0 { scanned = i; return i }
                default: break
                }
            }
            scanned = i
            return nil
        }
        if let found { return buffer.readerIndex + found }
        if scanned > maximumMessageSize {
            throw OVSDBError.protocolViolation("message larger than \(maximumMessageSize) bytes")
        }
        return nil
    }
}

/// One received document, handed over by reference so the reader can take sole ownership of it:
/// a large monitor reply is then freed row by row while it is decoded, instead of all at the end.
public final class JSONDocument {
    private var json: JSON?

    init(_ json: JSON) { self.json = json }

    /// The document; the box is empty afterwards.
    public func take() -> JSON {
        defer { json = nil }
        return json ?? .null
    }
}

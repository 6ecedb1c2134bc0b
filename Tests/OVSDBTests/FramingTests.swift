import NIOCore
import NIOEmbedded
import Testing
@testable import OVSDB

/// The stream decoder byte by byte: OVSDB messages have no delimiter, only balanced braces.
@Suite struct FramingTests {
    private func decode(_ chunks: [String]) throws -> [JSON] {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(JSONStreamDecoder()))
        for chunk in chunks { try channel.writeInbound(ByteBuffer(string: chunk)) }
        var out: [JSON] = []
        while let message = try channel.readInbound(as: JSONDocument.self) { out.append(message.take()) }
        _ = try? channel.finish()
        return out
    }

    @Test func splitsBackToBackMessages() throws {
        let messages = try decode([#"{"id":1,"result":[]}{"id":2,"result":{"a":"}"}}"#])
        #expect(messages.count == 2)
        #expect(messages[1]["result"]?["a"] == .string("}"))
    }

    @Test func reassemblesAMessageSplitAtEveryByte() throws {
        let text = #"{"method":"update3","params":["m1","x",{"T":{"u":{"insert":{"s":"a\"{b"}}}}],"id":null}"#
        let messages = try decode(text.map { String($0) })
        #expect(messages.count == 1)
        #expect(messages[0]["method"] == .string("update3"))
    }

    @Test func toleratesWhiteSpaceBetweenMessages() throws {
        #expect(try decode(["{\"a\":1}\n  ", "\n{\"b\":2}"]).count == 2)
    }

    @Test func rejectsGarbage() {
        #expect(throws: (any Error).self) { _ = try decode(["{\"a\":tru}"]) }
    }
}

import Testing

@Test func placeholderImageTests() { #expect(Bool(true)) }

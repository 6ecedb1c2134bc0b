import Testing

@Test func placeholderComputeAgentTests() { #expect(Bool(true)) }

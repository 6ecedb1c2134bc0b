import Testing
@testable import Deploy

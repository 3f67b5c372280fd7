import Testing
@testable import LitmusCLI

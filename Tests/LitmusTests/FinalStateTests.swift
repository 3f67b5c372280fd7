import Testing
import Litmus

@Suite struct FinalStateTests {
    @Test func conditionEvaluation() {
        let r0 = StateLocation.register(thread: 0, name: "r0")
        let r1 = StateLocation.register(thread: 1, name: "r0")
        let state = FinalState([r1: .integer(0), r0: .integer(0)])
        let both = Proposition.and(.equals(r0, .value(.integer(0))), .equals(r1, .value(.integer(0))))
        #expect(state.satisfies(both))
        #expect(!state.satisfies(.not(both)))
        #expect(!FinalState([r0: .integer(1), r1: .integer(0)]).satisfies(both))
        #expect(state.entries.map(\.location) == [r0, r1])
    }

    @Test func herdOrderPutsRegistersBeforeMemory() {
        let x = StateLocation.variable(name: "x")
        let r = StateLocation.register(thread: 2, name: "r1")
        #expect(r < x)
        #expect(FinalState([x: .integer(1), r: .integer(0)]).entries.map(\.location) == [r, x])
    }
}

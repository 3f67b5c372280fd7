import Testing
import Harness
import Litmus

@Suite struct PerpetualShapeTests {
    @Test("the standard shapes are accepted", arguments: PerpetualFixtures.all.map(\.name))
    func accepts(name: String) throws {
        let program = PerpetualFixtures.named(name)
        let shape = try PerpetualShape(program: program)
        #expect(shape.threadCount == program.threads.count)
    }

    @Test func storesGetDistinctSequencesPerLocation() throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.twoPlusTwoW)
        let x = try #require(shape.program.variableIndex(named: "x"))
        #expect(shape.storeSites[x].map(\.thread) == [0, 1])
        #expect(shape.storeSites[x].map(\.offset) == [1, 2])
        // P0 writes x = 1, 3, 5, ...; P1 writes x = 2, 4, 6, ...: every value names its writer.
        #expect(shape.operations[0][0] == .store(location: x, annotation: .once, stride: 2, offset: 1))
        #expect(shape.source(of: 5, at: x) == .write(site: 0, iteration: 2))
        #expect(shape.source(of: 6, at: x) == .write(site: 1, iteration: 2))
        #expect(shape.source(of: 0, at: x) == .initial)
        #expect(shape.source(of: -4, at: x) == .unknown)
    }

    @Test func observersOnlyWhereTwoThreadsWrite() throws {
        let sb = try PerpetualShape(program: PerpetualFixtures.sb)
        #expect(sb.observedLocations.isEmpty)
        #expect(sb.recordsPerIteration == [1, 1])
        let s = try PerpetualShape(program: PerpetualFixtures.s)
        let x = try #require(s.program.variableIndex(named: "x"))
        #expect(s.observedLocations == [x])
        #expect(s.recordsPerIteration == [1, 2])
        // The observer is the last operation, after every access of the test.
        #expect(s.operations[0].last == .load(location: x, annotation: .once, slot: 0))
        #expect(s.observer(thread: 1, location: x)?.slot == 1)
    }

    @Test func fencesAndAnnotationsAreKept() throws {
        let program = PerpetualFixtures.program("MP+rel+acq", [
            [.store("x", 1), .store("y", 1, .release)],
            [.load("r0", "y", .acquire), .fence(.rmb), .load("r1", "x")],
        ], exists: [("1:r0", 1), ("1:r1", 0)])
        let shape = try PerpetualShape(program: program)
        #expect(shape.operations[0][1] == .store(location: 1, annotation: .release, stride: 1, offset: 1))
        #expect(shape.operations[1] == [
            .load(location: 1, annotation: .acquire, slot: 0), .fence(.rmb), .load(location: 0, annotation: .once, slot: 1),
        ])
    }

    static let origin = PerpetualFixtures.origin
    static let refused: [(String, Program)] = [
        ("same value", PerpetualFixtures.program("dup", [[.store("x", 1)], [.store("x", 1)]], exists: [("x", 1)])),
        ("initial value", PerpetualFixtures.program("init", [[.store("x", 0)], [.load("r0", "x")]], exists: [("1:r0", 0)])),
        ("loaded twice", PerpetualFixtures.program("twice", [[.store("x", 1)], [.load("r0", "x"), .load("r0", "x")]], exists: [("1:r0", 0)])),
        ("read-modify-write", PerpetualFixtures.program("rmw", [[.instruction(.rmw(ReadModifyWrite(
            destination: nil, address: .constant(.address(0)), operation: .exchange(value: .constant(.integer(1))),
            annotation: .mb, origin: origin)))], [.load("r0", "x")]], exists: [("1:r0", 0)])),
        ("control dependency", PerpetualFixtures.program("ctrl", [[.store("x", 1)], [.load("r0", "x"),
            .instruction(.branch(condition: .register(0), then: [], otherwise: []))]], exists: [("1:r0", 0)])),
        ("data dependency", PerpetualFixtures.program("data", [[.load("r0", "x"), .instruction(.store(Store(
            address: .constant(.address(0)), value: .register(0), annotation: .once, origin: origin)))]], exists: [("0:r0", 0)])),
        ("RCU", PerpetualFixtures.program("rcu", [[.fence(.synchronizeRCU), .store("x", 1)]], exists: [("x", 1)])),
        // Synchronised runs refuse it too (one fence mapping, HardwareFence).
        ("SRCU fence", PerpetualFixtures.program("srcu", [[.fence(.afterSRCUReadUnlock), .store("x", 1)]], exists: [("x", 1)])),
        ("forall", PerpetualFixtures.program("forall", [[.store("x", 1)], [.load("r0", "x")]], exists: [("1:r0", 0)], quantifier: .forall)),
    ]

    @Test func refusesWithAReason() {
        for (topic, program) in Self.refused {
            #expect(throws: PerpetualRefusal.self, "\(topic)") { try PerpetualShape(program: program) }
        }
        var disjunction = PerpetualFixtures.sb
        disjunction.condition.proposition = .or(disjunction.condition.proposition, .constant(true))
        #expect(throws: PerpetualRefusal("the condition must be a conjunction (`/\\`) of `location = constant` atoms")) {
            try PerpetualShape(program: disjunction)
        }
        var filtered = PerpetualFixtures.sb
        filtered.filter = .constant(true)
        #expect(throws: PerpetualRefusal.self) { try PerpetualShape(program: filtered) }
    }

    @Test func refusalMessagesNameTheCulprit() {
        do {
            _ = try PerpetualShape(program: Self.refused[0].1)
            Issue.record("accepted two stores of the same value")
        } catch {
            #expect(error.description.contains("both store 1 to `x`"))
        }
    }

    @Test func outcomesCoverEveryDecodableState() throws {
        let shape = try PerpetualShape(program: PerpetualFixtures.sb)
        let outcomes = PerpetualTarget.outcomes(of: shape)
        #expect(outcomes.map { shape.program.render($0.state) } == [
            "0:r0=0; 1:r0=0;", "0:r0=0; 1:r0=1;", "0:r0=1; 1:r0=0;", "0:r0=1; 1:r0=1;",
        ])
        let iriw = try PerpetualShape(program: PerpetualFixtures.iriw)
        #expect(PerpetualTarget.outcomes(of: iriw).count == 16)
    }

    @Test func impossibleValuesMakeTheConditionUnsatisfiable() throws {
        let program = PerpetualFixtures.program("odd", [[.store("x", 1)], [.load("r0", "x")]], exists: [("1:r0", 7)])
        let shape = try PerpetualShape(program: program)
        let decoder = try PerpetualDecoder(shape: shape)
        let recording = PerpetualRecording(iterations: 5, records: [[], [1, 2, 3, 4, 5]])
        #expect(decoder.decode(recording).condition.instances == 0)
        #expect(decoder.decode(recording).strayValues == 0)
        let stray = PerpetualRecording(iterations: 5, records: [[], [1, 2, 99, -1, 5]])
        #expect(decoder.decode(stray).strayValues == 2)
    }
}

import Testing
import Litmus
import LitmusSyntax

/// MP with smp_wmb on the writer, and a reader that uses smp_load_acquire inside an `if`
/// followed by smp_rmb, so both flat and nested barriers are covered.
private func sampleProgram() -> Program {
    func at(_ line: Int) -> LitmusSyntax.SourceLocation { LitmusSyntax.SourceLocation(file: "t.litmus", line: line, column: 2) }
    let x = Expression.constant(.address(0)), y = Expression.constant(.address(1))
    let writer = ThreadProgram(index: 0, registers: [], body: [
        .store(Store(address: x, value: .constant(.integer(1)), annotation: .once, origin: Origin(text: "WRITE_ONCE(*x, 1)", location: at(3)))),
        .fence(Fence(kind: .wmb, origin: Origin(text: "smp_wmb()", location: at(4)))),
        .store(Store(address: y, value: .constant(.integer(1)), annotation: .release, origin: Origin(text: "smp_store_release(y, 1)", location: at(5)))),
        .fence(Fence(kind: .rcuReadLock, origin: Origin(text: "rcu_read_lock()", location: at(6)))),
    ])
    let reader = ThreadProgram(index: 1, registers: ["r0", "r1"], body: [
        .branch(condition: .constant(.integer(1)), then: [
            .load(Load(destination: 0, address: y, annotation: .acquire, origin: Origin(text: "smp_load_acquire(y)", location: at(9)))),
        ], otherwise: [
            .fence(Fence(kind: .rmb, origin: Origin(text: "smp_rmb()", location: at(11)))),
        ]),
        .fence(Fence(kind: .rmb, origin: Origin(text: "smp_rmb()", location: at(13)))),
        .rmw(ReadModifyWrite(destination: 1, address: x, operation: .exchange(value: .constant(.integer(2))), annotation: .mb, origin: Origin(text: "xchg(x, 2)", location: at(14)))),
        .rmw(ReadModifyWrite(destination: nil, address: x, operation: .op(.add, operand: .constant(.integer(1))), annotation: .noReturn, origin: Origin(text: "atomic_inc(x)", location: at(15)))),
    ])
    let r0 = StateLocation.register(thread: 1, name: "r0")
    return Program(
        name: "MP+sample", variables: [Variable(name: "x"), Variable(name: "y")], threads: [writer, reader],
        condition: FinalCondition(quantifier: .exists, proposition: .equals(r0, .value(.integer(1)))))
}

@Suite struct BarrierVariantsTests {
    @Test func listsEveryBarrierInProgramOrderWithDescriptions() {
        let sites = sampleProgram().barriers
        #expect(sites.map(\.description) == [
            "P0: smp_wmb()", "P0: smp_store_release(y, 1)",
            "P1: smp_load_acquire(y)", "P1: smp_rmb() (line 11)", "P1: smp_rmb() (line 13)", "P1: xchg(x, 2)",
        ])
        #expect(sites.map(\.kind) == [
            .fence(.wmb), .orderedAccess(.release), .orderedAccess(.acquire), .fence(.rmb), .fence(.rmb), .orderedAccess(.mb),
        ])
        #expect(sites[3].path == [0, 1, 0])
    }

    @Test func changeLabelsSayWhatWasDone() {
        let sites = sampleProgram().barriers
        #expect(sites.map(\.change) == [
            "P0: smp_wmb() removed", "P0: smp_store_release() weakened to WRITE_ONCE()",
            "P1: smp_load_acquire() weakened to READ_ONCE()", "P1: smp_rmb() (line 11) removed",
            "P1: smp_rmb() (line 13) removed", "P1: xchg() weakened to xchg_relaxed()",
        ])
        #expect(BarrierSite.label(removing: [], of: 6) == "as written")
        #expect(BarrierSite.label(removing: sites, of: 6) == "all 6 barriers removed")
        #expect(BarrierSite.label(removing: [sites[0], sites[5]], of: 6) == "P0: smp_wmb() removed, P1: xchg() weakened to xchg_relaxed()")
    }

    @Test func relaxedFormsFollowTheKernelsNames() throws {
        let source = """
            C t
            {}
            P0(int *x, int *y, atomic_t *v) { int r0; r0 = atomic_fetch_add_release(1, v); r0 = atomic_dec_and_test(v); rcu_assign_pointer(*x, 1); smp_store_mb(*y, 1); r0 = cmpxchg_acquire(x, 0, 1); }
            exists (x=1)
            """
        let program = try Program.parse(source: source, file: "t.litmus")
        #expect(program.barriers.map(\.change) == [
            "P0: atomic_fetch_add_release() weakened to atomic_fetch_add_relaxed()",
            "P0: atomic_dec_and_test() weakened to its relaxed form",
            "P0: rcu_assign_pointer() weakened to WRITE_ONCE()",
            "P0: smp_store_mb() weakened to WRITE_ONCE()",
            "P0: cmpxchg_acquire() weakened to cmpxchg_relaxed()",
        ])
    }

    @Test func removingAFenceDeletesOnlyThatFence() {
        let program = sampleProgram()
        let variant = program.removing([program.barriers[0]])
        #expect(variant.threads[0].body.count == 3)
        #expect(variant.barriers.map(\.description) == Array(program.barriers.dropFirst().map(\.description)))
        #expect(variant.threads[1] == program.threads[1])
    }

    @Test func removingANestedFenceLeavesTheOtherArm() {
        let program = sampleProgram()
        let variant = program.removing([program.barriers[3]])
        guard case let .branch(_, then, otherwise) = variant.threads[1].body[0] else {
            Issue.record("branch lost"); return
        }
        #expect(then.count == 1)
        #expect(otherwise.isEmpty)
        #expect(variant.threads[1].body.count == 4)
    }

    @Test func weakeningTurnsOrderedAccessesIntoOnce() {
        let program = sampleProgram()
        let variant = program.removing([program.barriers[1], program.barriers[2], program.barriers[5]])
        guard case let .store(store) = variant.threads[0].body[2],
              case let .branch(_, then, _) = variant.threads[1].body[0],
              case let .load(load) = then[0],
              case let .rmw(rmw) = variant.threads[1].body[2] else {
            Issue.record("shape changed"); return
        }
        #expect(store.annotation == .once)
        #expect(load.annotation == .once)
        #expect(rmw.annotation == .once)
        #expect(store.origin.text.hasSuffix("(weakened to once)"))
        #expect(variant.barriers.count == 3)
    }

    @Test func variantsAreAsWrittenEachAloneAndAll() {
        let program = sampleProgram()
        let variants = program.barrierVariants
        #expect(variants.count == 1 + 6 + 1)
        #expect(variants[0].removed.isEmpty)
        #expect(variants[0].program == program)
        #expect(variants[1].removed.map(\.description) == ["P0: smp_wmb()"])
        let all = variants.last!
        #expect(all.removed.count == 6)
        #expect(all.program.barriers.isEmpty)
        // The RCU marker and the unordered atomic survive every variant.
        #expect(all.program.threads[0].body.count == 3)
        #expect(all.program.threads[1].body.count == 3)
    }

    @Test func aTestWithoutBarriersHasOnlyItself() {
        var program = sampleProgram()
        program = program.removing(program.barriers)
        #expect(program.barrierVariants.count == 1)
        let one = sampleProgram().removing([])
        #expect(one == sampleProgram())
    }
}

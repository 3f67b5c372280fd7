import Foundation
import Litmus
import Testing
@testable import Models

/// Invariants that catch unsoundness no reference output covers, on random tests
/// (``RandomLitmus``) and on the counterexamples earlier runs found (Fixtures/invariants):
/// 1. SC's states are a subset of every model's (SC is the strongest).
/// 2. x86-TSO's and ARMv8's states are subsets of the LKMM's: the LKMM is weaker than every
///    architecture the kernel maps its primitives onto.
/// 3. Removing a barrier (one alone, or all of them) never removes an allowed state (each
///    random test removes one, or all, chosen by its seed; a fixture tries every choice).
/// 4. ``InterleavingWitness``, the shortcut that accepts an execution one interleaving
///    produces, gives the same states, counts and flags as the full axioms.
/// 5. ``ChunkedCheck`` (one test's candidates split over threads) gives the same states,
///    counts and flags as one thread.
///
/// Invariant 2 holds only for constructs the kernel maps onto those architectures. Every
/// construct the generator draws is one: marked, acquire/release and plain accesses
/// (plain ones are compiled as ordinary loads and stores, and the LKMM assumes less of them),
/// fences, atomics, spin locks and RCU (both sides check the LKMM's grace-period axiom).
///
/// `LITMUS_INVARIANT_SEED` (first seed) and `LITMUS_INVARIANT_COUNT` (tests) override the
/// defaults; a failure prints the seed that reproduces it and the test's text.
@Suite struct ModelInvariantTests {
    static let environment = ProcessInfo.processInfo.environment
    static let firstSeed = UInt64(environment["LITMUS_INVARIANT_SEED"] ?? "") ?? 1
    static let count = Int(environment["LITMUS_INVARIANT_COUNT"] ?? "") ?? 3000
    /// Parallel batches (Swift Testing runs the arguments concurrently).
    static let batches = 8

    static var options: CheckOptions {
        var options = CheckOptions()
        options.explain = false
        options.timeLimit = 20
        return options
    }

    @Test(arguments: 0 ..< batches)
    func randomTestsKeepTheInvariants(_ batch: Int) throws {
        var checked = 0, skipped = 0
        for i in stride(from: batch, to: Self.count, by: Self.batches) {
            let seed = Self.firstSeed + UInt64(i)
            var generator = RandomLitmus(seed: seed)
            let source = generator.next()
            if let directory = Self.environment["LITMUS_INVARIANT_DUMP"] {
                try source.write(toFile: "\(directory)/random-\(seed).litmus", atomically: true, encoding: .utf8)
                continue
            }
            let program: Program
            do {
                program = try Program.parse(source: source, file: "random-\(seed).litmus")
            } catch {
                Issue.record("seed \(seed): the generator wrote a test that does not parse: \(error)\n\(source)")
                continue
            }
            if try Self.violations(of: program, seed: seed, source: source) == nil { skipped += 1 } else { checked += 1 }
        }
        // A generator whose tests all explode checks nothing.
        #expect(checked >= (checked + skipped) * 9 / 10, "\(skipped) of \(checked + skipped) tests could not be checked")
    }

    /// Earlier counterexamples, kept so they stay fixed.
    @Test(arguments: Fixtures.files("invariants"))
    func formerCounterexamplesKeepTheInvariants(_ url: URL) throws {
        let program = try Fixtures.program(url)
        let source = try String(contentsOf: url, encoding: .utf8)
        #expect(try Self.violations(of: program, seed: nil, source: source) != nil, "\(url.lastPathComponent) could not be checked")
    }

    /// States with their execution counts, flags: what herd7 prints.
    static func summary(_ result: CheckResult) -> String {
        result.states.map { "\(result.program.render($0.state)) ×\($0.executions)" }.joined(separator: "\n")
            + "\nflags \(result.flags) positive \(result.positive) negative \(result.negative)"
    }

    /// Checks the invariants, recording an issue per violation; nil when a model gave up.
    static func violations(of program: Program, seed: UInt64?, source: String) throws -> Int? {
        var states: [ModelKind: Set<String>] = [:]
        var found = 0
        var full = options
        full.interleavingShortcut = false
        var chunked = options
        (chunked.workers, chunked.splitThreshold) = (3, 1)
        for model in ModelKind.allCases {
            guard let result = try? ModelChecker.check(program, model: model, options: options) else { return nil }
            states[model] = Set(result.states.map { program.render($0.state) })
            // 4. The interleaving shortcut changes nothing (every eighth random test; fixtures),
            // 5. nor does splitting the candidates over threads (ChunkedCheck, every eighth).
            if (seed ?? 0) % 8 == 0, let reference = try? ModelChecker.check(program, model: model, options: full) {
                let (ours, theirs) = (Self.summary(result), Self.summary(reference))
                if ours != theirs {
                    found += 1
                    Issue.record("\(seed.map { "seed \($0)" } ?? program.name): \(model) with the interleaving shortcut:\n\(ours)\nwithout:\n\(theirs)\n\(source)")
                }
            }
            if (seed ?? 4) % 8 == 4, let split = try? ModelChecker.check(program, model: model, options: chunked) {
                let (ours, theirs) = (Self.summary(split), Self.summary(result))
                if ours != theirs {
                    found += 1
                    Issue.record("\(seed.map { "seed \($0)" } ?? program.name): \(model) split over 3 threads:\n\(ours)\nin one:\n\(theirs)\n\(source)")
                }
            }
        }
        let context = seed.map { "seed \($0) (LITMUS_INVARIANT_SEED=\($0) LITMUS_INVARIANT_COUNT=1)" } ?? program.name
        func require(_ smaller: Set<String>, _ larger: Set<String>, _ what: String) {
            let extra = smaller.subtracting(larger)
            guard !extra.isEmpty else { return }
            found += 1
            Issue.record("\(context): \(what); missing: \(extra.sorted().joined(separator: " | "))\n\(source)")
        }
        for model in [ModelKind.tso, .armv8, .lkmm] {
            require(states[.sc]!, states[model]!, "SC allows a state \(model) forbids")
        }
        require(states[.tso]!, states[.lkmm]!, "x86-TSO allows a state the LKMM forbids")
        require(states[.armv8]!, states[.lkmm]!, "ARMv8 allows a state the LKMM forbids")
        // Random tests remove one barrier (or all) chosen by the seed; fixtures try every variant.
        var variants = Array(program.barrierVariants.dropFirst())
        if let seed, !variants.isEmpty { variants = [variants[Int(seed % UInt64(variants.count))]] }
        for variant in variants {
            let removed = variant.removed.map(\.description).joined(separator: ", ")
            for model in ModelKind.allCases {
                guard let result = try? ModelChecker.check(variant.program, model: model, options: options) else { continue }
                require(states[model]!, Set(result.states.map { program.render($0.state) }),
                        "\(model) allows a state without \(removed) that it forbids with it")
            }
        }
        return found
    }
}

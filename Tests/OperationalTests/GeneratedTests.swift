import Foundation
import Litmus
import Models
import Operational
import Testing

/// Seeded random C litmus tests: the machines reach exactly what the axiomatic models allow.
/// Threads mix once, acquire/release and RMW accesses, fences, and address, data and control
/// dependencies (statements inside and after an `if`), over two or three locations.
@Suite struct GeneratedTests {
    struct Generator {
        var state: UInt64

        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }

        /// One test: 2 threads of 2 to 3 statements, or 3 threads of 2 (bigger ones take
        /// seconds each in a debug build, on both sides).
        mutating func test(_ number: Int) -> String {
            let threads = next(4) == 0 ? 3 : 2
            let variables = ["x", "y", "z"].prefix(threads == 3 ? 3 : 2)
            var text = "C gen\(number)\n\n{}\n\n"
            var atoms: [String] = []
            for t in 0 ..< threads {
                var registers: [String] = []
                var body: [String] = []
                for _ in 0 ..< (threads == 3 ? 2 : 2 + next(2)) {
                    let v = variables[next(variables.count)]
                    let value = 1 + next(2)
                    let last = registers.last
                    let r = "r\(registers.count)"
                    switch next(12) {
                    case 0: body.append("WRITE_ONCE(*\(v), \(value));")
                    case 1: body.append("smp_store_release(\(v), \(value));")
                    case 2: registers.append(r); body.append("\(r) = READ_ONCE(*\(v));")
                    case 3: registers.append(r); body.append("\(r) = smp_load_acquire(\(v));")
                    case 4: body.append(["smp_mb();", "smp_wmb();", "smp_rmb();"][next(3)])
                    case 5: registers.append(r); body.append("\(r) = xchg\(["", "_relaxed", "_acquire", "_release"][next(4)])(\(v), \(value));")
                    case 6:
                        if let last { body.append("WRITE_ONCE(*\(v), \(last));") } else { body.append("WRITE_ONCE(*\(v), \(value));") }
                    case 7:
                        if let last {
                            body.append("if (\(last) == 1) { WRITE_ONCE(*\(v), \(value)); }")
                        } else { registers.append(r); body.append("\(r) = READ_ONCE(*\(v));") }
                    case 8:
                        if let last {
                            registers.append(r)
                            body.append("if (\(last) != 0) { \(r) = READ_ONCE(*\(v)); } else { \(r) = 2; }")
                        } else { body.append("WRITE_ONCE(*\(v), \(value));") }
                    case 9:
                        if let last {
                            registers.append(r)
                            body.append("\(r) = READ_ONCE(*(\(v) + (\(last) & 0)));")
                        } else { body.append("smp_mb();") }
                    case 10: registers.append(r); body.append("\(r) = cmpxchg\(["", "_relaxed"][next(2)])(\(v), 0, \(value));")
                    default: registers.append(r); body.append("\(r) = atomic_fetch_add_relaxed(1, \(v));")
                    }
                }
                let parameters = variables.map { "int *\($0)" }.joined(separator: ", ")
                text += "P\(t)(\(parameters))\n{\n"
                for r in registers { text += "\tint \(r);\n" }
                for line in body { text += "\t\(line)\n" }
                text += "}\n\n"
                atoms += registers.map { "\(t):\($0)=\(next(2))" }
            }
            atoms += variables.map { "\($0)=\(next(3))" }
            text += "exists (\(atoms.joined(separator: " /\\ ")))\n"
            return text
        }
    }

    @Test(arguments: Architecture.allCases)
    func generatedTestsAgree(_ architecture: Architecture) throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["OPERATIONAL_SEED"] ?? "") ?? 20_261_201
        var generator = Generator(state: seed)
        var checked = 0
        for n in 0 ..< 120 {
            let text = generator.test(n)
            if let dump = ProcessInfo.processInfo.environment["OPERATIONAL_GEN_DUMP"] {
                try text.write(toFile: "\(dump)/gen\(n).litmus", atomically: true, encoding: .utf8)
                continue
            }
            let program: Program
            do { program = try Program.parse(source: text, file: "gen\(n).litmus") } catch {
                Issue.record("seed \(seed), test \(n) does not parse: \(error)\n\(text)")
                continue
            }
            let (reached, allowed) = try MachineFixtures.compare(program, architecture)
            #expect(reached == allowed, """
                seed \(seed), test \(n) on \(architecture) (OPERATIONAL_SEED=\(seed) reproduces it):
                \(text)
                machine:
                \(MachineFixtures.render(program, reached))
                axiomatic:
                \(MachineFixtures.render(program, allowed))
                """)
            checked += 1
        }
        #expect(checked == 120 || ProcessInfo.processInfo.environment["OPERATIONAL_GEN_DUMP"] != nil)
    }
}

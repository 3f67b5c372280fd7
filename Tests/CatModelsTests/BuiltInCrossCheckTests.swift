import CatModels
import Foundation
import Litmus
import Models
import Testing

/// The project's own cat models of SC and x86-TSO say what the built-in models say, on the
/// classic tests and on generated ones.
@Suite struct BuiltInCrossCheckTests {
    static let pairs: [(String, ModelKind)] = [("sc.cat", .sc), ("x86tso.cat", .tso)]

    @Test(arguments: pairs.map(\.0)) func classicTestsAgree(file: String) throws {
        let kind = Self.pairs.first { $0.0 == file }!.1
        let model = try Support.model(file)
        for (name, program) in try Support.classicTests() {
            let builtIn = try ModelChecker.check(program, model: kind)
            let interpreted = try Support.check(program, model)
            #expect(Support.summary(interpreted) == Support.summary(builtIn), "\(name) under \(file)")
        }
    }

    @Test(arguments: pairs.map(\.0)) func generatedTestsAgree(file: String) throws {
        let kind = Self.pairs.first { $0.0 == file }!.1
        let model = try Support.model(file)
        var generator = TestGenerator(seed: file == "sc.cat" ? 7 : 11)
        var verdicts: Set<Verdict> = []
        for index in 0 ..< 60 {
            let source = generator.next(name: "gen\(index)")
            let program = try Program.parse(source: source, file: "gen\(index).litmus")
            let builtIn = try ModelChecker.check(program, model: kind)
            let interpreted = try Support.check(program, model)
            verdicts.insert(builtIn.verdict)
            #expect(Support.summary(interpreted) == Support.summary(builtIn), "\(source)")
        }
        // The generated tests exercise both answers, or the comparison proves little.
        #expect(verdicts.contains(.never) && verdicts.contains(.sometimes))
    }

    @Test func axiomNamesComeFromTheFile() throws {
        let model = try Support.model("sc.cat")
        let program = try Program.load(contentsOf: Support.classic.appendingPathComponent("SB.litmus").path)
        let result = try Support.check(program, model)
        #expect(result.verdict == .never)
        #expect(result.modelName == "sc.cat")
        let explanation = try #require(result.conditionExplanation)
        #expect(explanation.axiom == "sc")
        #expect(explanation.kind == .acyclic)
    }
}

/// Small random C litmus tests: two or three threads of kernel accesses and fences over two
/// variables, with a condition on every register.
struct TestGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private mutating func random(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(n))
    }

    mutating func next(name: String) -> String {
        let variables = ["x", "y"]
        let threads = 2 + random(2)
        var bodies: [String] = []
        var condition: [String] = []
        for t in 0 ..< threads {
            var lines: [String] = []
            var registers = 0
            for _ in 0 ..< 1 + random(3) {
                let v = variables[random(2)]
                switch random(9) {
                case 0, 1: lines.append("WRITE_ONCE(*\(v), \(1 + random(2)));")
                case 2: lines.append("smp_store_release(\(v), \(1 + random(2)));")
                case 3: lines.append("smp_mb();")
                case 4: lines.append(["smp_wmb();", "smp_rmb();"][random(2)])
                case 5:
                    lines.append("r\(registers) = xchg(\(v), \(1 + random(2)));")
                    condition.append("\(t):r\(registers)=\(random(2))")
                    registers += 1
                case 6:
                    lines.append("r\(registers) = smp_load_acquire(\(v));")
                    condition.append("\(t):r\(registers)=\(random(2))")
                    registers += 1
                default:
                    lines.append("r\(registers) = READ_ONCE(*\(v));")
                    condition.append("\(t):r\(registers)=\(random(2))")
                    registers += 1
                }
            }
            let declarations = (0 ..< registers).map { "\tint r\($0);\n" }.joined()
            bodies.append("P\(t)(int *x, int *y)\n{\n\(declarations)" + lines.map { "\t\($0)\n" }.joined() + "}\n")
        }
        if condition.isEmpty { condition = ["x=1"] }
        return "C \(name)\n\n{}\n\n" + bodies.joined(separator: "\n") + "\nexists (" + condition.joined(separator: " /\\ ") + ")\n"
    }
}

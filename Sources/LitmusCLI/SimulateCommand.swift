import ArgumentParser
import Foundation
import Litmus
import Models
import Operational
import Reports

/// `litmus simulate FILE --model tso|armv8`: random or exhaustive runs of an operational machine.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a test on an operational machine (x86-TSO store buffers, ARMv8 out-of-order): simulated, not hardware.",
        discussion: """
            tso: per-CPU FIFO store buffers over one memory; a read takes its own buffer's newest \
            store of the location, else memory; smp_mb() and locked instructions (RMWs, \
            spin_lock) wait for the buffer to drain. armv8: one flat memory; each CPU performs \
            its accesses out of order as far as dependencies, barriers, acquire/release and \
            coherence allow, reads may take a value forwarded from an earlier store of their own \
            CPU, and a CPU may run ahead of a read its later work does not depend on. Kernel \
            primitives are mapped as Linux maps them (as in `litmus check`); RCU and SRCU tests \
            are refused.
            -n N random runs (each step picks an enabled transition at random, seeded by --seed), \
            printed as a histogram like `litmus run`'s; --exhaustive explores every reachable \
            state instead and lists the final states (herd format: the same block as \
            `litmus check --format herd`, for comparison). Every line says it is simulated.
            Exit status: 0 on success, 1 when the exploration gave up, 2 for parse or usage \
            errors and refused tests.

            Example: litmus simulate litmus/mp.litmus --model armv8 -n 10k
            Example: litmus simulate litmus/sb.litmus --model tso --exhaustive --format herd
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case human, herd, json }

    @Argument(help: "Litmus test files (.litmus).")
    var files: [String]

    @Option(name: .long, help: "The machine: tso or armv8.")
    var model: Architecture

    @Option(name: [.customShort("n"), .long], parsing: .unconditional, help: "Random runs; k and M suffixes allowed.",
            transform: CountArgument.parser("-n", examples: "1000, 10k or 1M"))
    var iterations = CountArgument("10k")

    @Option(name: .long, help: "Seed of the random scheduler.")
    var seed: UInt64 = 1

    @Flag(name: .long, help: "Explore every reachable state instead of random runs.")
    var exhaustive = false

    @Option(name: .long, help: "Output format: human, herd or json.")
    var format: Format = .human

    @Option(name: .long, parsing: .unconditional, help: "Times a while loop is unrolled (as `check --unroll`).")
    var unroll: Int = 2

    func validate() throws {
        guard (0 ... 100).contains(unroll) else { throw ValidationError("--unroll must be between 0 and 100 (got \(unroll))") }
    }

    func run() throws {
        let count = iterations.value
        var status: Int32 = 0
        var json: [JSONValue] = []
        for file in files {
            let machine: Machine
            do { machine = try MachineLoading.load(file, model, unroll: unroll) } catch let exit as ExitCode {
                status = max(status, exit.rawValue)
                continue
            }
            let body: SimulationReport.Body
            if exhaustive {
                let start = ContinuousClock.now
                do throws(OperationalError) {
                    let exploration = try Explorer(machine: machine).explore()
                    body = .exhaustive(exploration, seconds: Self.seconds(since: start))
                } catch {
                    Terminal.error("\(file): error: \(error.description)")
                    status = max(status, 1)
                    continue
                }
            } else {
                body = .random(Simulator(machine: machine, seed: seed).run(count: count), seed: seed)
            }
            let report = SimulationReport(program: machine.program, file: file, architecture: model, body: body)
            switch format {
            case .human: print(report.humanText(style: Terminal.outputStyle))
            case .herd: print(report.herdText(), terminator: "")
            case .json: json.append(report.json)
            }
        }
        if format == .json { print(JSONValue.array(json).rendered()) }
        if status != 0 { throw ExitCode(status) }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = start.duration(to: .now)
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

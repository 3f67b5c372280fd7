import Foundation
import Harness
import Litmus
import Models

/// The perpetual (`litmus run --perpetual`) parts of the hardware reports: the same shapes as
/// synchronised runs, but every count is a number of instances found, and the decoding used
/// and its time are shown.
extension HardwareReport {
    static let perpetualModeSentence = "perpetual. Threads ran free (no per-iteration sync); counts are instances "
        + "found (one iteration per thread whose reads form the state), not iterations with this final state."

    /// How a perpetual variant was decoded, and what its counts are worth.
    public static func perpetualDetailLines(_ details: PerpetualDetails) -> [String] {
        let threads = details.decodeThreads == 1 ? "" : " on \(details.decodeThreads) threads"
        var lines = ["Decoding: \(details.method) in \(String(format: "%.2f", details.decodeSeconds)) s "
            + "(\(String(format: "%.2f", details.decodeCPUSeconds)) s of CPU\(threads); "
            + "the run took \(String(format: "%.2f", details.runCPUSeconds)) s of CPU)"]
        if !details.stateMethods.isEmpty {
            lines.append("States counted by: " + details.stateMethods.map { "\($0.method) (\($0.states))" }.joined(separator: "; "))
        }
        if let spare = details.streamingCPUs {
            lines.append(spare.isEmpty
                ? "Streaming off: every CPU of the run has a test thread, so each batch was decoded after its run"
                : "Streamed: each batch was decoded on CPU \(spare.map(String.init).joined(separator: ",")) while the next one ran")
        }
        if details.fromObservers {
            let names = details.observedLocations.joined(separator: ", ")
            lines.append("Coherence between the writers of \(names) comes from observer loads added after each writing thread's body: counts are lower bounds")
        }
        if details.heuristicStates > 0 {
            lines.append("\(details.heuristicStates) of these states were counted by the linear heuristic (lower bounds)")
        }
        if details.saturatedStates > 0 {
            let one = details.saturatedStates == 1
            lines.append("\(details.saturatedStates) of these states \(one ? "has" : "have") more instances than a 64-bit count holds (shown as \(Int.max), \(one ? "a lower bound" : "lower bounds"))")
        }
        if let warning = perpetualOverlapWarning(details) { lines.append(warning) }
        if details.strayValues > 0 {
            lines.append("\(details.strayValues) recorded values were written by no store (torn or stray reads)")
        }
        return lines
    }

    /// Said whenever the recorded values show the threads never ran at the same time: zero
    /// instances of a weak state then prove nothing.
    public static func perpetualOverlapWarning(_ details: PerpetualDetails) -> String? {
        guard details.neverOverlapped, let overlap = details.overlap else { return nil }
        return "Warning: the threads never overlapped: they shared one CPU, or every load of another thread's "
            + "location read one value throughout its batch (over \(overlap.measured) writer iterations), so they ran "
            + "one after the other and a state that needs them to race could not show (counts of 0 prove nothing)"
    }

    static func perpetualParameters(_ setup: RunSetup) -> [(String, JSONValue)] {
        guard let perpetual = setup.perpetual else { return [] }
        return [
            ("mode", .string("perpetual")),
            ("counts", .string("instances")),
            ("decoding", .string(perpetual.decoding.rawValue)),
            ("window", .number(perpetual.window)),
        ]
    }

    static func perpetualFields(_ variant: VariantResult) -> [(String, JSONValue)] {
        guard let details = variant.perpetual else { return [] }
        return [
            ("decoding", .string(details.method.description)),
            ("exact", .bool(details.method.isExact)),
            ("decode_seconds", .double(details.decodeSeconds)),
            ("decode_cpu_seconds", .double(details.decodeCPUSeconds)),
            ("decode_threads", .number(details.decodeThreads)),
            ("run_cpu_seconds", .double(details.runCPUSeconds)),
            ("lower_bound", .bool(details.fromObservers || !details.method.isExact)),
            ("observed_locations", .array(details.observedLocations.map { .string($0) })),
            ("stray_values", .number(details.strayValues)),
            ("heuristic_states", .number(details.heuristicStates)),
            ("saturated_states", .number(details.saturatedStates)),
            ("never_overlapped", .bool(details.neverOverlapped)),
            ("state_methods", .array(details.stateMethods.map {
                .object([("method", .string($0.method.description)), ("exact", .bool($0.method.isExact)), ("states", .number($0.states))])
            })),
            ("streaming_cpus", details.streamingCPUs.map { .array($0.map { .number($0) }) } ?? .null),
            ("warning", perpetualOverlapWarning(details).map { .string($0) } ?? .null),
        ]
    }
}

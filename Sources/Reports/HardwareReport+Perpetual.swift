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
        if details.fromObservers {
            let names = details.observedLocations.joined(separator: ", ")
            lines.append("Coherence between the writers of \(names) comes from observer loads added after each writing thread's body: counts are lower bounds")
        }
        if details.heuristicStates > 0 {
            lines.append("\(details.heuristicStates) of these states were counted by the linear heuristic (lower bounds)")
        }
        if details.strayValues > 0 {
            lines.append("\(details.strayValues) recorded values were written by no store (torn or stray reads)")
        }
        return lines
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
        ]
    }
}

/// The CPUs a run may use, decided in one place for both modes: those asked for (`--cpus`),
/// else every CPU this process may use, then only the first `first` of them (`-a`).
enum CPUPool {
    static func choose(available: [Int], requested: [Int]?, first: Int?) throws(HarnessError) -> [Int] {
        var cpus = available.isEmpty ? [0] : available
        if let requested {
            let missing = requested.filter { !available.contains($0) }
            guard missing.isEmpty || available.isEmpty else {
                let names = ranges(missing)
                let all = available.map(String.init).joined(separator: ",")
                let subject = missing.count == 1 ? "CPU \(names) is" : "CPUs \(names) are"
                throw .invalidParameter("\(subject) not available to this process (available: \(all))")
            }
            cpus = requested
        }
        if let first { cpus = Array(cpus.prefix(first)) }
        return cpus
    }

    /// `0,1,2,5` → `0-2,5`: a --cpus list as the user would write it.
    static func ranges(_ cpus: [Int]) -> String {
        var parts: [String] = []
        var start: Int?, previous = Int.min
        for cpu in cpus.sorted() + [Int.max] {
            if let first = start, cpu != previous + 1 {
                parts.append(first == previous ? "\(first)" : "\(first)-\(previous)")
                start = nil
            }
            if start == nil { start = cpu }
            previous = cpu
        }
        return parts.joined(separator: ",")
    }
}

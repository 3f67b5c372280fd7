extension Program {
    /// herd7's state order: location by location, integers numerically before addresses,
    /// addresses by variable name.
    public func herdPrecedes(_ a: FinalState, _ b: FinalState) -> Bool {
        for (x, y) in zip(a.entries, b.entries) {
            if x.location != y.location { return x.location < y.location }
            if x.value == y.value { continue }
            switch (x.value, y.value) {
            case let (.integer(i), .integer(j)): return i < j
            case (.integer, .address): return true
            case (.address, .integer): return false
            case (.address, .address): return render(x.value) < render(y.value)
            }
        }
        return a.entries.count < b.entries.count
    }
}

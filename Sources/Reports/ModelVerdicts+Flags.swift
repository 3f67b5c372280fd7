import Models

extension ModelVerdicts {
    /// herd7's `Flag NAME` lines, as `check` prints them, naming the model that raised each
    /// (`Flag data-race (LKMM)`): `run` and `explain` show them too.
    public var flagLines: [String] {
        models.flatMap { model in (results[model]?.flags ?? []).map { "Flag \($0) (\(model.displayName))" } }
    }
}

/// Our equivalents of herd7's library files (`stdlib.cat`, `cross.cat`, `cos.cat`,
/// `cos-opt.cat`), written from what the herdtools manual says they provide; used when a
/// model includes one and no file of that name is next to it or on the search path. The sets and
/// relations of stdlib and the functions of cross (`cross`, `linearisations`,
/// `generate_orders`, `generate_cos`) are built into ``CatCompiler``; what is left is cos.
enum CatLibrary {
    static func source(of name: String) -> String? {
        switch name {
        case "stdlib.cat": return "stdlib\n"
        case "cross.cat": return "cross\n"
        case "cos.cat", "cos-opt.cat": return coherence
        default: return nil
        }
    }

    /// Coherence orders: the ones the test's own reads and writes force (same-location program
    /// order seen through rf, and an RMW's write after the one it reads) extended per location.
    static let coherence = """
        "coherence candidates"
        let reads-from-inverse = rf^-1
        let ordered-by-test =
          (po-loc & (W * W)) |
          (rf ; (po-loc & (R * W))) |
          (((po-loc & (W * R)) ; reads-from-inverse) \\ id) |
          ((rf ; (po-loc & (R * R)) ; reads-from-inverse) \\ id) |
          (rf & (W * (R & W)))
        let co-required = ordered-by-test | co0
        acyclic co-required as ConsCo
        with co from generate_orders(W, co-required)
        let coi = co & int
        let coe = co \\ coi
        let fr = (reads-from-inverse ; co) \\ id
        let fri = fr & int
        let fre = fr \\ fri
        show co, fr

        """
}

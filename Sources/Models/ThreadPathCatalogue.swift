import Litmus

extension ModelChecker {
    /// Every complete path of every thread (one per combination of values its reads may return,
    /// over the value domains the explorer computes), with the dependencies the models use, and
    /// how many paths the loop bound cut. The operational machines run exactly these paths.
    public static func threadPaths(
        of program: Program, options: CheckOptions = CheckOptions()
    ) throws(ModelError) -> (paths: [[ThreadPath]], cut: Int) {
        let result = try ThreadPathSearch(program: program, options: options).run()
        return (result.paths, result.cut)
    }
}

import Litmus
import LitmusSyntax

/// libFuzzer entry point. Any input must give a test or diagnostics, never a crash; a test
/// that parses must also print back to an equal test (the `--print` round trip) and lower
/// (or report lowering diagnostics) without crashing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let test = try LitmusTest.parse(source: source, file: "fuzz.litmus")
        let printed = Printer().print(test)
        guard let again = try? LitmusTest.parse(source: printed, file: "printed.litmus"), again == test else {
            fatalError("round trip failed; printed form:\n\(printed)")
        }
        do {
            let program = try Program.lower(test, source: source)
            _ = program.observedLocations
        } catch {
            _ = error.description
        }
    } catch {
        if error.diagnostics.isEmpty { fatalError("parse failed without a diagnostic") }
        _ = error.description  // rendering must not crash either
    }
    return 0
}

/// libFuzzer's driver, which parses the command line and runs the fuzzing loop.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

/// SwiftPM links an executable's entry point under the name `<Module>_main`; ours hands the
/// command line to libFuzzer.
@_cdecl("FuzzParser_main")
public func fuzzParserMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzParser(data, size) }
}

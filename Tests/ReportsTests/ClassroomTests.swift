import Litmus
import Models
import Testing
@testable import Reports

/// `explain` and `list`: the words a teacher projects must follow the models' verdicts.
@Suite struct ClassroomTests {
    func explain(_ file: String, models: [ModelKind] = ModelKind.allCases) throws -> String {
        Support.explanation(program: try Support.program(file), source: try Support.source(file), file: file,
                        models: models, hostModel: nil).text()
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func mpExplainsTheARMReordering() throws {
        let text = try explain("mp.litmus")
        #expect(text.contains("ARMv8 ALLOWED (Sometimes)"))
        #expect(text.contains("x86-TSO FORBIDDEN (Never)"))
        #expect(text.contains("the two stores can become visible to other CPUs in either order"))
        #expect(text.contains("the second load can be satisfied before the first"))
        #expect(text.contains("P1: READ_ONCE(*x) = 0 reads the initial value of x, before P0: WRITE_ONCE(*x, 1)"))
        #expect(text.contains("The test has no barriers"))
    }

    @Test func barriersSayWhichModelsNeedThem() throws {
        let text = try explain("mp+wmb+rmb.litmus")
        #expect(text.contains("P0: smp_wmb() removed: ARMv8 and LKMM allow the outcome; SC and x86-TSO still forbid it."))
        #expect(text.contains("ARMv8 FORBIDDEN (Never)"))
        #expect(text.contains("smp_rmb() (dmb ishld) orders the load before later accesses"))
    }

    @Test func storeBufferingOnTSOIsTheStoreBuffer() throws {
        let text = try explain("sb+mb+mb.litmus", models: [.tso])
        #expect(text.contains("x86-TSO FORBIDDEN (Never)"))
        #expect(text.contains("smp_mb() (mfence) between them"))
        #expect(!text.contains("ARMv8"))
        #expect(text.contains("P0: smp_mb() removed: x86-TSO allows the outcome. It is needed on x86-TSO."))
    }

    @Test func catalogueReportsParseErrorsAndVerdicts() throws {
        let catalogue = try Support.catalogue(directory: Support.fixtures.path, models: [.tso, .lkmm])
        #expect(catalogue.entries.map(\.file)
            == ["2+2w+mb+mb-forbidden.litmus", "broken.litmus", "mp+wmb+rmb.litmus", "mp.litmus", "sb+mb+mb.litmus"])
        #expect(catalogue.entries[1].error != nil)
        let mp = try #require(catalogue.entries.first { $0.file == "mp.litmus" })
        #expect(mp.verdicts?.verdict(under: .lkmm) == .sometimes)
        #expect(mp.verdicts?.verdict(under: .tso) == .never)
        #expect(mp.summary == "Message passing without barriers: P0 writes the data x, then the flag y; P1 reads the flag, then the data.")
        #expect(!mp.disagrees)
    }

    @Test func descriptionSkipsTheResultLine() {
        let description = TestDescription(source: "C X\n(*\n * Result: Never\n *\n * Why? Because.\n * More.\n *\n * Second.\n *)\n")
        #expect(description.paragraphs == ["Why? Because. More.", "Second."])
        #expect(description.summary == "Why?")
        #expect(TestDescription(source: "C X {} ").summary == "")
    }

    @Test func coloursOnlyWhenAllowed() {
        #expect(Style.allowsColour([:]))
        #expect(!Style.allowsColour(["NO_COLOR": ""]))
        #expect(!Style.allowsColour(["NO_COLOR": "1"]))
        #expect(!Style.allowsColour(["TERM": "dumb"]))
        #expect(Style.plain.red("x") == "x")
        #expect(Style(colours: true).red("x") == "\u{1B}[1;31mx\u{1B}[0m")
        // A pipe is never a terminal, whatever the environment says.
        #expect(!Style.detect(fileDescriptor: -1, environment: [:]).colours)
    }

    @Test func numbers() {
        #expect(Text.grouped(1234567) == "1,234,567")
        #expect(Text.grouped(12) == "12")
        #expect(Text.fixed(0.126, 2) == "0.13")
        #expect(Text.fraction(1, of: 5000) == "1 in 5,000")
        #expect(Text.fraction(25, of: 100) == "25.00%")
        #expect(Text.fraction(0, of: 100) == "0")
    }
}

@Suite struct ProgressBarTests {
    @Test func rendersCompletedShareAndTime() {
        let line = ProgressBar.render(title: "MP", label: "", completed: 1, total: 4, elapsed: 2.34, width: 8)
        #expect(line == "MP [##......] 25%  2.3 s")
    }

    @Test func disabledBarWritesNothing() {
        final class Sink: @unchecked Sendable { var text = "" }
        let sink = Sink()
        let bar = ProgressBar(total: 2, title: "x", enabled: false) { sink.text += $0 }
        bar.update(completed: 1, label: "")
        bar.finish()
        #expect(sink.text.isEmpty)
    }
}

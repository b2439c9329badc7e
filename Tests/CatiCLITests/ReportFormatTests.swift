import CatiTestSupport
import CatiCore
import Foundation
import Testing

/// The report's formats as a reader gets them: the terminal text fits 80 columns and
/// has colour only on a terminal, the Markdown is stable (golden file), the CSV is one
/// table, the HTML renders in a real browser with its charts.
@Suite struct ReportFormatTests {
    static let golden = RepositoryFiles.file("Tests/Fixtures/report/cc_parma-300-seed11.md")

    @Test func markdownOfFixedSeedDataMatchesTheGoldenFile() async throws {
        let scratch = try ScratchFolder("report-golden", under: "/dev/shm")
        let data = scratch.path("data")
        let sim = try await SimFiles.simulate(SimFiles.ccParma, data: data, n: 300, seed: 11, sample: false, in: scratch.path)
        #expect(sim.status == 0, "\(sim.stderr)")
        let result = try await ReportCLI.run(data, ["--format", "markdown"], in: scratch.path)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try result.stdout.write(toFile: Self.golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: Self.golden, encoding: .utf8)
        #expect(result.stdout == expected, "differs from \(Self.golden) (UPDATE_GOLDEN=1 rewrites it after a deliberate change)")
        #expect(expected.contains("## Aspects by % dissatisfied") && expected.contains("| by tipo |") && expected.contains("## Weights"))
    }

    @Test func terminalReportFitsEightyColumnsWithoutColourWhenPiped() async throws {
        let run = try await ReportRun.shared.get()
        let scratch = try ScratchFolder("report-terminal")
        let result = try await ReportCLI.run(run.folder, [], in: scratch.path)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count > 100)
        let wide = lines.filter { $0.count > 80 }
        #expect(wide.isEmpty, "wider than 80 columns:\n\(wide.prefix(5).joined(separator: "\n"))")
        #expect(!result.stdout.contains("\u{1B}"), "no escape sequence in a pipe")
        #expect(result.stdout.contains("COMPLETES AGAINST TARGETS") && result.stdout.contains("ASPECTS BY % DISSATISFIED"))
        #expect(result.stdout.contains("█"), "bar charts in block characters")
        let voto = run.completes.compactMap { $0["answers"]?["voto"]?.intValue }
        let mean = Double(voto.reduce(0, +)) / Double(voto.count)
        #expect(result.stdout.contains("n \(voto.count)  mean \(String(format: "%.2f", mean))"), "voto's n and mean shown")
    }

    @Test(.enabled(if: ChildProcess.available("script"), "script (util-linux) is installed"))
    func colourOnATerminalUnlessNoColor() async throws {
        let run = try await ReportRun.shared.get()
        let scratch = try ScratchFolder("report-colour")
        let cati = try ChildProcess.cati()
        for noColor in [false, true] {
            let out = scratch.path("screen-\(noColor).txt")
            let env = noColor ? "NO_COLOR=1 " : "env -u NO_COLOR "
            // `script` gives the report a terminal of its own and keeps what it wrote, escapes included.
            let command = "\(env)\(cati) report \(SimFiles.ccParma) --data \(run.folder) > /dev/tty"
            let result = try await ChildProcess.run(["script", "-q", "-e", "-c", command, out], directory: scratch.path)
            #expect(result.status == 0, "\(result.stderr)")
            let text = try String(contentsOfFile: out, encoding: .utf8)
            #expect(text.contains("ASPECTS BY % DISSATISFIED"))
            #expect(text.contains("\u{1B}[1m") == !noColor, noColor ? "NO_COLOR: no colour" : "a terminal: bold headings")
        }
    }

    @Test func csvIsOneTableWithARowPerFigureSet() async throws {
        let run = try await ReportRun.shared.get()
        let scratch = try ScratchFolder("report-csv")
        let result = try await ReportCLI.run(run.folder, ["--format", "csv"], in: scratch.path)
        let rows = CSV.parse(result.stdout)
        let header = try #require(rows.first).fields
        #expect(header.prefix(6) == ["kind", "question", "by", "code", "label", "n"])
        #expect(rows.dropFirst().allSatisfy { $0.fields.count == header.count })
        let voto = try #require(rows.first { $0.fields[0] == "scale" && $0.fields[1] == "voto" && $0.fields[2].isEmpty })
        let values = run.completes.compactMap { $0["answers"]?["voto"]?.intValue }
        #expect(Int(voto.fields[5]) == values.count)
        #expect(close(Double(voto.fields[header.firstIndex(of: "mean")!]), Double(values.reduce(0, +)) / Double(values.count), 4))
        // 8 scales × (1 + 3 tipi + 9 motivi) + 4 channel codes + 1 number.
        let expectedRows: Int = 1 + 8 * 13 + 4 + 1
        #expect(rows.count == expectedRows)
    }

    @Test(.enabled(if: ChildProcess.available("chromium"), "chromium is installed (.ci/setup installs it)"))
    func htmlReportRendersInChromiumWithItsCharts() async throws {
        let run = try await ReportRun.shared.get()
        let scratch = try ScratchFolder("report-html", keepIf: "KEEP_REPORT_HTML")
        let page = scratch.path("report.html")
        _ = try await ReportCLI.run(run.folder, ["--format", "html", "--out", page], in: scratch.path)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(!html.contains("<script"), "no script")
        #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("url("), "no external file")
        #expect(html.contains("@media print"), "printable")

        let chrome = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                      "--user-data-dir=" + scratch.path("profile")]
        let dom = try await ChildProcess.run(chrome + ["--dump-dom", "file://" + page], directory: scratch.path)
        #expect(dom.status == 0, "\(dom.stderr)")
        // The browser's own DOM: one distribution chart per scale, the ranking chart, the breakdown charts.
        #expect(dom.stdout.components(separatedBy: "<svg class=\"chart distribution\"").count - 1 == 8, "8 distribution charts")
        #expect(dom.stdout.contains("<svg class=\"chart aspects\""))
        #expect(dom.stdout.components(separatedBy: "<svg class=\"chart means\"").count - 1 == 16, "by tipo and by motivo, 8 scales")
        #expect(dom.stdout.components(separatedBy: "<rect").count > 100, "bars drawn")

        let png = scratch.path("report.png")
        let shot = try await ChildProcess.run(chrome + ["--window-size=1000,2400", "--screenshot=" + png, "file://" + page],
                                              directory: scratch.path)
        #expect(shot.status == 0, "\(shot.stderr)")
        let bytes = try #require(FileManager.default.contents(atPath: png))
        #expect(bytes.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "a PNG")
        #expect(bytes.count > 60_000, "a page with text and charts, not a blank one (\(bytes.count) bytes)")
        let colours = try PNGColours.count(png)
        #expect(colours.contains(0x3B6EA5), "the charts' blue painted")
        #expect(colours.contains(0xB00020) || colours.contains(0x1B7A35), "flagged aspects painted red or green")
        #expect(colours.count > 50, "text and charts, not a blank page")
    }
}

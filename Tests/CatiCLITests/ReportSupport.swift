import CatiTestSupport
import CatiCore
import Foundation
import Testing

/// One run of 1,200 simulated cc_parma interviews (seed fixed, no sample: user type and
/// call reason drawn at random), shared by the report tests that read it.
actor ReportRun {
    struct Output: Sendable {
        let folder: String
        let records: [JSON]
        var completes: [JSON] { records.filter { $0["status"]?.stringValue == "complete" } }
    }

    static let shared = ReportRun()
    nonisolated(unsafe) static var leftover: String?
    private var task: Task<Output, any Error>?
    private var scratch: ScratchFolder?

    func get() async throws -> Output {
        if let task { return try await task.value }
        let scratch = try ScratchFolder("report-1200", under: "/dev/shm")
        self.scratch = scratch
        Self.leftover = scratch.path
        atexit { if let path = ReportRun.leftover { try? FileManager.default.removeItem(atPath: path) } }
        let task = Task { () async throws -> Output in
            let data = scratch.path("data")
            let result = try await SimFiles.simulate(SimFiles.ccParma, data: data, n: 1_200, seed: 2009, sample: false, in: scratch.path)
            guard result.status == 0 else { throw ChildProcess.Failure.failed("cati simulate: \(result.stderr)") }
            return Output(folder: data, records: try JSONLFile(data + "/interviews.jsonl").records())
        }
        self.task = task
        return try await task.value
    }
}

enum ReportCLI {
    /// `cati report cc_parma.cati --data DIR ARGS…`, exit status checked.
    static func run(_ data: String, _ arguments: [String], in directory: String, questionnaire: String = SimFiles.ccParma,
                    expectStatus: Int32 = 0) async throws -> ChildProcess.Result {
        let result = try await ChildProcess.run([try ChildProcess.cati(), "report", questionnaire, "--data", data] + arguments,
                                                directory: directory)
        #expect(result.status == expectStatus, "cati report \(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    static func json(_ data: String, _ arguments: [String] = [], in directory: String) async throws -> JSON {
        let result = try await run(data, ["--format", "json"] + arguments, in: directory)
        return try #require(JSONParser.parse(result.stdout), "not JSON: \(result.stdout.prefix(300))")
    }
}

/// The statistics computed here, independently of the program: Student's t quantile by
/// numerical integration of its density, means and variances in two passes.
enum IndependentStats {
    /// The 0.975 quantile of t with `df` degrees of freedom: Simpson's rule on the
    /// density from 0, bisection on the upper tail.
    static func t975(_ df: Int) -> Double {
        let v = Double(df)
        let c = exp(lgamma((v + 1) / 2) - lgamma(v / 2)) / (v * Double.pi).squareRoot()
        func density(_ x: Double) -> Double { c * pow(1 + x * x / v, -(v + 1) / 2) }
        func cdfFromZero(_ x: Double) -> Double {
            let steps = 4_000
            let h = x / Double(steps)
            var sum = density(0) + density(x)
            for k in 1..<steps { sum += density(Double(k) * h) * (k % 2 == 1 ? 4 : 2) }
            return sum * h / 3
        }
        var lo = 0.0, hi = 100.0
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            if 0.5 + cdfFromZero(mid) < 0.975 { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    struct Summary {
        var n = 0
        var mean = 0.0
        var ci: (Double, Double)?
        var dissatisfiedPct = 0.0
        var missingPct = 0.0
    }

    /// Weighted (or, with every weight 1, plain) figures of marks; `missing` counts dk/refused.
    static func summary(_ values: [(x: Double, w: Double)], missing: [Double], threshold: Double) -> Summary {
        var s = Summary()
        s.n = values.count
        let sw = values.reduce(0) { $0 + $1.w }
        guard s.n > 0, sw > 0 else { return s }
        s.mean = values.reduce(0) { $0 + $1.w * $1.x } / sw
        let m = s.mean
        let variance = values.reduce(0) { $0 + $1.w * ($1.x - m) * ($1.x - m) } / sw * Double(s.n) / Double(s.n - 1)
        let sww = values.reduce(0) { $0 + $1.w * $1.w }
        let nEff = sw * sw / sww
        let half = t975(s.n - 1) * variance.squareRoot() / nEff.squareRoot()
        s.ci = (m - half, m + half)
        s.dissatisfiedPct = 100 * values.filter { $0.x <= threshold }.reduce(0) { $0 + $1.w } / sw
        let missingW = missing.reduce(0, +)
        s.missingPct = 100 * missingW / (missingW + sw)
        return s
    }
}

extension JSON {
    var number: Double? { doubleValue }
    func member(_ path: String...) -> JSON? {
        var j: JSON? = self
        for key in path { j = j?[key] }
        return j
    }
}

/// `a` and `b` agree to `decimals` places as the report rounds them.
func close(_ a: Double?, _ b: Double, _ decimals: Int) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= 0.5 * pow(10, -Double(decimals)) + 1e-9
}

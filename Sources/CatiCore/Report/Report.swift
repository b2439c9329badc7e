/// The figures of `cati report`, computed from a tally: what every output format
/// (terminal, Markdown, CSV, JSON, HTML) shows. A figure that cannot be computed (no
/// answer, one answer for an interval) is nil, never NaN.
public struct Report: Sendable {
    /// n, mean, interval and shares of one scale over one group of interviews.
    public struct Figures: Sendable, Equatable {
        /// Numeric answers.
        public var n = 0
        /// Completes that were asked (numeric answers, dk, refused).
        public var asked = 0
        public var dk = 0
        public var refused = 0
        public var mean: Double?
        public var sd: Double?
        public var ci95: (Double, Double)?
        public var dissatisfiedPct: Double?
        /// dk and refused over the completes asked.
        public var missingPct: Double?
        /// Kish's effective sample size of the numeric answers.
        public var effectiveN: Double = 0
        /// Share of each mark among the numeric answers, low to high (percent).
        public var distributionPct: [Double] = []

        public static func == (a: Figures, b: Figures) -> Bool {
            a.n == b.n && a.asked == b.asked && a.mean == b.mean && a.ci95?.0 == b.ci95?.0 && a.ci95?.1 == b.ci95?.1
                && a.dissatisfiedPct == b.dissatisfiedPct && a.missingPct == b.missingPct
        }
    }

    public struct Group: Sendable {
        public let code: Int
        public let label: String
        public let figures: Figures
        public let weighted: Figures?
    }

    public struct Breakdown: Sendable {
        public let name: String
        public let groups: [Group]
    }

    public struct Scale: Sendable {
        public let name: String
        public let label: String
        public let range: ClosedRange<Int>
        public let dissatisfiedMax: Int
        public let figures: Figures
        public let weighted: Figures?
        /// Numeric answers per mark, low to high.
        public let distribution: [Int]
        public let by: [Breakdown]
    }

    public struct QuotaCell: Sendable {
        public let label: String
        public let target: Int
        public let complete: Int
    }

    public struct QuotaProgress: Sendable {
        public let name: String
        public let title: String?
        public let cells: [QuotaCell]
        /// Completes no cell of this quota covers.
        public let outside: Int
    }

    public struct WeightCell: Sendable {
        public let label: String
        /// Population share (0…1).
        public let share: Double
        public let complete: Int
        /// nil when the cell has no complete.
        public let weight: Double?
    }

    public struct Weighting: Sendable {
        public let source: String
        public let cells: [WeightCell]
        /// Completes outside every cell (weight 1).
        public let outside: Int
        public let effectiveN: Double
        public let designEffect: Double
        public let minWeight: Double
        public let maxWeight: Double
    }

    public struct MultiOption: Sendable {
        public let code: Int
        public let label: String
        public let count: Int
        public let pct: Double?
        public let weightedPct: Double?
    }

    public struct Multi: Sendable {
        public let name: String
        public let label: String
        /// Completes with an answer (dk and refused not included).
        public let respondents: Int
        public let dk: Int
        public let refused: Int
        public let options: [MultiOption]
    }

    public struct Number: Sendable {
        public let name: String
        public let label: String
        public let n: Int
        public let dk: Int
        public let refused: Int
        public let mean: Double?
        public let weightedMean: Double?
        public let sd: Double?
        public let ci95: (Double, Double)?
        public let min: Double?
        public let q1: Double?
        public let median: Double?
        public let q3: Double?
        public let max: Double?
    }

    /// A scale or grid item in the ranking by dissatisfaction.
    public struct Aspect: Sendable {
        public enum Flag: String, Sendable { case over10 = "over 10%", under5 = "under 5%" }
        public let name: String
        public let label: String
        public let dissatisfiedPct: Double
        public let weightedDissatisfiedPct: Double?
        public let flag: Flag?
    }

    public let survey: String
    public let title: String
    public let version: Int
    public let versions: ReportOptions.Versions
    public let completes: Int
    public let statuses: [(String, Int)]
    public let completesByVersion: [(Int, Int)]
    public let otherVersionCompletes: Int
    /// Reported completes recorded with another file of the same version.
    public let otherFileCompletes: Int
    public let quotas: [QuotaProgress]
    public let weighting: Weighting?
    public let scales: [Scale]
    public let multis: [Multi]
    public let numbers: [Number]
    /// Highest share of dissatisfied first.
    public let aspects: [Aspect]
    /// Lines worth a reader's attention: no completes, other versions, all-dk scales…
    public let notices: [String]
}

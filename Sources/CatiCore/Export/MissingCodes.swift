/// The values written for "don't know" and "refused" in a variable's cells.
///
/// For a numeric variable (codes, scales, numbers, a multi's 0/1 columns) they are the
/// two numbers just below the first power of ten above the variable's highest code:
/// 8 and 9 for codes up to 7, 98 and 99 up to 97, 998 and 999 up to 997, and so on.
/// They are larger than every code and every value the question accepts, so they can
/// never be taken for an answer. A text variable gets `[dk]` and `[ref]` (at most 8
/// bytes: SPSS accepts them as string missing values).
public struct MissingCodes: Sendable, Hashable {
    /// The cell written for "don't know"; nil when the question does not allow it.
    public let dk: String?
    /// The cell written for "refused"; nil when the question does not allow it.
    public let refused: String?
    public let dkLabel: String
    public let refusedLabel: String
    /// The numeric codes (nil for a text variable or a code the question does not allow).
    public var dkCode: Int? { dk.flatMap { Int($0) } }
    public var refusedCode: Int? { refused.flatMap { Int($0) } }
    public var isEmpty: Bool { dk == nil && refused == nil }

    public static let textDK = "[dk]"
    public static let textRefused = "[ref]"

    init(numeric: Bool, highestCode: Int, dk: Bool, refused: Bool, labels: MissingLabels) {
        let pair = numeric ? MissingCodes.numericPair(above: highestCode) : (MissingCodes.textDK, MissingCodes.textRefused)
        self.dk = dk ? pair.0 : nil
        self.refused = refused ? pair.1 : nil
        dkLabel = labels.dk
        refusedLabel = labels.refused
    }

    /// `(10^n - 2, 10^n - 1)` for the smallest n ≥ 1 with `10^n - 2 > highest`.
    static func numericPair(above highest: Int) -> (String, String) {
        var power = 10
        while power - 2 <= highest, power < Int.max / 10 { power *= 10 }
        return (String(power - 2), String(power - 1))
    }
}

/// The labels of the two missing codes, in the questionnaire's language.
struct MissingLabels: Sendable {
    let dk: String
    let refused: String

    init(language: InterviewerLanguage) {
        switch language {
        case .it: dk = "Non sa"; refused = "Rifiuta"
        case .en: dk = "Don't know"; refused = "Refused"
        }
    }
}

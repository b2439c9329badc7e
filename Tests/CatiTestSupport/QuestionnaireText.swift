import CatiTestSupport
import CatiCore

/// A questionnaire from its source text, for tests: the checked `Questionnaire`, or an
/// error that lists every diagnostic.
public enum QuestionnaireText {
    public struct DoesNotCheck: Error, CustomStringConvertible {
        public let description: String
    }

    public static func check(_ text: String) throws -> Questionnaire {
        try check(bytes: Array(text.utf8))
    }

    public static func check(bytes: [UInt8]) throws -> Questionnaire {
        let result = QuestionnaireChecker.check(SourceText(bytes: bytes))
        guard let questionnaire = result.questionnaire else {
            throw DoesNotCheck(description: "the questionnaire does not check:\n"
                               + result.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return questionnaire
    }
}

extension SplitMix64 {
    /// FNV-1a of a text: a stable seed from a file name (`hashValue` changes per
    /// process), so that a failing random case can be replayed.
    public static func seed(_ text: String, salt: UInt64 = 0) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ salt
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}

/// What `cati export` does to a record for the respondents' privacy (docs/privacy.md):
/// `--pseudonymise` replaces the interview, case and interviewer ids (and the login)
/// by keyed hashes; `--include-personal` adds the case's personal sample columns to its
/// answers (they are in no record: they come from the sample file).
public struct RecordPrivacy: Sendable {
    /// The survey's key (`InterviewStore.pseudonymKey`); nil: ids as stored.
    public var pseudonymKey: [UInt8]?
    /// Per case id: the members added to `answers`.
    public var personal: [String: [(String, JSON)]]

    public init(pseudonymKey: [UInt8]? = nil, personal: [String: [(String, JSON)]] = [:]) {
        self.pseudonymKey = pseudonymKey
        self.personal = personal
    }

    public static let pseudonymisedFields = ["id", "respondent", "interviewer", "login"]

    /// 16 hex digits of HMAC-SHA256(key, kind + ":" + id): the same id gives the same
    /// pseudonym in every export of the survey, and nobody without the key can
    /// recompute it from a list of ids.
    public static func pseudonym(_ id: String, field: String, key: [UInt8]) -> String {
        let kind = field == "login" ? "interviewer" : field
        return String(HMACSHA256.hex(key: key, message: Array((kind + ":" + id).utf8)).prefix(16))
    }

    /// The personal columns of a sample row as answer members: `name`, `phone` as
    /// texts, `personal` sample variables as their values.
    public static func members(of row: SampleRecord, questionnaire: Questionnaire) -> [(String, JSON)] {
        var out: [(String, JSON)] = []
        for column in Questionnaire.alwaysPersonalColumns { if let v = row.value(column) { out.append((column, .string(v))) } }
        for id in questionnaire.sampleVariables where questionnaire.variables[id].personal {
            let variable = questionnaire.variables[id]
            switch SampleValues.value(of: variable, in: row, questionnaire: questionnaire) {
            case .number(let n): out.append((variable.name, n == n.rounded() && abs(n) < 1e15 ? .int(Int(n)) : .double(n)))
            case .text(let t): out.append((variable.name, .string(t)))
            default: break
            }
        }
        return out
    }

    /// The line rewritten, or nil to export it as stored.
    public func rewrite(_ line: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard pseudonymKey != nil || !personal.isEmpty,
              let json = JSONParser.parseObject(line), case .object(var members) = json else { return nil }
        let respondent = json["respondent"]?.stringValue
        if let respondent, let added = personal[respondent],
           let k = members.firstIndex(where: { $0.0 == "answers" }), case .object(let answers) = members[k].1 {
            members[k].1 = .object(added + answers.filter { key, _ in !added.contains { $0.0 == key } })
        }
        if let key = pseudonymKey {
            for k in members.indices where RecordPrivacy.pseudonymisedFields.contains(members[k].0) {
                if case .string(let id) = members[k].1 {
                    members[k].1 = .string(RecordPrivacy.pseudonym(id, field: members[k].0, key: key))
                }
            }
        }
        return Array(JSON.object(members).serialized.utf8)
    }
}

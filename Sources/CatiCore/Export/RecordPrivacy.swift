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

    /// The line rewritten, or nil to export it as stored. The record's fields before
    /// `answers` (where data.md's writer puts `id`, `respondent`, `interviewer`, `login`)
    /// are found by their bytes: a key with an unescaped quote after `{` or `,` is
    /// structure, never text inside a string (a quote there is always escaped). A line
    /// that does not look so is parsed and written again whole.
    public func rewrite(_ line: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard pseudonymKey != nil || !personal.isEmpty else { return nil }
        let bytes = Array(line)
        guard let fast = fastRewrite(bytes) else { return slowRewrite(line) }
        return fast
    }

    /// nil: the line is not as expected; `.some(nil)`: nothing to change.
    private func fastRewrite(_ bytes: [UInt8]) -> [UInt8]?? {
        guard let answers = RecordPrivacy.structuralKey(Array("\"answers\":{".utf8), in: bytes, before: bytes.count) else {
            return nil
        }
        var edits: [(range: Range<Int>, with: [UInt8])] = []
        var respondent: String?
        for field in RecordPrivacy.pseudonymisedFields {
            guard let start = RecordPrivacy.structuralKey(Array("\"\(field)\":\"".utf8), in: bytes, before: answers) else { continue }
            guard let end = bytes[start...].firstIndex(of: 0x22), !bytes[start..<end].contains(0x5C) else { return nil }
            let value = String(decoding: bytes[start..<end], as: UTF8.self)
            if field == "respondent" { respondent = value }
            if let key = pseudonymKey {
                edits.append((start..<end, Array(RecordPrivacy.pseudonym(value, field: field, key: key).utf8)))
            }
        }
        if let respondent, let added = personal[respondent], !added.isEmpty {
            var inserted = Array(added.map { JSON.object([$0]).serialized.dropFirst().dropLast() }.joined(separator: ",").utf8)
            if answers < bytes.count, bytes[answers] != 0x7D { inserted.append(0x2C) }
            edits.append((answers..<answers, inserted))
        }
        guard !edits.isEmpty else { return .some(nil) }
        var out = bytes
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            out.replaceSubrange(edit.range, with: edit.with)
        }
        return .some(out)
    }

    /// Where the value after `key` (which ends with the value's opening `"` or `{`)
    /// starts, for the first structural occurrence before `limit`.
    static func structuralKey(_ key: [UInt8], in bytes: [UInt8], before limit: Int) -> Int? {
        guard key.count < limit else { return nil }
        var k = 1
        while k + key.count <= limit {
            if bytes[k] == 0x22, bytes[k - 1] == 0x2C || bytes[k - 1] == 0x7B,
               bytes[k..<(k + key.count)].elementsEqual(key) {
                return k + key.count
            }
            k += 1
        }
        return nil
    }

    private func slowRewrite(_ line: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let json = JSONParser.parseObject(line), case .object(var members) = json else { return nil }
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

import CatiCore

/// The first line of an interview's journal: everything needed to rebuild it.
public struct JournalHeader: Sendable, Equatable {
    public let id: String
    public let survey: String
    public let questionnaireSHA256: String
    public let interviewer: String
    public let startedAt: Double
    public let sample: SampleRecord?
    public let simulated: Bool
    /// The login that started the interview (from the kernel) and whether `interviewer`
    /// is that login or a declared name (docs/data-folder.md); nil in older journals.
    public var login: String?
    public var identity: InterviewerIdentity.Kind?

    public init(id: String, survey: String, questionnaireSHA256: String, interviewer: String, startedAt: Double,
                sample: SampleRecord?, simulated: Bool) {
        self.id = id
        self.survey = survey
        self.questionnaireSHA256 = questionnaireSHA256
        self.interviewer = interviewer
        self.startedAt = startedAt
        self.sample = sample
        self.simulated = simulated
    }

    var json: JSON {
        var members: [(String, JSON)] = [
            ("journal", .int(1)), ("id", .string(id)), ("survey", .string(survey)),
            ("questionnaire_sha256", .string(questionnaireSHA256)), ("interviewer", .string(interviewer)),
            ("started", .double(startedAt)), ("simulated", .bool(simulated)),
        ]
        if let login { members.append(("login", .string(login))) }
        if let identity { members.append(("identity", .string(identity.rawValue))) }
        if let sample {
            members.append(("respondent", .string(sample.id)))
            members.append(("sample", .object(sample.fields.keys.sorted().map { ($0, .string(sample.fields[$0]!)) })))
        }
        return .object(members)
    }

    init?(_ json: JSON) {
        guard json["journal"]?.intValue == 1, let id = json["id"]?.stringValue, let survey = json["survey"]?.stringValue,
              let sha = json["questionnaire_sha256"]?.stringValue, let interviewer = json["interviewer"]?.stringValue,
              let started = json["started"]?.doubleValue else { return nil }
        var sample: SampleRecord?
        if let respondent = json["respondent"]?.stringValue {
            var fields: [String: String] = [:]
            for (k, v) in json["sample"]?.objectMembers ?? [] { fields[k] = v.stringValue ?? "" }
            sample = SampleRecord(id: respondent, fields: fields)
        }
        self.init(id: id, survey: survey, questionnaireSHA256: sha, interviewer: interviewer, startedAt: started,
                  sample: sample, simulated: json["simulated"]?.boolValue ?? false)
        self.login = json["login"]?.stringValue
        self.identity = json["identity"]?.stringValue.flatMap(InterviewerIdentity.Kind.init(rawValue:))
    }
}

/// One line after the header.
public enum JournalEvent: Sendable, Equatable {
    case action(Action, at: Double)
    /// F9, with the reason the interviewer typed ("" when none).
    case suspended(at: Double, reason: String = "")
    case resumed(at: Double)
    /// The finished record, written before it is appended to interviews.jsonl.
    case finishing(record: String)

    var json: JSON {
        switch self {
        case .action(let action, let t):
            var members: [(String, JSON)] = [("t", .double(t))]
            switch action {
            case .answer(let raw): members.append(("answer", .string(raw)))
            case .dontKnow: members.append(("dk", .bool(true)))
            case .refused: members.append(("refused", .bool(true)))
            case .back: members.append(("back", .bool(true)))
            case .goTo(let name): members.append(("goto", .string(name)))
            case .note(let text): members.append(("note", .string(text)))
            case .end(let status, let reason):
                members.append(("end", .string(status.rawValue)))
                members.append(("reason", .string(reason)))
            }
            return .object(members)
        case .suspended(let t, let reason):
            var members: [(String, JSON)] = [("t", .double(t)), ("suspended", .bool(true))]
            if !reason.isEmpty { members.append(("reason", .string(reason))) }
            return .object(members)
        case .resumed(let t): return .object([("t", .double(t)), ("resumed", .bool(true))])
        case .finishing(let record): return .object([("finishing", .string(record))])
        }
    }

    init?(_ json: JSON) {
        if let record = json["finishing"]?.stringValue { self = .finishing(record: record); return }
        guard let t = json["t"]?.doubleValue else { return nil }
        if json["suspended"] != nil { self = .suspended(at: t, reason: json["reason"]?.stringValue ?? ""); return }
        if json["resumed"] != nil { self = .resumed(at: t); return }
        let action: Action
        if let raw = json["answer"]?.stringValue { action = .answer(raw) }
        else if json["dk"] != nil { action = .dontKnow }
        else if json["refused"] != nil { action = .refused }
        else if json["back"] != nil { action = .back }
        else if let name = json["goto"]?.stringValue { action = .goTo(name) }
        else if let text = json["note"]?.stringValue { action = .note(text) }
        else if let status = json["end"]?.stringValue.flatMap(InterviewStatus.init(rawValue:)) {
            action = .end(status, reason: json["reason"]?.stringValue ?? "")
        } else { return nil }
        self = .action(action, at: t)
    }
}

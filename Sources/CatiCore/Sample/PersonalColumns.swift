/// Which sample columns identify the respondent (docs/privacy.md): `name` and `phone`
/// (data.md: shown to the interviewer), and every `sample` variable the questionnaire
/// marks `personal`. They stay in the sample file: journals, records, call attempts,
/// the audit trail and exports (unless a supervisor asks) carry the case id instead.
extension Questionnaire {
    /// The columns always personal, whatever the questionnaire says.
    public static let alwaysPersonalColumns: [String] = ["name", "phone"]

    /// `name`, `phone`, then the `personal` sample variables in declaration order.
    public var personalColumns: [String] {
        var out = Questionnaire.alwaysPersonalColumns
        for id in sampleVariables where variables[id].personal && !out.contains(variables[id].name) {
            out.append(variables[id].name)
        }
        return out
    }
}

extension SampleRecord {
    /// The record without the columns named (the case id stays).
    public func without(columns: [String]) -> SampleRecord {
        var kept = fields
        for column in columns { kept[column] = nil }
        return SampleRecord(id: id, fields: kept, line: line)
    }

    /// This record with the cells of `columns` taken from `source` (the sample row the
    /// personal columns are read from again), when `source` is the same case.
    public func adding(columns: [String], from source: SampleRecord?) -> SampleRecord {
        guard let source, source.id == id else { return self }
        var merged = fields
        for column in columns where merged[column] == nil { merged[column] = source.fields[column] }
        return SampleRecord(id: id, fields: merged, line: line)
    }
}

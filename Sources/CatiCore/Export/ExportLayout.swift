/// The columns of an export, in order: the fixed record fields of fieldwork.md, one
/// column per variable in questionnaire order (a multi: one 0/1 column per code, or one
/// bit-string column for Triple-S; an `other` option's text right after its variable),
/// then paradata (total seconds, number of notes; with `paradata`, seconds per question).
public struct ExportLayout: Sendable {
    /// How a multi's codes are laid out.
    public enum MultiStyle: Sendable {
        /// One column per code, `NAME_CODE`, holding 0 or 1 (CSV, SPSS).
        case columnPerCode
        /// One column holding `0`/`1` per code value, position = code (Triple-S).
        case bitString
    }

    public enum Source: Sendable, Hashable {
        /// A top-level string field of the record (`RecordRow.fieldNames` index).
        case field(Int)
        /// The answer slot's value.
        case answer(slot: Int)
        /// 1 when the multi answer in the slot holds the code, else 0.
        case multiCode(slot: Int, code: Int)
        /// The multi answer as `0`/`1` characters, one per code value 1…length.
        case multiBits(slot: Int, length: Int)
        case secondsTotal
        case notesCount
        /// Seconds spent on one question (`RecordRow.seconds` index).
        case seconds(question: Int)
    }

    public struct Column: Sendable, Hashable {
        public let name: String
        public let source: Source
        public let isNumeric: Bool
        /// The codebook entry the column belongs to (nil for record fields and paradata).
        public let entry: Int?
        /// The cells written for "don't know" and "refused".
        public let missing: MissingCodes?
    }

    public static let fieldNames = ["id", "respondent", "interviewer", "status", "started", "finished"]
    public static let secondsTotalName = "seconds"
    public static let notesCountName = "notes"

    public let codebook: Codebook
    public let columns: [Column]
    /// The answer key of each slot (a variable's name, or `NAME_other`).
    public let slotNames: [String]
    /// The paradata `seconds` key of each question slot (question names).
    public let questionNames: [String]

    /// `reserved`: names a column may not have, compared without case (SPSS's reserved
    /// words for the spss format); such a column gets a `_` after its name.
    /// `personal`: text columns after the record's fields, read from answer keys of the
    /// same names (`cati export --include-personal` puts `name`, `phone` there).
    public init(codebook: Codebook, questionnaire: Questionnaire, multi: MultiStyle, paradata: Bool,
                reserved: Set<String> = [], personal: [String] = []) {
        self.codebook = codebook
        var columns: [Column] = []
        var slots: [String] = []
        var taken = Set<String>()
        func add(_ name: String, _ source: Source, numeric: Bool, entry: Int? = nil, missing: MissingCodes? = nil) {
            var unique = reserved.contains(name.lowercased()) ? name + "_" : name
            let name = unique
            var n = 2
            while taken.contains(unique) { unique = name + "_" + String(n); n += 1 }
            taken.insert(unique)
            columns.append(Column(name: unique, source: source, isNumeric: numeric, entry: entry, missing: missing))
        }
        for (i, name) in ExportLayout.fieldNames.enumerated() { add(name, .field(i), numeric: false) }
        for name in personal {
            slots.append(name)
            add(name, .answer(slot: slots.count - 1), numeric: false)
        }
        for (index, entry) in codebook.entries.enumerated() {
            let slot = slots.count
            slots.append(entry.name)
            if entry.kind == .multi {
                switch multi {
                case .columnPerCode:
                    for value in entry.values {
                        add(entry.name + "_" + String(value.code), .multiCode(slot: slot, code: value.code),
                            numeric: true, entry: index, missing: entry.missing)
                    }
                case .bitString:
                    let highest = max(entry.values.map(\.code).max() ?? 0, entry.missing.refusedCode ?? 0,
                                      entry.missing.dkCode ?? 0)
                    add(entry.name, .multiBits(slot: slot, length: highest), numeric: false, entry: index,
                        missing: entry.missing)
                }
            } else {
                add(entry.name, .answer(slot: slot), numeric: entry.kind.isNumeric, entry: index, missing: entry.missing)
            }
            if let other = entry.otherTextName {
                let otherSlot = slots.count
                slots.append(other)
                add(other, .answer(slot: otherSlot), numeric: false, entry: index)
            }
        }
        add(ExportLayout.secondsTotalName, .secondsTotal, numeric: true)
        add(ExportLayout.notesCountName, .notesCount, numeric: true)
        var questions: [String] = []
        for question in questionnaire.questions {
            questions.append(question.name)
            if paradata { add("seconds_" + question.name, .seconds(question: questions.count - 1), numeric: true) }
        }
        self.columns = columns
        self.slotNames = slots
        self.questionNames = questions
    }

    /// A layout without columns (for writing plain rows of text).
    static let empty = ExportLayout()

    private init() {
        codebook = Codebook.empty
        columns = []
        slotNames = []
        questionNames = []
    }

    /// Indexes of the columns whose cells are texts (for widths and string formats).
    public var textColumns: [Int] { columns.indices.filter { !columns[$0].isNumeric } }
}

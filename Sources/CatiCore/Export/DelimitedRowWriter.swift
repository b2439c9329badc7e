/// Writes rows of an `ExportLayout` as delimited text, RFC 4180: a cell holding the
/// delimiter, a quote or a line break is quoted, quotes doubled; rows end in CRLF
/// (or LF, for the data files that PSPP and Triple-S read); UTF-8 throughout.
///
/// Options cover the three consumers: a spreadsheet-safe CSV (formula neutralising),
/// the data file of the SPSS syntax (PSPP reads one case per line, so line breaks in
/// texts travel as control characters the syntax turns back) and Triple-S.
public struct DelimitedRowWriter {
    public struct Options: Sendable {
        public var delimiter: UInt8 = UInt8(ascii: ",")
        /// Prefix `'` to a text cell that a spreadsheet would run as a formula.
        public var neutralise = true
        /// Write "don't know" and "refused" as empty cells instead of their codes.
        public var missingEmpty = false
        /// Write LF as U+001E and CR as U+001D inside texts (the SPSS data file).
        public var lineBreaksAsControls = false
        /// End rows with CRLF (RFC 4180), else LF.
        public var crlf = true
        public init() {}
    }

    public let layout: ExportLayout
    public let options: Options
    /// The longest text written so far in each column, in bytes (0 for numeric columns).
    public private(set) var widths: [Int]
    private var scratch: [UInt8] = []
    /// Per column, in plain values (no reference counting in the row loop): its source,
    /// and where its missing cells are in `missingBytes` (empty range: none).
    private let sources: [ExportLayout.Source]
    private let missingRanges: [MissingRanges]
    private let missingBytes: [UInt8]

    struct MissingRanges {
        var dk: Range<Int>
        var refused: Range<Int>
    }

    public init(layout: ExportLayout, options: Options) {
        self.layout = layout
        self.options = options
        widths = Array(repeating: 0, count: layout.columns.count)
        scratch.reserveCapacity(1024)
        sources = layout.columns.map(\.source)
        var bytes: [UInt8] = []
        var ranges: [MissingRanges] = []
        for column in layout.columns {
            func add(_ cell: String?) -> Range<Int> {
                let start = bytes.count
                if let cell, !options.missingEmpty { bytes.append(contentsOf: cell.utf8) }
                return start..<bytes.count
            }
            ranges.append(MissingRanges(dk: add(column.missing?.dk), refused: add(column.missing?.refused)))
        }
        missingRanges = ranges
        missingBytes = bytes
    }

    public mutating func writeHeader(into out: inout [UInt8]) {
        for (i, column) in layout.columns.enumerated() {
            if i > 0 { out.append(options.delimiter) }
            writeText(Array(column.name.utf8), column: nil, into: &out)
        }
        endRow(into: &out)
    }

    public mutating func writeRow(_ row: RecordRow, line: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        for c in 0..<sources.count {
            if c > 0 { out.append(options.delimiter) }
            switch sources[c] {
            case .field(let f): writeValue(row.fields[f], line, column: c, into: &out)
            case .answer(let slot): writeValue(row.answers[slot], line, column: c, into: &out)
            case .multiCode(let slot, let code):
                let raw = row.answers[slot]
                switch raw.kind {
                case .array: out.append(DelimitedRowWriter.contains(line, raw, code) ? 0x31 : 0x30)
                case .dk, .refused: writeMissing(raw.kind, column: c, into: &out)
                default: break
                }
            case .multiBits(let slot, let length):
                writeBits(row.answers[slot], line, length: length, missing: layout.columns[c].missing, column: c, into: &out)
            case .secondsTotal: DelimitedRowWriter.appendDecimal(row.secondsTotal, into: &out)
            case .notesCount: DelimitedRowWriter.appendInt(row.notesCount, into: &out)
            case .seconds(let q):
                let raw = row.seconds[q]
                if raw.kind == .number { append(line, raw.start, raw.end, into: &out) }
            }
        }
        endRow(into: &out)
    }

    func endRow(into out: inout [UInt8]) {
        if options.crlf { out.append(0x0D) }
        out.append(0x0A)
    }

    private mutating func writeValue(_ raw: RecordRow.Raw, _ line: UnsafeBufferPointer<UInt8>, column: Int,
                                     into out: inout [UInt8]) {
        switch raw.kind {
        case .absent, .null: break
        case .number: append(line, raw.start, raw.end, into: &out)
        case .yes: out.append(0x31)
        case .no: out.append(0x30)
        case .dk, .refused: writeMissing(raw.kind, column: column, into: &out)
        case .string:
            if raw.escaped {
                scratch.removeAll(keepingCapacity: true)
                JSONStringDecoder.decode(line, raw.start, raw.end, into: &scratch)
                let text = scratch
                writeText(text, column: column, into: &out)
            } else {
                writeText(UnsafeBufferPointer(rebasing: line[raw.start..<raw.end]), column: column, into: &out)
            }
        case .array, .object:
            // Not a value this variable holds (a record of another questionnaire version):
            // written as its JSON text, so nothing is lost silently.
            writeText(UnsafeBufferPointer(rebasing: line[raw.start..<raw.end]), column: column, into: &out)
        }
    }

    private func writeMissing(_ kind: RecordRow.Raw.Kind, column: Int, into out: inout [UInt8]) {
        let range = kind == .dk ? missingRanges[column].dk : missingRanges[column].refused
        if !range.isEmpty { out.append(contentsOf: missingBytes[range]) }
    }

    private mutating func writeBits(_ raw: RecordRow.Raw, _ line: UnsafeBufferPointer<UInt8>, length: Int,
                                    missing: MissingCodes?, column: Int, into out: inout [UInt8]) {
        var on: Set<Int> = []
        switch raw.kind {
        case .array: DelimitedRowWriter.forEachInt(line, raw) { on.insert($0) }
        case .dk: if !options.missingEmpty, let code = missing?.dkCode { on.insert(code) } else { return }
        case .refused: if !options.missingEmpty, let code = missing?.refusedCode { on.insert(code) } else { return }
        default: return
        }
        for code in 1...max(1, length) { out.append(on.contains(code) ? 0x31 : 0x30) }
        widths[column] = max(widths[column], length)
    }

    /// A text cell: neutralised, then quoted when it must be.
    mutating func writeText(_ text: UnsafeBufferPointer<UInt8>, column: Int?, into out: inout [UInt8]) {
        let prefix = options.neutralise && FormulaNeutraliser.needsPrefix(text)
        var special = false
        for b in text where b == options.delimiter || b == 0x22 || b == 0x0A || b == 0x0D {
            special = true
            break
        }
        if let column { widths[column] = max(widths[column], text.count + (prefix ? 1 : 0)) }
        guard special else {
            if prefix { out.append(FormulaNeutraliser.prefix) }
            out.append(contentsOf: text)
            return
        }
        let needsQuotes = !options.lineBreaksAsControls || text.contains(0x22) || text.contains(options.delimiter)
        if needsQuotes { out.append(0x22) }
        if prefix { out.append(FormulaNeutraliser.prefix) }
        for b in text {
            switch b {
            case 0x22: out.append(0x22); out.append(0x22)
            case 0x0A where options.lineBreaksAsControls: out.append(0x1E)
            case 0x0D where options.lineBreaksAsControls: out.append(0x1D)
            default: out.append(b)
            }
        }
        if needsQuotes { out.append(0x22) }
    }

    mutating func writeText(_ text: [UInt8], column: Int?, into out: inout [UInt8]) {
        text.withUnsafeBufferPointer { writeText($0, column: column, into: &out) }
    }

    private func append(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: line[start..<end]))
    }

    static func contains(_ line: UnsafeBufferPointer<UInt8>, _ raw: RecordRow.Raw, _ code: Int) -> Bool {
        var found = false
        forEachInt(line, raw) { if $0 == code { found = true } }
        return found
    }

    /// Each integer of a JSON array of integers.
    static func forEachInt(_ line: UnsafeBufferPointer<UInt8>, _ raw: RecordRow.Raw, _ body: (Int) -> Void) {
        var i = raw.start
        var value = 0, negative = false, inNumber = false
        while i < raw.end {
            let b = line[i]
            if b >= 0x30 && b <= 0x39 {
                value = value * 10 + Int(b - 0x30)
                inNumber = true
            } else if b == UInt8(ascii: "-") {
                negative = true
            } else {
                if inNumber { body(negative ? -value : value) }
                value = 0; negative = false; inNumber = false
            }
            i += 1
        }
    }

    static func appendInt(_ n: Int, into out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")); appendInt(-n, into: &out); return }
        if n >= 10 { appendInt(n / 10, into: &out) }
        out.append(UInt8(0x30 + n % 10))
    }

    /// A non-negative sum of seconds, to the tenth (as the engine rounds each one).
    static func appendDecimal(_ x: Double, into out: inout [UInt8]) {
        let tenths = Int((x * 10).rounded())
        appendInt(tenths / 10, into: &out)
        if tenths % 10 != 0 { out.append(UInt8(ascii: ".")); out.append(UInt8(0x30 + tenths % 10)) }
    }
}

extension DelimitedRowWriter {
    /// One row of plain text cells (the codebook's CSV), with the same quoting and
    /// neutralising as the data.
    public static func textRow(_ cells: [String], options: Options) -> [UInt8] {
        let layout = ExportLayout.empty
        var writer = DelimitedRowWriter(layout: layout, options: options)
        var out: [UInt8] = []
        for (i, cell) in cells.enumerated() {
            if i > 0 { out.append(options.delimiter) }
            writer.writeText(Array(cell.utf8), column: nil, into: &out)
        }
        writer.endRow(into: &out)
        return out
    }
}

import CatiCore
import Foundation

/// The sample file as RFC 4180 CSV: id → column → cell.
struct SampleCSV {
    var rows: [String: [String: String]] = [:]

    init(_ path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var records: [[String]] = []
        var field = "", record: [String] = [], quoted = false, afterQuote = false
        for c in text {
            if quoted {
                if c == "\"" { quoted = false; afterQuote = true } else { field.append(c) }
                continue
            }
            switch c {
            case "\"": if afterQuote { field.append("\"") }; quoted = true; afterQuote = false
            case ",": record.append(field); field = ""; afterQuote = false
            case "\n", "\r\n": record.append(field); records.append(record); field = ""; record = []; afterQuote = false
            default: field.append(c); afterQuote = false
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        let header = records.removeFirst()
        for row in records where row.count == header.count {
            rows[row[0]] = Dictionary(uniqueKeysWithValues: zip(header, row))
        }
    }
}

/// cc_parma.cati's routing and validation, written out by hand from the file.
struct CcParmaRules {
    let sha256: String
    let sample: SampleCSV

    /// data.md's keys in its order, with `login` and `identity` after `interviewer`
    /// (docs/data-folder.md).
    static let topKeys = ["survey", "version", "questionnaire_sha256", "id", "respondent", "interviewer", "login",
                          "identity", "status", "started", "finished", "answers", "quota_cells", "paradata"]
    /// Every variable in the order of the file (the order of the path); `motivo_other` follows `motivo`.
    static let pathOrder = ["consenso", "tipo", "ragione", "eta", "motivo", "motivo_other", "canali", "chiamate",
                            "attesa", "cortesia", "competenza", "chiarezza", "risoluzione", "orari", "accesso", "voto",
                            "perche", "insoddisfatto", "media", "risolto", "consiglia", "suggerimenti", "sesso",
                            "studio", "residenza", "comune", "sede"]
    static let grid = ["attesa", "cortesia", "competenza", "chiarezza", "risoluzione", "orari", "accesso"]
    static let tipoNames = [1: "privato", 2: "azienda", 3: "ente"]
    static let motivoNames = [1: "anagrafe", 2: "tributi", 3: "scuola", 4: "sociale", 5: "mobilita", 6: "edilizia",
                              7: "ambiente", 8: "generali", 9: "altro"]
    static let cellTargets: [String: Int] = [
        "1,1": 180, "1,2": 140, "1,3": 110, "1,4": 70, "1,5": 100, "1,6": 40, "1,7": 80, "1,8": 50, "1,9": 30,
        "2,1": 15, "2,2": 70, "2,3": 5, "2,4": 5, "2,5": 40, "2,6": 60, "2,7": 35, "2,8": 10, "2,9": 10, "ente,*": 150,
    ]
    static let warnHighVoto = "Voto complessivo molto alto ma tempo di attesa giudicato pessimo:"
    static let warnLowVoto = "Voto complessivo molto basso ma cortesia giudicata ottima:"

    func problems(_ record: JSON) -> [String] {
        var out: [String] = []
        func fail(_ s: String) { out.append(s) }
        let keys = record.objectMembers?.map(\.0) ?? []
        if Array(keys.prefix(Self.topKeys.count)) != Self.topKeys { fail("keys \(keys)") }
        if !keys.contains("simulated") || record["simulated"] != .bool(true) { fail("not \"simulated\": true") }
        if record["survey"]?.stringValue != "cc_parma" { fail("survey") }
        if record["version"] != .int(1) { fail("version") }
        if record["questionnaire_sha256"]?.stringValue != sha256 { fail("questionnaire_sha256 \(record["questionnaire_sha256"]?.serialized ?? "-")") }
        if record["interviewer"]?.stringValue != "simulator" { fail("interviewer") }
        if record["identity"]?.stringValue != "declared" { fail("identity: simulate's name is declared") }
        if (record["login"]?.stringValue ?? "").isEmpty { fail("login") }
        let id = record["id"]?.stringValue ?? ""
        if id.wholeMatch(of: #/[0-9A-HJKMNP-TV-Z]{26}/#) == nil { fail("id \(id)") }
        let started = record["started"]?.stringValue ?? "", finished = record["finished"]?.stringValue ?? ""
        for stamp in [started, finished] where stamp.wholeMatch(of: #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/#) == nil {
            fail("timestamp \(stamp)")
        }
        if finished < started { fail("finished \(finished) before started \(started)") }
        let status = record["status"]?.stringValue ?? ""
        if !["complete", "screened-out", "over-quota"].contains(status) { fail("status \(status)") }

        guard let members = record["answers"]?.objectMembers else { return out + ["no answers object"] }
        let a = Dictionary(members, uniquingKeysWith: { x, _ in x })
        let names = members.map(\.0)
        let positions = names.map { Self.pathOrder.firstIndex(of: $0) ?? -1 }
        if positions.contains(-1) || positions != positions.sorted() || Set(names).count != names.count {
            fail("answers not in path order or unknown: \(names)")
        }

        // The sample row: respondent, and the preloaded tipo/motivo (`preload`: asked
        // only when the cell is empty; a preloaded `altro` has no specification).
        let respondent = record["respondent"]?.stringValue ?? ""
        let motivoPreloaded = !(sample.rows[respondent]?["motivo"] ?? "").isEmpty
        if let row = sample.rows[respondent] {
            let codeOf: (String, [Int: String]) -> Int? = { cell, names in
                Int(cell) ?? names.first { $0.value == cell }?.key
            }
            if let cell = row["tipo"], !cell.isEmpty, let t = a["tipo"], t.intValue != codeOf(cell, Self.tipoNames) {
                fail("tipo \(t.serialized) but the sample says \(cell)")
            }
            if let cell = row["motivo"], !cell.isEmpty, let m = a["motivo"], m.intValue != codeOf(cell, Self.motivoNames) {
                fail("motivo \(m.serialized) but the sample says \(cell)")
            }
        } else {
            fail("respondent \(record["respondent"]?.serialized ?? "-") is not in the sample")
        }

        func code(_ name: String) -> Int? { if case .int(let i)? = a[name] { return i } else { return nil } }
        func isMissing(_ name: String, _ kind: String) -> Bool { a[name] == .object([("missing", .string(kind))]) }
        func codeIn(_ name: String, _ range: ClosedRange<Int>, dk: Bool = false, refused: Bool = false) {
            guard let value = a[name] else { return }
            if let c = code(name), range.contains(c) { return }
            if dk, isMissing(name, "dk") { return }
            if refused, isMissing(name, "refused") { return }
            fail("\(name) = \(value.serialized)")
        }
        func text(_ name: String, max: Int, dk: Bool = false, refused: Bool = false) {
            guard let value = a[name] else { return }
            if let s = value.stringValue, !s.isEmpty, s.count <= max { return }
            if dk, isMissing(name, "dk") { return }
            if refused, isMissing(name, "refused") { return }
            fail("\(name) = \(value.serialized)")
        }
        func present(_ name: String, iff condition: Bool, _ why: String) {
            if (a[name] != nil) != condition { fail("\(name) \(a[name] == nil ? "absent" : "present") but \(why)") }
        }

        // Value domains, whatever the status.
        codeIn("consenso", 1...2)
        codeIn("tipo", 1...3)
        text("ragione", max: 120, refused: true)
        codeIn("eta", 1...5, refused: true)
        codeIn("motivo", 1...9)
        text("motivo_other", max: 10_000)
        codeIn("chiamate", 1...99, dk: true)
        for item in Self.grid { codeIn(item, 1...10, dk: true) }
        codeIn("voto", 1...10, dk: true)
        text("perche", max: 300, dk: true, refused: true)
        codeIn("risolto", 1...3)
        codeIn("consiglia", 1...4, dk: true)
        text("suggerimenti", max: 300)
        codeIn("sesso", 1...2)
        codeIn("studio", 1...4, refused: true)
        codeIn("residenza", 1...2)
        text("comune", max: 60, refused: true)
        codeIn("sede", 1...2)
        if let canali = a["canali"] {
            let codes = canali.arrayValue?.compactMap { j -> Int? in if case .int(let i) = j { return i } else { return nil } } ?? []
            if codes.isEmpty || codes.count != canali.arrayValue?.count || codes != codes.sorted() || Set(codes).count != codes.count
                || !codes.allSatisfy({ (1...4).contains($0) }) {
                fail("canali = \(canali.serialized)")
            }
        }

        // Routing that holds on any path, finished or cut short.
        let tipo = code("tipo"), motivo = code("motivo"), voto = code("voto")
        if a["ragione"] != nil, ![2, 3].contains(tipo) { fail("ragione with tipo \(tipo.map(String.init) ?? "-")") }
        if a["eta"] != nil, tipo != 1 { fail("eta with tipo \(tipo.map(String.init) ?? "-")") }
        if a["motivo_other"] != nil, motivo != 9 || motivoPreloaded {
            fail("motivo_other with motivo \(motivo.map(String.init) ?? "-")\(motivoPreloaded ? " from the sample" : "")")
        }
        let telefono = a["canali"]?.arrayValue?.contains(.int(1)) == true
        if a["chiamate"] != nil, !telefono { fail("chiamate without telefono in canali") }
        if a["perche"] != nil, !(voto.map { $0 <= 5 } ?? false) { fail("perche with voto \(a["voto"]?.serialized ?? "-")") }
        if let consenso = code("consenso"), consenso == 2, status != "screened-out" { fail("consenso no, status \(status)") }

        switch status {
        case "screened-out":
            if code("consenso") != 2 { fail("screened-out without consenso = no") }
            if names.first != "consenso" || !Set(names.dropFirst()).isSubset(of: ["tipo", "motivo"]) {
                fail("screened-out with \(names)")
            }
            if a["tipo"] != nil || a["motivo"] != nil { /* preloaded values are allowed */ }
        case "over-quota":
            // Quotas are checked as soon as tipo (per_tipo) or tipo and motivo have values:
            // before canali; only the opening questions can have been asked.
            if let c = code("consenso"), c != 1 { fail("over-quota after consenso \(c)") }
            let allowed: Set<String> = ["consenso", "tipo", "ragione", "eta", "motivo", "motivo_other"]
            if !Set(names).isSubset(of: allowed) { fail("over-quota with \(names)") }
            if a["tipo"] == nil && !names.isEmpty { fail("over-quota with no tipo: \(names)") }
        case "complete":
            for name in ["consenso", "tipo", "motivo", "canali", "voto", "insoddisfatto", "risolto", "consiglia", "sesso"]
                + Self.grid where a[name] == nil {
                fail("complete without \(name)")
            }
            if code("consenso") != 1 { fail("complete with consenso \(a["consenso"]?.serialized ?? "-")") }
            present("ragione", iff: [2, 3].contains(tipo), "tipo \(tipo ?? 0)")
            present("eta", iff: tipo == 1, "tipo \(tipo ?? 0)")
            present("motivo_other", iff: motivo == 9 && !motivoPreloaded, "motivo \(motivo ?? 0), preloaded: \(motivoPreloaded)")
            present("chiamate", iff: telefono, "canali \(a["canali"]?.serialized ?? "-")")
            present("perche", iff: voto.map { $0 <= 5 } ?? false, "voto \(a["voto"]?.serialized ?? "-")")
            if let voto {
                if a["insoddisfatto"] != .bool(voto <= 5) { fail("insoddisfatto \(a["insoddisfatto"]?.serialized ?? "-") with voto \(voto)") }
            } else if a["insoddisfatto"] != .bool(false) {
                fail("insoddisfatto \(a["insoddisfatto"]?.serialized ?? "-") with voto dk: false expected")
            }
            let marks = Self.grid.compactMap(code)
            present("media", iff: marks.count == 7, "grid \(Self.grid.map { a[$0]?.serialized ?? "-" })")
            if marks.count == 7, let media = a["media"]?.doubleValue,
               abs(media - Double(marks.reduce(0, +)) / 7) > 1e-9 {
                fail("media \(media), marks \(marks)")
            }
            present("studio", iff: tipo == 1, "tipo \(tipo ?? 0)")
            present("residenza", iff: tipo == 1, "tipo \(tipo ?? 0)")
            present("comune", iff: tipo == 1 && code("residenza") == 2, "residenza \(a["residenza"]?.serialized ?? "-")")
            present("sede", iff: tipo != 1, "tipo \(tipo ?? 0)")
            // quota_cells with code names.
            if let tipo, let motivo, let tipoName = Self.tipoNames[tipo], let motivoName = Self.motivoNames[motivo] {
                let cell = tipo == 3 ? "ente,*" : "\(tipoName),\(motivoName)"
                let expected = #"{"tipo_motivo":"\#(cell)","per_tipo":"\#(tipoName)"}"#
                if record["quota_cells"]?.serialized != expected {
                    fail("quota_cells \(record["quota_cells"]?.serialized ?? "absent"), expected \(expected)")
                }
            }
            // Warnings raised on the final answers were confirmed; others were not recorded.
            let confirmed = record["paradata"]?["warnings_confirmed"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let attesa = code("attesa"), cortesia = code("cortesia")
            let high = voto != nil && attesa != nil && voto! >= 9 && attesa! <= 3
            let low = voto != nil && cortesia != nil && voto! <= 3 && cortesia! >= 9
            if confirmed.contains(where: { $0.hasPrefix(Self.warnHighVoto) }) != high { fail("warning (voto alto) \(confirmed)") }
            if confirmed.contains(where: { $0.hasPrefix(Self.warnLowVoto) }) != low { fail("warning (voto basso) \(confirmed)") }
            // The grid was rotated: its shown order is a permutation of the items.
            let order = record["paradata"]?["order"]?["aspetti"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if order.sorted() != Self.grid.sorted() { fail("paradata.order.aspetti \(order)") }
        default:
            break
        }
        if status != "complete", record["quota_cells"] == nil { fail("no quota_cells object") }
        return out
    }
}

// libFuzzer entry points for the questionnaire checker and the record readers. Built
// by fuzz/run with `swiftc -sanitize=fuzzer,address` together with the CatiCore sources.

/// Any bytes as a questionnaire: the checker must never crash or hang, and every
/// diagnostic must point inside the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if bytes.first == 0x7B { // '{': also fuzz the JSON record parser
        if let json = JSONParser.parse(bytes) {
            let again = JSONParser.parse(json.serialized)
            precondition(again == json, "JSON round trip changed the value")
        }
        return 0
    }
    if bytes.starts(with: Array("translation".utf8)) { // also fuzz the translation checker
        let source = SourceText(bytes: bytes)
        let result = TranslationChecker.check(source, for: translated, file: "t.en.cati")
        for d in result.diagnostics {
            precondition(d.location.line >= 1 && d.location.line <= source.lines.count + 1, "line outside the file")
        }
        if result.translation != nil, let t = result.translation {
            var q = translated
            q.add(t)
            _ = q.translated(to: t.language)
        }
        return 0
    }
    let source = SourceText(bytes: bytes)
    let result = QuestionnaireChecker.check(source)
    let lines = source.lines.count
    for d in result.diagnostics {
        precondition(d.location.line >= 1 && d.location.line <= lines + 1, "diagnostic line outside the file")
        precondition(d.location.column >= 1, "diagnostic column below 1")
    }
    if result.questionnaire == nil {
        precondition(result.diagnostics.contains { $0.severity == .error }, "rejected without an error")
    }
    if let q = result.questionnaire { // loops: every round's variables exist, named by code
        for loop in q.loops {
            for round in loop.rounds {
                for name in loop.bodyNames {
                    precondition(q.variable(named: LoopInfo.roundName(name, code: round.code)) != nil,
                                 "a loop round without its variable")
                }
            }
        }
    }
    return 0
}

/// The questionnaire fuzzed translations are checked against.
let translated: Questionnaire = QuestionnaireChecker.check("""
    survey t "T"
    language it
    info intro "Buongiorno, {interviewer}." instruction "LEGGERE"
    single q "Quale?"
      1 a "Uno" instruction "IL PRIMO"
      9 x "Altro" other
    grid g "Voti." scale 1..5
      speed "Velocità"
    scale v "Voto?" 1..10
      1 "Pessimo"
    terminate "Grazie, {q}." if q = a
    warn v >= 9 "Controllare {v}."
    multi m "Quali?"
      1 "Primo"
      2 "Secondo"
    loop giro over m
      scale w "Voto a {giro}?" 1..10
      warn w = 1 "Proprio {w} a {giro}?"
    end
    info fine "Fine: {q} ({q_other}), {w_1}."
    """).questionnaire!

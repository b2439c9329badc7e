import CatiCore
import CatiStore
import Foundation
import Testing

/// calls.jsonl: appends, a damaged or torn line skipped with a warning and every other
/// line kept, incremental reads; the desk's attempt numbering, final cases, a sample row
/// reused for another person, quota-filled closing.
extension StoreTests {
    @Suite struct CallLogTests {
        static let t0 = Timestamp.parse("2026-11-30T10:00:00Z")!

        func attempt(_ id: String, _ n: Int, _ o: CallOutcome, at minutes: Double = 0) -> CallAttempt {
            CallAttempt(caseID: id, attempt: n, interviewer: "maria", at: Self.t0 + minutes * 60, outcome: o)
        }

        @Test func attemptsComeBackInOrderAndReadsGoOnFromWhereTheyStopped() throws {
            let test = try TestFolder("calls")
            try test.folder.prepare()
            let log = CallLog(folder: test.folder)
            try log.append([attempt("R1", 1, .noAnswer), attempt("R2", 1, .busy)])
            let first = try log.read()
            #expect(first.attempts.map(\.caseID) == ["R1", "R2"])
            try log.append([attempt("R1", 2, .complete, at: 130)])
            let next = try log.read(from: first.position)
            #expect(next.attempts == [attempt("R1", 2, .complete, at: 130)])
            #expect(next.position.line == 4)
            let text = String(decoding: test.bytes(log.path), as: UTF8.self)
            #expect(text.split(separator: "\n").count == 3)
            #expect(text.hasSuffix("\n"))
        }

        @Test func aDamagedLineIsSkippedWithItsLineNumberAndATornTailGetsItsOwnLine() throws {
            let test = try TestFolder("calls-damaged")
            try test.folder.prepare()
            let log = CallLog(folder: test.folder)
            let good = attempt("R1", 1, .noAnswer).line
            let unknown = good.replacingOccurrences(of: "no-answer", with: "perhaps")
            try test.write(log.path, Array((good + "\nnot json\n" + unknown + "\n{\"case\":\"R2\",\"att").utf8))
            let read = try log.read()
            #expect(read.attempts.map(\.caseID) == ["R1"])
            #expect(read.skipped.map(\.description) == [
                "\(log.path):2: warning: not a JSON record; line skipped",
                "\(log.path):3: warning: unknown outcome 'perhaps'; line skipped",
                "\(log.path):4: warning: torn last line (no newline at the end); line skipped",
            ])
            // The next append starts on a fresh line: the torn one stays damaged, the new one reads.
            try log.append([attempt("R2", 1, .busy)])
            let again = try log.read(from: read.position)
            #expect(again.attempts.map(\.caseID) == ["R2"])
            #expect(again.skipped.map(\.line) == [4])
        }

        static let questionnaire = """
        survey coda "Coda"
        single tipo "Tipo" preload
          1 privato "Privato"
          2 azienda "Azienda"
        quota per_tipo by tipo
          privato: 5
          azienda: 0
        end
        """

        func desk(_ test: TestFolder, sample csv: String, settings: FieldworkSettings = FieldworkSettings()) throws -> CallDesk {
            let q = try #require(QuestionnaireChecker.check(Self.questionnaire).questionnaire)
            let sample = try SampleFile.parse(csv, for: q, file: "s.csv")
            return try CallDesk(questionnaire: q, store: try test.store(), sample: sample, sampleName: "s.csv", settings: settings)
        }

        /// An appointment due waits its grace period for the interviewer who made it only
        /// while that interviewer is working (a call in the last half hour, or an
        /// interview held); otherwise anyone gets it as soon as it is due.
        @Test func aDueAppointmentWaitsForItsMakerOnlyWhileTheMakerIsWorking() throws {
            let test = try TestFolder("desk-grace")
            let desk = try desk(test, sample: "id,name,phone,tipo\nA,Anna,1,privato\nC,Carla,3,privato\nD,Dario,4,privato\n")
            guard case .taken(let a) = try desk.next(interviewer: "maria", now: Self.t0) else {
                Issue.record("nothing offered"); return
            }
            #expect(a.caseID == "A")
            let at = Self.t0 + 3600
            try desk.record(.appointment, on: "A", interviewer: "maria", now: Self.t0, appointment: at)
            a.claim.release()
            // Due, maria called 60 minutes ago and holds nothing: not working, luca gets A.
            guard case .taken(let forLuca) = try desk.next(interviewer: "luca", now: at + 60) else {
                Issue.record("nothing offered"); return
            }
            #expect(forLuca.caseID == "A", "the appointment goes to anyone when its maker is not working")
            forLuca.claim.release()
            // maria is working (a call a minute ago): within the grace, A waits for her.
            guard case .taken(let c) = try desk.next(interviewer: "maria", now: at) else { Issue.record("nothing"); return }
            #expect(c.caseID == "A", "maria's own appointment is offered to maria")
            try desk.record(.noAnswer, on: "C", interviewer: "maria", now: at)
            c.claim.release()
            guard case .taken(let other) = try desk.next(interviewer: "luca", now: at + 120) else {
                Issue.record("nothing offered"); return
            }
            #expect(other.caseID == "D", "while maria works, her appointment waits for her during the grace period")
            other.claim.release()
        }

        @Test func theDeskNumbersAttemptsClosesAtTheLimitAndClosesFullCells() throws {
            let test = try TestFolder("desk")
            var settings = FieldworkSettings()
            settings.maxAttempts = 2
            let desk = try desk(test, sample: "id,name,phone,tipo\nA,Anna,1,privato\nB,Bruno,2,azienda\nC,Carla,3,privato\n",
                                settings: settings)
            guard case .taken(let first) = try desk.next(interviewer: "maria", now: Self.t0) else {
                Issue.record("nothing offered"); return
            }
            // B is in a cell with target 0: closed as quota-filled, never offered.
            #expect(first.caseID == "A")
            #expect(desk.book.state(of: "B")?.last?.outcome == .quotaFilled)
            #expect(desk.book.state(of: "B")?.last?.final == true)
            try desk.record(.busy, on: "A", interviewer: "maria", now: Self.t0)
            first.claim.release()
            let later = Self.t0 + 16 * 60
            guard case .taken(let second) = try desk.next(interviewer: "maria", now: later) else {
                Issue.record("nothing offered"); return
            }
            #expect(second.caseID == "A", "its busy delay has passed: a retry goes before fresh C")
            let closing = try desk.record(.noAnswer, on: "A", interviewer: "maria", now: later)
            second.claim.release()
            #expect(closing.attempt == 2)
            #expect(closing.final, "the second attempt reaches the limit of 2")
            #expect(try desk.take(named: "A").failure == .final(.noAnswer))
            let lines = try CallLog(folder: test.folder).read().attempts
            #expect(lines.map { "\($0.caseID)\($0.attempt) \($0.outcome.rawValue)" }
                    == ["B1 quota-filled", "A1 busy", "A2 no-answer"])
        }

        @Test func anInterviewSavedWithoutItsAttemptGetsItOnce() throws {
            let test = try TestFolder("desk-recover")
            try test.folder.prepare()
            // A process saved this interview, then died before appending its attempt.
            let record = #"{"survey":"coda","id":"01INTERVIEW","respondent":"A","interviewer":"luca","status":"screened-out","#
                + #""started":"2026-11-30T10:00:00Z","finished":"2026-11-30T10:05:00Z","answers":{},"outcome":"refusal-hard"}"#
            try test.write(test.interviews, Array((record + "\n").utf8))
            let csv = "id,name,phone,tipo\nA,Anna,1,privato\nB,Bruno,2,privato\n"
            _ = try desk(test, sample: csv)
            _ = try desk(test, sample: csv)      // a second start finds it done
            let attempts = try CallLog(folder: test.folder).read().attempts
            #expect(attempts.count == 1)
            // The login beside the interviewer is the recording process's (docs/logins.md).
            let login = String(cString: getpwuid(geteuid())!.pointee.pw_name)
            #expect(attempts.first?.line.hasPrefix(#"{"case":"A","attempt":1,"interviewer":"luca","login":"\#(login)","at":"2026-11-30T10:05:00Z","outcome":"refusal-hard","aapor":"2.112","final":true,"appointment":null,"interview":"01INTERVIEW","note":"recovered"#) == true,
                    "\(attempts.first?.line ?? "none")")
        }

        @Test func aSampleRowReusedForAnotherPersonIsReportedAndNotCalled() throws {
            let test = try TestFolder("desk-changed")
            let first = try desk(test, sample: "id,name,phone,tipo\nA,Anna,0521 1,privato\nB,Bruno,0521 2,privato\n")
            try first.record(.noAnswer, on: "A", interviewer: "maria", now: Self.t0)
            let second = try desk(test, sample: "id,name,phone,tipo\nA,Alberto Neri,0521 9,privato\nB,Bruno,0521 2,privato\n")
            #expect(second.warnings == ["s.csv:2: warning: case 'A' is in calls.jsonl with another name or phone; "
                                        + "its calls are kept as they were and the case is not offered"])
            guard case .taken(let t) = try second.next(interviewer: "maria", now: Self.t0 + 86_400) else {
                Issue.record("nothing offered"); return
            }
            #expect(t.caseID == "B")
            #expect(second.book.state(of: "A")?.attempts == 1)
        }
    }
}

extension Result {
    var failure: Failure? { if case .failure(let f) = self { return f } else { return nil } }
}

import CatiCore
import Testing

/// `cati export --pseudonymise` / `--include-personal` on one record line.
struct RecordPrivacyTests {
    static let line = #"{"survey":"s","version":1,"questionnaire_sha256":"ab","id":"01J","respondent":"R7","interviewer":"maria","login":"maria","identity":"login","status":"complete","answers":{"id":3,"voto":8},"paradata":{"notes":[{"at":"voto","text":"\"id\":\"x\""}]}}"#

    func rewrite(_ privacy: RecordPrivacy, _ line: String = line) -> JSON? {
        let bytes = Array(line.utf8)
        let out = bytes.withUnsafeBufferPointer { privacy.rewrite($0) }
        return out.flatMap { JSONParser.parseObject($0) }
    }

    @Test func idsBecomeKeyedHashesAndNothingElseChanges() throws {
        let key = Array("0123456789abcdef".utf8)
        let json = try #require(rewrite(RecordPrivacy(pseudonymKey: key)))
        #expect(json["id"]?.stringValue == RecordPrivacy.pseudonym("01J", field: "id", key: key))
        #expect(json["respondent"]?.stringValue == RecordPrivacy.pseudonym("R7", field: "respondent", key: key))
        #expect(json["interviewer"]?.stringValue == RecordPrivacy.pseudonym("maria", field: "interviewer", key: key))
        #expect(json["login"]?.stringValue == json["interviewer"]?.stringValue, "the login is the interviewer's pseudonym")
        #expect(json["answers"]?["id"]?.intValue == 3, "a variable named id is an answer, not the record's id")
        #expect(json["paradata"]?["notes"]?.arrayValue?.first?["text"]?.stringValue == "\"id\":\"x\"")
        #expect(json["respondent"]?.stringValue?.count == 16)
        // Another key, other pseudonyms; the same key, the same.
        #expect(rewrite(RecordPrivacy(pseudonymKey: Array("another key 1234".utf8)))?["respondent"] != json["respondent"])
        #expect(rewrite(RecordPrivacy(pseudonymKey: key))?["respondent"] == json["respondent"])
    }

    @Test func personalColumnsGoFirstInTheAnswersOfTheirCaseOnly() throws {
        let privacy = RecordPrivacy(personal: ["R7": [("name", .string("Maria \"Mimì\" Rossi")), ("phone", .string("0521 1"))]])
        let json = try #require(rewrite(privacy))
        #expect(json["answers"]?.objectMembers?.map(\.0) == ["name", "phone", "id", "voto"])
        #expect(json["answers"]?["name"]?.stringValue == "Maria \"Mimì\" Rossi")
        #expect(json["id"]?.stringValue == "01J")
        let other = Self.line.replacingOccurrences(of: "\"R7\"", with: "\"R8\"")
        #expect(rewrite(privacy, other) == nil, "a case without personal data is exported as stored")
        let empty = Self.line.replacingOccurrences(of: "{\"id\":3,\"voto\":8}", with: "{}")
        #expect(rewrite(privacy, empty)?["answers"]?.objectMembers?.map(\.0) == ["name", "phone"])
    }
}

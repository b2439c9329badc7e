import CatiCore
import Testing

/// Roles and settings, without files.
struct AccessPolicyTests {
    let settings = SurveySettings(group: "cati_cc", supervisors: ["anna"], supervisorsGroup: "cati_sup")

    @Test func supervisorsAreListedOrInTheSupervisorsGroupEveryoneElseInterviews() {
        #expect(AccessPolicy.role(login: "anna", groups: ["cati_cc"], settings: settings) == .supervisor)
        #expect(AccessPolicy.role(login: "piero", groups: ["cati_cc", "cati_sup"], settings: settings) == .supervisor)
        #expect(AccessPolicy.role(login: "luca", groups: ["cati_cc"], settings: settings) == .interviewer)
        #expect(AccessPolicy.role(login: "luca", groups: [], settings: nil) == .supervisor, "a one-login folder")
    }

    @Test func anInterviewerIsRefusedWhatSupervisorsDoWithTheRoleNamed() {
        for permission in Permission.allCases {
            let refusal = AccessPolicy.refusal(permission, login: "luca", role: .interviewer, settings: settings)
            if [.interview, .simulate, .readQuotas].contains(permission) {
                #expect(refusal == nil, "\(permission)")
            } else {
                #expect(refusal?.hasPrefix("\(permission.command) needs the supervisor role: login 'luca'") == true,
                        "\(permission): \(refusal ?? "allowed")")
                #expect(refusal?.contains("anna, members of group cati_sup") == true)
            }
            #expect(AccessPolicy.refusal(permission, login: "anna", role: .supervisor, settings: settings) == nil)
        }
    }

    @Test func aDeclaredNameNeedsASharedAccountWhereThereAreSettings() {
        #expect(AccessPolicy.declaredNameRefusal("maria", login: "luca", settings: settings)?.contains("shared_account") == true)
        #expect(AccessPolicy.declaredNameRefusal("luca", login: "luca", settings: settings) == nil, "one's own login")
        var shared = settings
        shared.sharedAccount = true
        #expect(AccessPolicy.declaredNameRefusal("maria", login: "cc_desk", settings: shared) == nil)
        #expect(AccessPolicy.declaredNameRefusal("maria", login: "luca", settings: nil) == nil, "a one-login folder")
    }

    @Test func settingsRoundTripAndBadValuesAreNamed() throws {
        var s = SurveySettings()
        #expect(s.set("supervisors=anna,luca") == nil)
        #expect(s.set("group=cati_cc") == nil)
        #expect(s.set("shared_account=yes") == nil)
        #expect(s.set("shared_account=maybe")?.description == "shared_account is true or false, not 'maybe'")
        #expect(s.set("colour=red")?.description.hasPrefix("unknown setting 'colour'") == true)
        #expect(s.set("group=bad name") != nil)
        let back = try SurveySettings.parse(Array(s.json.serialized.utf8)).get()
        #expect(back == s)
        #expect(back.supervisors == ["anna", "luca"] && back.group == "cati_cc" && back.sharedAccount)
        if case .success = SurveySettings.parse(Array("{\"group\":1}".utf8)) { Issue.record("not a settings file") }
    }
}

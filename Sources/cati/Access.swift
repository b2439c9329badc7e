import CatiCore
import CatiStore

/// The one place where commands check roles and write the audit trail. A command
/// calls `require` before it reads or writes anything: a refusal names the role needed
/// and leaves the store as it was. A store that cannot be read (this login is not in
/// the survey's group) is an error too, never an empty survey.
enum Access {
    /// The person running this process, once allowed to do `permission` in `store`.
    @discardableResult
    static func require(_ permission: Permission, in store: any InterviewStore) throws -> Person {
        let person = Person.current
        let settings: SurveySettings?
        let role: Role
        do {
            settings = try store.surveySettings()
            role = try store.role(of: person)
        } catch let error as StoreError {
            throw UserError("cannot read the \(store.location) as login '\(person.login)': \(error)")
        }
        if let refusal = AccessPolicy.refusal(permission, login: person.login, role: role, settings: settings) {
            throw UserError(refusal)
        }
        return person
    }

    /// Appends to the audit trail (a store with settings keeps one); a failure is an
    /// error: a supervisor's action is not done unrecorded.
    static func audit(_ store: any InterviewStore, _ person: Person, _ action: AuditAction, survey: String,
                      _ detail: [(String, JSON)] = []) throws {
        do {
            try store.appendAudit(person.audit(action, survey: survey, detail))
        } catch let error as StoreError {
            throw UserError("cannot write the audit trail of the \(store.location): \(error); nothing was done")
        }
    }
}

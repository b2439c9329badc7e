import CatiCore
import Dispatch
import Foundation
import Testing
@testable import CatiStore

/// Promise 5 for the call desk's way of asking (`claimFirst(of:)`): the first case of
/// an ordered list that no other live process holds, many processes asking with the
/// same list at once getting different cases, a dead holder's cases coming back.
extension StoreTests.StoreContractTests {
    @Test(arguments: StoreBackends.all)
    func claimFirstTakesTheFirstCaseNobodyHoldsInTheOrderGiven(_ backend: any StoreBackend) throws {
        let under = try backend.makeStore()
        let a = try under.open(), b = try under.open()
        let offers = ["R3", "R1", "R2"]
        let first = try #require(try a.claimFirst(of: offers))
        #expect(first.caseID == "R3", "the first of the list, not the first by name")
        let second = try #require(try b.claimFirst(of: offers))
        #expect(second.caseID == "R1", "R3 is held: the next one")
        let named = try #require(try a.claim(case: "R2"), "a case claimFirst did not take is free for claim(case:)")
        #expect(try b.claimFirst(of: offers) == nil, "all three held")
        #expect(try b.takenCases().isSuperset(of: ["R1", "R2", "R3"]))
        first.release()
        #expect(try b.claimFirst(of: offers)?.caseID == "R3", "released, it is the first free again")
        #expect(try a.claimFirst(of: []) == nil)
        // An offer looked at and not taken is no claim: a supervisor's release does not know it.
        let fourth = try #require(try a.claimFirst(of: ["R4", "R5"]))
        #expect(fourth.caseID == "R4")
        #expect(throws: StoreError.unknownInterview("R5")) { _ = try b.release("R5") }
        fourth.release()
        second.release()
        named.release()
    }

    @Test(arguments: StoreBackends.all)
    func processesClaimingFirstOfTheSameCasesAtOnceGetEachCaseOnceAndADeadOnesComeBack(_ backend: any StoreBackend) throws {
        let under = try backend.makeStore()
        let offers = (1...10).map { "R\($0)" }
        let stores = try (0..<6).map { _ in try under.open() }
        let granted = QuotaGranted()
        let claims = (0..<stores.count).map { _ in ClaimList() }
        DispatchQueue.concurrentPerform(iterations: stores.count) { k in
            do {
                // Each process takes what it can until nothing is left for it (a case
                // given twice would show in `granted`; the bound stops a store that
                // keeps giving the same one).
                for _ in 0...offers.count {
                    guard let claim = try stores[k].claimFirst(of: offers) else { break }
                    granted.add(claim.caseID)
                    claims[k].claims.append(claim)
                }
            } catch { granted.fail("\(error)") }
        }
        #expect(granted.failures.isEmpty)
        #expect(granted.ids.sorted() == offers.sorted(), "every case taken, none twice")
        let late = try under.open()
        #expect(try late.claimFirst(of: offers) == nil, "every case held by a live process")

        let victim = try #require(claims.indices.max { claims[$0].claims.count < claims[$1].claims.count })
        let theirs = claims[victim].claims.map(\.caseID)
        under.kill(stores[victim], holding: [], claims: claims[victim].claims)
        var back: [String] = []
        for _ in 0...offers.count {
            guard let claim = try late.claimFirst(of: offers) else { break }
            back.append(claim.caseID)
        }
        #expect(back == offers.filter(theirs.contains), "the dead process's cases, in the order given, once each")
        for (k, list) in claims.enumerated() where k != victim { list.claims.forEach { $0.release() } }
    }

    /// Call desks of several processes asking at the same moment, with the same rules
    /// (so the same offers), each take a different case.
    @Test(arguments: StoreBackends.all)
    func callDesksAskingAtOnceTakeDifferentCases(_ backend: any StoreBackend) throws {
        let under = try backend.makeStore()
        let q = try #require(QuestionnaireChecker.check(StoreTests.CallLogTests.questionnaire).questionnaire)
        let rows = (1...8).map { "C\($0),Name\($0),\($0),privato" }
        let sample = try SampleFile.parse("id,name,phone,tipo\n" + rows.joined(separator: "\n") + "\n", for: q, file: "s.csv")
        let desks = try (0..<5).map { _ in
            try CallDesk(questionnaire: q, store: try under.open(), sample: sample, sampleName: "s.csv",
                         settings: FieldworkSettings())
        }
        let granted = QuotaGranted()
        let taken = (0..<desks.count).map { _ in ClaimList() }
        DispatchQueue.concurrentPerform(iterations: desks.count) { k in
            do {
                guard case .taken(let case_) = try desks[k].next(interviewer: "maria\(k)", now: StoreTests.CallLogTests.t0) else {
                    return granted.fail("desk \(k): nothing offered")
                }
                granted.add(case_.caseID)
                taken[k].claims.append(case_.claim)
            } catch { granted.fail("\(error)") }
        }
        #expect(granted.failures.isEmpty)
        #expect(granted.ids.count == desks.count)
        #expect(Set(granted.ids).count == desks.count, "no case taken twice: \(granted.ids.sorted())")
        #expect(Set(granted.ids) == Set(["C1", "C2", "C3", "C4", "C5"]), "the first five offers, in some order")
        for list in taken { list.claims.forEach { $0.release() } }
    }
}

final class ClaimList: @unchecked Sendable {
    var claims: [any CaseClaim] = []
}

import Foundation
import Testing
@testable import WarRoomEngine

/// A page that nobody answers needs attention once the contact's `ack_within` (five minutes
/// unless the runbook says otherwise) has run out; `ack` records the answer and clears it.
@Suite struct PageAcknowledgementTests {
    private func paged() throws -> Drill {
        var drill = try Drill()
        drill.ok(.declare(title: "x", severity: "SEV1"))
        drill.ok(.page(contact: "ic", target: .primary))
        return drill
    }

    @Test func anUnansweredPageNeedsAttentionAfterItsGrace() throws {
        var drill = try paged()
        drill.wait(4, seconds: 59)
        #expect(!drill.status().attention.contains { $0.kind == .pageUnanswered })
        #expect(drill.status().pages.first?.waiting == 299)
        drill.wait(0, seconds: 2)
        let item = try #require(drill.status().attention.first { $0.kind == .pageUnanswered })
        #expect(item.id == "page:ic")
        #expect(item.subject == "ic")
        #expect(item.seconds == 1)
        #expect(item.text == "page to Ada unanswered for 5m1s")
    }

    @Test func acknowledgingClearsTheItemAndIsRecordedOnce() throws {
        var drill = try paged()
        drill.wait(7)
        drill.op = "bob"
        drill.ok(.acknowledgePage(contact: "Incident Commander"))   // a role works as well as an id
        #expect(drill.events.last?.kind == .pageAcknowledged(contact: "ic", person: "Ada"))
        #expect(!drill.status().attention.contains { $0.kind == .pageUnanswered })
        let page = try #require(drill.state.pages.last)
        #expect(page.acknowledgedAt == Fixtures.t0.adding(seconds: 420))
        #expect(page.acknowledgedBy == "bob")
        #expect(drill.status().pages.first?.waiting == nil)
        #expect(drill.run(.acknowledgePage(contact: "ic"))?.reason == "the page to Ada is already acknowledged")
    }

    @Test func refusedWithoutAPageOrForAnUnknownContact() throws {
        var drill = try Drill()
        drill.ok(.declare(title: "x", severity: "SEV1"))
        #expect(drill.run(.acknowledgePage(contact: "dba"))?.reason == "'dba' was not paged: page them first")
        #expect(drill.run(.acknowledgePage(contact: "nobody"))?.reason.hasPrefix("no contact 'nobody' in the runbook") == true)
    }

    /// Paging the backup after the primary did not answer waits for the backup, from the new page.
    @Test func pagingTheBackupRestartsTheWait() throws {
        var drill = try paged()
        drill.wait(6)
        #expect(drill.status().attention.contains { $0.id == "page:ic" })
        drill.ok(.page(contact: "ic", target: .backup))
        #expect(!drill.status().attention.contains { $0.id == "page:ic" })
        drill.wait(5, seconds: 30)
        #expect(drill.status().attention.first { $0.id == "page:ic" }?.text == "page to Grace unanswered for 5m30s")
        drill.ok(.acknowledgePage(contact: "ic"))
        #expect(drill.state.pages.map(\.acknowledgedAt) == [nil, Fixtures.t0.adding(seconds: 690)])
    }

    @Test func aRunbookCanGiveAContactItsOwnWait() throws {
        let yaml = Fixtures.yaml.replacingOccurrences(of: "role: Database administrator\n", with: "role: Database administrator\n    ack_within: 15m\n")
        let runbook = try RunbookLoader.load(text: yaml, file: "drill.yaml")
        #expect(runbook.contact(named: "dba")?.ackWithin == 900)
        var drill = Drill(runbook: runbook)
        drill.ok(.declare(title: "x", severity: "SEV1"))
        drill.ok(.page(contact: "dba", target: .primary))
        drill.wait(10)
        #expect(!drill.status().attention.contains { $0.kind == .pageUnanswered })
        drill.wait(6)
        #expect(drill.status().attention.first { $0.kind == .pageUnanswered }?.seconds == 60)
    }

    @Test func aBadWaitIsAnErrorWithItsPlace() {
        let yaml = Fixtures.yaml.replacingOccurrences(of: "role: Database administrator\n", with: "role: Database administrator\n    ack_within: soon\n")
        #expect(throws: (any Error).self) { try RunbookLoader.load(text: yaml, file: "drill.yaml") }
        do {
            _ = try RunbookLoader.load(text: yaml, file: "drill.yaml")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("drill.yaml:"))
            #expect(text.contains("ack_within"))
        }
    }

    /// Taking back the acknowledgement (it was the wrong person) brings the item back.
    @Test func retractingTheAcknowledgementBringsTheItemBack() throws {
        var drill = try paged()
        drill.wait(6)
        drill.ok(.acknowledgePage(contact: "ic"))
        let ack = try #require(drill.events.last?.sequence)
        drill.ok(.retract(sequence: ack, reason: "that was the backup calling"))
        #expect(drill.status().attention.contains { $0.id == "page:ic" })
        drill.ok(.acknowledgePage(contact: "ic"))
        #expect(!drill.status().attention.contains { $0.id == "page:ic" })
    }

    /// A resolved incident needs nobody's attention, answered or not.
    @Test func nothingAfterResolution() throws {
        var drill = try paged()
        drill.wait(10)
        drill.ok(.resolve(outcome: "fixed"))
        #expect(drill.status().attention.isEmpty)
    }

    @Test func headlessAndJSONCommandsAcknowledge() throws {
        let text = try HeadlessParser.parse("ack ic")
        #expect(text == .command(.acknowledgePage(contact: "ic"), operator: nil))
        let json = try CommandJSON.command(from: JSONParser.parse(#"{"command":"ack","contact":"dba"}"#))
        #expect(json == .acknowledgePage(contact: "dba"))
        #expect(try CommandJSON.value(.acknowledgePage(contact: "dba")) == JSONParser.parse(#"{"command":"ack","contact":"dba"}"#))
    }
}

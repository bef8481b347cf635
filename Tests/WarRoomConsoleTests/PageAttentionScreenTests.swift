import Foundation
import Testing
import WarRoomEngine
@testable import WarRoomConsole

/// An unanswered page on screen: the attention line and the Contacts badge once the page
/// waited past its contact's `ack_within`, the ⚠ mark and the wait under the list, and `a`
/// in Contacts recording the answer.
@Suite("Unanswered pages on screen")
struct PageAttentionScreenTests {
    /// DentalCare paged its DBA 2m10s before the fixture's instant; 4 minutes later the page
    /// has waited 6m10s, past the default five minutes.
    private func overdue() throws -> ConsoleFixture {
        var fixture = try ConsoleFixture.dentalcareMidIncident()
        fixture.wait(minutes: 4)
        return fixture
    }

    @Test func anUnansweredPageIsBadgedMarkedAndAnswered() throws {
        var fixture = try overdue()
        let item = try #require(fixture.context.status.attention.first { $0.kind == .pageUnanswered })
        var model = ConsoleModel()
        model.focus = .contacts
        let dba = try #require(PaneItems.contacts(fixture.context, model).firstIndex { $0.id == item.subject })
        model.selection[.contacts] = dba
        let frame = ConsoleRenderer.render(context: fixture.context, model: model, width: 80, height: 24).lines.joined(separator: "\n")
        #expect(frame.contains("Contacts ⚠1"))
        #expect(frame.contains("⚠ "))
        #expect(frame.contains("no answer for 6m10s (ack within 5m)"))

        let effects = ConsoleInput.handle(.character("a"), model: &model, context: fixture.context)
        #expect(fixture.apply(effects).isEmpty)
        guard case .pageAcknowledged(let contact, _)? = fixture.events.last?.kind else {
            Issue.record("a did not record an acknowledgement: \(String(describing: fixture.events.last?.kind))")
            return
        }
        #expect(contact == item.subject)
        #expect(!fixture.context.status.attention.contains { $0.kind == .pageUnanswered })
        let after = ConsoleRenderer.render(context: fixture.context, model: model, width: 80, height: 24).lines.joined(separator: "\n")
        #expect(!after.contains("Contacts ⚠"))
        #expect(after.contains("answered after 6m10s"))
    }

    /// With the Checklist in front, the page is counted on the attention line at every size
    /// and badged on Contacts wherever its tab or pane title shows.
    @Test func theAttentionLineCountsThePageAtEverySize() throws {
        let fixture = try overdue()
        let items = fixture.context.status.attention
        #expect(items.contains { $0.kind == .pageUnanswered })
        for (width, height) in [(60, 18), (80, 23), (200, 60)] {
            let frame = ConsoleRenderer.render(context: fixture.context, model: ConsoleModel(), width: width, height: height).lines
            let attention = frame.prefix(4).joined(separator: "\n")
            // Listed by name where the line has room, counted in "+N more" where it has not.
            #expect(attention.contains("page to Kevin Rodriguez unanswered for 6m10s") || attention.contains("+\(items.count - 1) more"),
                    "\(width)x\(height): \(attention)")
            if width >= 80 { #expect(frame.joined().contains("Contacts ⚠1"), "\(width)x\(height)") }
        }
    }
}

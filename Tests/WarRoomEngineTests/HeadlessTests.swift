import Foundation
import Testing
@testable import WarRoomEngine

@Suite struct HeadlessParserTests {
    @Test(arguments: [
        ("declare SEV1 Checkout is down", Command.declare(title: "Checkout is down", severity: "SEV1")),
        ("severity SEV2", .changeSeverity("SEV2")),
        ("trigger error-rate", .fireTrigger("error-rate")),
        ("answer choose schema \"Yes\"", .answer(tree: "choose", node: "schema", answer: "Yes")),
        ("procedure start app-rollback", .startProcedure("app-rollback")),
        ("procedure complete app-rollback", .completeProcedure("app-rollback")),
        ("procedure abandon app-rollback wrong plan", .abandonProcedure("app-rollback", reason: "wrong plan")),
        ("step start app-rollback 1", .startStep(procedure: "app-rollback", step: 1)),
        ("step done app-rollback 3", .completeStep(procedure: "app-rollback", step: 3)),
        ("step skip app-rollback 2 not needed", .skipStep(procedure: "app-rollback", step: 2, reason: "not needed")),
        ("step fail app-rollback 2 timed out", .failStep(procedure: "app-rollback", step: 2, reason: "timed out")),
        ("step reopen app-rollback 2", .reopenStep(procedure: "app-rollback", step: 2)),
        ("tick app-rollback 2 1", .tick(procedure: "app-rollback", step: 2, item: 1)),
        ("approve \"Ada Lovelace\" app-rollback start", .approve(approver: "Ada Lovelace", subject: "app-rollback start")),
        ("comms execs via \"Phone tree\" We are rolling back", .communicate(audience: "execs", channel: "Phone tree", text: "We are rolling back")),
        ("comms execs Rolling back", .communicate(audience: "execs", channel: nil, text: "Rolling back")),
        ("page ic backup", .page(contact: "ic", target: .backup)),
        ("page ic", .page(contact: "ic", target: .primary)),
        ("note  spaces   collapse", .note("spaces collapse")),
        ("resolve Rolled back", .resolve(outcome: "Rolled back")),
        ("retitle Checkout down after the schema change", .retitle("Checkout down after the schema change")),
        ("recovery-point 2026-11-24T03:00:00Z nightly snapshot", .recordRecoveryPoint(at: Instant(iso8601: "2026-11-24T03:00:00Z") ?? Instant(milliseconds: 0), note: "nightly snapshot")),
        ("role \"incident commander\" Ada Lovelace", .assignRole(role: "incident commander", person: "Ada Lovelace")),
        (#"{"command":"retitle","title":"New"}"#, .retitle("New")),
        (#"{"command":"recovery_point","data_up_to":"2026-11-24T03:00:00Z","note":"snap"}"#, .recordRecoveryPoint(at: Instant(iso8601: "2026-11-24T03:00:00Z") ?? Instant(milliseconds: 0), note: "snap")),
        (#"{"command":"role","role":"scribe","person":"Grace"}"#, .assignRole(role: "scribe", person: "Grace")),
        (#"{"command":"step_done","procedure":"app-rollback","step":3}"#, .completeStep(procedure: "app-rollback", step: 3)),
        (#"{"command":"answer","tree":"choose","node":"schema","answer":2}"#, .answer(tree: "choose", node: "schema", answer: "2")),
        (#"{"command":"page","contact":"ic","target":"backup"}"#, .page(contact: "ic", target: .backup)),
        (#"{"command":"comms","audience":"execs","text":"hi"}"#, .communicate(audience: "execs", channel: nil, text: "hi")),
    ])
    func textAndJSONSyntax(line: String, command: Command) throws {
        #expect(try HeadlessParser.parse(line) == .command(command, operator: nil))
    }

    @Test func driverRequests() throws {
        #expect(try HeadlessParser.parse("status") == .status)
        #expect(try HeadlessParser.parse("advance 1h30m") == .advance(seconds: 5_400))
        #expect(try HeadlessParser.parse("as bob") == .setOperator("bob"))
        #expect(try HeadlessParser.parse("  # a comment") == nil)
        #expect(try HeadlessParser.parse("") == nil)
        #expect(try HeadlessParser.parse(#"{"command":"note","text":"x","operator":"eve"}"#) == .command(.note("x"), operator: "eve"))
    }

    @Test(arguments: [
        ("step done app-rollback", "step: expected a step number"),
        ("step done app-rollback three", "expected a step number, a whole number from 1; found 'three'"),
        ("step jump app-rollback 1", "expected start, done, skip, fail or reopen"),
        ("step skip app-rollback 1", "step: expected a reason"),
        ("page ic sideways", "expected primary or backup"),
        ("frobnicate", "unknown command 'frobnicate'"),
        ("note \"unterminated", "unterminated double quote"),
        ("status now", "status: unexpected 'now'"),
        ("advance soon", "expected a length"),
        ("{\"command\":\"step_done\"}", "step_done: expected \"procedure\""),
        ("{\"command\":", "not valid JSON"),
        ("{\"verb\":\"x\"}", "expected \"command\""),
    ])
    func malformedLinesSayWhatWasExpected(line: String, message: String) {
        do {
            _ = try HeadlessParser.parse(line)
            Issue.record("parsed '\(line)'")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }
}

/// The driver's response to `line`, which must be one.
func respond(_ driver: inout HeadlessDriver, _ line: String) throws -> String {
    let response = driver.handle(line)
    return try #require(response)
}

@Suite struct HeadlessDriverTests {
    @Test func answersEachLineWithOneJSONLine() throws {
        let fixture = try JournalFixture()
        let session = try fixture.session()
        var driver = HeadlessDriver(session: session, operator: "ic", virtualClock: VirtualClock(start: Fixtures.t0))
        let accepted = try JSONParser.parse(try respond(&driver, "declare SEV1 Checkout down"))
        #expect(accepted["ok"]?.bool == true && accepted["line"]?.int == 1)
        #expect(accepted["event"]?["type"]?.string == "incident_declared" && accepted["event"]?["seq"]?.int == 1)
        #expect(driver.handle("# comment") == nil)
        let refused = try JSONParser.parse(try respond(&driver, "step done app-rollback 1"))
        #expect(refused["ok"]?.bool == false && refused["line"]?.int == 3)
        #expect(refused["refused"]?.string?.contains("has not been started") == true)
        let error = try JSONParser.parse(try respond(&driver, "bogus"))
        #expect(error["error"]?.string?.contains("unknown command") == true)
        let advanced = try JSONParser.parse(try respond(&driver, "advance 10m"))
        #expect(advanced["now"]?.string == "2026-11-24T09:10:00.000Z")
        _ = driver.handle("as bob")
        let note = try JSONParser.parse(try respond(&driver, "note hello"))
        #expect(note["event"]?["operator"]?.string == "bob" && note["event"]?["at"]?.string == "2026-11-24T09:10:00.000Z")
        let status = try JSONParser.parse(try respond(&driver, "status"))
        #expect(status["status"]?["incident"]?["elapsed"]?.int == 600)
        #expect(status["status"]?["incident"]?["rto_left"]?.int == 3_000)
        #expect(status["status"]?["communications"].map { if case .array(let items) = $0 { items.count } else { 0 } } == 4)
    }

    @Test func advanceNeedsAVirtualClock() throws {
        let fixture = try JournalFixture()
        var driver = HeadlessDriver(session: try fixture.session(), operator: "ic")
        let response = try JSONParser.parse(try respond(&driver, "advance 1m"))
        #expect(response["error"]?.string?.contains("needs a virtual clock") == true)
    }
}

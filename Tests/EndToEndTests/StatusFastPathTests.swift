import Testing
@testable import warroom

/// `warroom status` in its common forms is read without ArgumentParser; every other form is
/// left to it, so that help and errors read as for the other commands.
@Suite struct StatusFastPathTests {
    @Test func commonFormsAreReadInAnyOrder() {
        #expect(StatusFastPath(["status", "j.jsonl"]) == StatusFastPath(journal: "j.jsonl"))
        #expect(StatusFastPath(["status", "--tmux", "j.jsonl"]) == StatusFastPath(journal: "j.jsonl", tmux: true))
        #expect(StatusFastPath(["status", "j.jsonl", "--at", "+1h", "--runbook", "r.yaml", "--tmux"])
            == StatusFastPath(journal: "j.jsonl", tmux: true, at: "+1h", runbook: "r.yaml"))
        #expect(StatusFastPath(["status", "--at=2026-11-24T09:00:00Z", "--runbook=r.yaml", "INC-42"])
            == StatusFastPath(journal: "INC-42", at: "2026-11-24T09:00:00Z", runbook: "r.yaml"))
    }

    @Test func everythingElseIsLeftToArgumentParser() {
        for arguments in [["status"], ["status", "--help"], ["status", "-h", "j"], ["status", "j", "k"], ["status", "--at"],
                          ["status", "j", "--at", "--tmux"], ["status", "j", "--bogus"], ["status", "j", "--at", "+1h", "--at", "+2h"],
                          ["status", ""], ["report", "j"], [], ["status", "j", "--runbook"]] {
            #expect(StatusFastPath(arguments) == nil, "\(arguments)")
        }
    }
}

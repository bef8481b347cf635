import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// Faults made for real against real writers: kill -9 of `warroom headless` processes, a full
/// tmpfs, a failing fsync (the one injected operation), the journal deleted, moved or replaced
/// under a running writer, concurrent writers killed. Each checks the promise: every
/// acknowledged event is read back exactly once, in order; nothing unacknowledged is read back
/// (but the one command in flight when a writer was killed); no crash. Seeded: a failure
/// names its round, and WARROOM_FAULT_SEED runs other seeds by hand.
@Suite(.serialized) struct FaultInjectionTests {
    static let seed = ProcessInfo.processInfo.environment["WARROOM_FAULT_SEED"].flatMap(UInt64.init) ?? 9

    /// Collects acknowledgements from a child until `count` are in (or its output ends).
    private static func acknowledgements(from child: HeadlessChild, until count: Int, into acked: inout [Int: String]) {
        while acked.count < count, let line = child.nextLine() {
            if let ack = acknowledged(line) { acked[ack.sequence] = ack.text ?? "" }
        }
    }

    /// kill -9 of a writer at a random point, half the rounds with every note's line ending
    /// exactly on a 4096-byte page boundary; then another writer appends after the crash.
    @Test(arguments: 0..<6)
    func killNineAtRandomPoints(round: Int) throws {
        var random = SeededGenerator(state: Self.seed &+ UInt64(round))
        let journal = try declaredJournal()
        let pageAligned = round % 2 == 0
        let start = fileSize(journal)
        var lines: [String] = []
        for index in 0..<120 {
            // Page-aligned: the first note fills to the next page boundary, each later one is a page.
            var length = index == 0 ? 4_096 - start % 4_096 : 4_096
            if length < 200 { length += 4_096 }
            if !pageAligned { length = Int.random(in: 200...9_000, using: &random) }
            lines.append(noteText(lineLength: length, sequence: index + 2, operator: "crash", prefix: "r\(round)-n\(index)-"))
        }
        let child = try HeadlessChild(journal: journal, operator: "crash")
        child.send(lines.map { "note \($0)" }, close: false)
        var acked: [Int: String] = [:]
        Self.acknowledgements(from: child, until: Int.random(in: 1..<100, using: &random), into: &acked)
        usleep(UInt32.random(in: 0..<4_000, using: &random))
        child.kill()
        for line in child.remainingLines() {
            if let ack = acknowledged(line) { acked[ack.sequence] = ack.text ?? "" }
        }
        #expect(child.wait().status == SIGKILL)
        if pageAligned {
            // The lines really end on page boundaries: the file does, unless a write was torn.
            let torn = try ReadBack(journal).issues.count
            #expect(fileSize(journal) % 4_096 == 0 || torn == 1, "size \(fileSize(journal))")
        }
        var sent = Set(lines)
        let after = try ReadBack(journal)
        after.expectKeeps(acked, sent: sent, inFlight: 1, "round \(round) after kill -9")
        // Another writer appends after the crash: its sequence number follows the last complete line.
        let last = after.events.last?.sequence ?? 0
        let next = try ProcessRunner.run(["headless", "--journal", journal, "--operator", "next"], input: "note after-crash-\(round)\n")
        #expect(next.status == 0)
        #expect(acknowledged(next.stdout.trimmingCharacters(in: .newlines))?.sequence == last + 1, "\(next.stdout) \(next.stderr)")
        acked[last + 1] = "after-crash-\(round)"
        sent.insert("after-crash-\(round)")
        let final = try ReadBack(journal)
        final.expectKeeps(acked, sent: sent, inFlight: 1, "round \(round) after the next writer")
        #expect(final.issues.isEmpty, "\(final.issues)")
    }

    /// 2, 4 and 8 writers append to one journal at once; some are killed -9 at random points.
    @Test(arguments: [2, 4, 8])
    func concurrentWritersWithKills(writers: Int) throws {
        var random = SeededGenerator(state: Self.seed &+ UInt64(writers) &* 31)
        let journal = try declaredJournal()
        let perWriter = 320 / writers
        let names = (0..<writers).map { "w\($0)" }
        var sent = Set<String>()
        // Writers to be killed get three times the lines and keep stdin open, so they are
        // still busy when the kill comes.
        let children = try names.enumerated().map { index, name in
            let child = try HeadlessChild(journal: journal, operator: name)
            let lines = (0..<(index % 2 == 1 ? 3 * perWriter : perWriter)).map { "\(name)-\($0)" }
            sent.formUnion(lines)
            child.send(lines.map { "note \($0)" }, close: index % 2 == 0)
            return child
        }
        // Every other writer is killed after a random number of its acknowledgements.
        var acked: [Int: String] = [:]
        var killed = 0
        // The writers to kill first, while every writer is still busy.
        for index in children.indices.filter({ $0 % 2 == 1 }) + children.indices.filter({ $0 % 2 == 0 }) {
            let child = children[index]
            var mine: [Int: String] = [:]
            if index % 2 == 1 {
                Self.acknowledgements(from: child, until: Int.random(in: 1..<(perWriter - 5), using: &random), into: &mine)
                child.kill()
                killed += 1
            }
            for line in child.remainingLines() {
                if let ack = acknowledged(line) { mine[ack.sequence] = ack.text ?? "" }
            }
            let status = child.wait().status
            #expect(status == (index % 2 == 1 ? SIGKILL : 0), "writer \(index) exited \(status)")
            if index % 2 == 0 { #expect(mine.count == perWriter, "writer \(index) not all acknowledged") }
            // Each writer's acknowledgements are in its own order.
            let order = mine.sorted { $0.key < $1.key }.map(\.value)
            #expect(order == order.sorted { Int($0.split(separator: "-")[1]) ?? 0 < Int($1.split(separator: "-")[1]) ?? 0 })
            #expect(Set(mine.keys).isDisjoint(with: Set(acked.keys)), "two writers acknowledged one sequence number")
            acked.merge(mine) { first, _ in first }
        }
        let back = try ReadBack(journal)
        back.expectKeeps(acked, sent: sent, inFlight: killed, "\(writers) writers, \(killed) killed")
        #expect(back.issues.count <= killed)
    }

    /// A failing fsync (the injected operation) at every append of a run: the command is
    /// reported failed, its line is gone from the file, the session is read-only, and a new
    /// session on a healthy disk appends the next sequence number.
    @Test func failedFsyncAtEveryAppend() throws {
        for failing in 1...12 {
            let fixture = try JournalFixture()
            let session = try fixture.session(sync: fsyncFailing { $0 == 2 + failing })
            var acked: [Int: String] = [:]
            var sent = Set<String>()
            session.expectAccepted(.declare(title: "x", severity: "SEV1")).map { acked[$0.sequence] = "" }
            for index in 0..<14 {
                let text = "f\(failing)-\(index)"
                sent.insert(text)
                let before = fileSize(fixture.path)
                switch session.submit(.note(text), operator: "alice") {
                case .accepted(let event): acked[event.sequence] = text
                case .refused(let refusal): Issue.record("refused: \(refusal)")
                case .failed(let error):
                    #expect(fileSize(fixture.path) == before, "a failed append left bytes behind")
                    #expect(error.kind == .syncFailed)
                }
            }
            #expect(acked.count == failing, "failing at append \(failing): \(acked.count) acknowledged")
            #expect(session.fault?.readOnly == true)
            try ReadBack(fixture.path).expectKeeps(acked, sent: sent, "fsync failing at append \(failing)")
            let healthy = try fixture.session()
            #expect(healthy.expectAccepted(.note("healthy"))?.sequence == failing + 1)
        }
    }

    /// The journal deleted, moved, replaced by another file, or swapped for a symbolic link
    /// while a `warroom headless` writer runs: the writer stops acknowledging, says so, saves
    /// every acknowledged event beside the path, and never touches the file now at the path.
    @Test(arguments: ["delete", "rename", "replace", "symlink"])
    func journalSwappedUnderARunningWriter(fault: String) throws {
        let directory = try RepoPaths.temporaryDirectory()
        let journal = try declaredJournal(in: directory)
        let child = try HeadlessChild(journal: journal, operator: "live")
        child.send((0..<20).map { "note before-\($0)" }, close: false)
        var acked: [Int: String] = [1: ""]
        Self.acknowledgements(from: child, until: 21, into: &acked)
        let other = #"{"journal":"warroom","format":1,"incident":"INC-OTHER","runbook":{"path":"x","sha256":"0"},"opened_at":"2026-11-24T09:00:00.000Z","opened_by":"eve"}"# + "\n"
        switch fault {
        case "delete": try FileManager.default.removeItem(atPath: journal)
        case "rename": try FileManager.default.moveItem(atPath: journal, toPath: directory + "/moved.jsonl")
        case "replace":
            try other.write(toFile: directory + "/new.jsonl", atomically: false, encoding: .utf8)
            #expect(rename(directory + "/new.jsonl", journal) == 0)
        default:
            try other.write(toFile: directory + "/target.jsonl", atomically: false, encoding: .utf8)
            try FileManager.default.removeItem(atPath: journal)
            try FileManager.default.createSymbolicLink(atPath: journal, withDestinationPath: directory + "/target.jsonl")
        }
        child.send((0..<5).map { "note after-\($0)" }, close: true)
        let answers = child.remainingLines()
        #expect(answers.count == 5 && answers.allSatisfy { $0.contains(#""ok":false"#) && $0.contains(#""fatal""#) }, "\(answers)")
        #expect(answers.first?.contains(fault == "replace" || fault == "symlink" ? "replaced by another file" : "deleted or moved away") == true)
        let result = child.wait()
        #expect(result.status == 1)
        let copy = directory + "/incident.recovered.jsonl"
        #expect(result.stderr.contains("warroom resume \(copy)"), "\(result.stderr)")
        let sent = Set((0..<20).map { "before-\($0)" } + (0..<5).map { "after-\($0)" })
        try ReadBack(copy).expectKeeps(acked, sent: sent, "the copy saved after \(fault)")
        #expect(try ReadBack(copy).events.count == 21)
        if fault == "rename" { try ReadBack(directory + "/moved.jsonl").expectKeeps(acked, sent: sent, "the moved journal") }
        if fault == "replace" || fault == "symlink" {
            let now = try String(contentsOfFile: fault == "replace" ? journal : directory + "/target.jsonl", encoding: .utf8)
            #expect(now == other, "the file at the path was written to")
        }
    }

    /// Space runs out at every byte offset of a line: a tmpfs whose every page is taken,
    /// with the journal's last page holding room for 0, 1, 2 … bytes of the next line.
    @Test(.enabled(if: SmallTmpfs.available, "mounting a tmpfs needs root (CI runs as root); skipped"))
    func diskFullAtEveryByteOfALine() throws {
        let disk = try SmallTmpfs(kilobytes: 2_048)
        let path = disk.directory + "/incident.jsonl"
        let session = try IncidentSession(journal: path, runbook: try Fixtures.runbook(), runbookPath: "drill.yaml",
                                          runbookBytes: Array(Fixtures.yaml.utf8), operator: "alice", clock: VirtualClock(start: Fixtures.t0))
        var acked: [Int: String] = [:]
        var sent = Set<String>()
        session.expectAccepted(.declare(title: "x", severity: "SEV1")).map { acked[$0.sequence] = "" }
        let probeLength = Array(EventJSON.line(Event(sequence: 10, at: Fixtures.t0, operator: "alice", kind: .noteAdded(text: "probe-100"))).utf8).count + 1
        var refusedAt: [Int] = []
        for room in 0..<probeLength {
            // Pad so that the file ends `room` bytes before a page boundary.
            let size = fileSize(path)
            var target = (size / 4_096 + 1) * 4_096 - room
            if target - size < 200 { target += 4_096 }
            let sequence = session.state.lastSequence + 1
            let pad = noteText(lineLength: target - size, sequence: sequence, operator: "alice", prefix: "pad-\(room)-")
            sent.insert(pad)
            session.expectAccepted(.note(pad)).map { acked[$0.sequence] = pad }
            #expect(fileSize(path) == target)
            disk.fill()
            let probe = "probe-\(100 + room)"
            sent.insert(probe)
            switch session.submit(.note(probe), operator: "alice") {
            case .accepted(let event):
                acked[event.sequence] = probe
                #expect(room >= probeLength, "a line of \(probeLength) bytes fit in \(room) bytes")
            case .refused(let refusal): Issue.record("refused: \(refusal)")
            case .failed(let error):
                refusedAt.append(room)
                #expect(error.kind == .diskFull && error.message.contains("the disk is full: the command was NOT recorded"), "\(error)")
                #expect(fileSize(path) == target, "room \(room): bytes of the refused line were left behind")
                #expect(session.fault?.headline == "DISK FULL" && session.fault?.readOnly == false)
            }
            try ReadBack(path).expectKeeps(acked, sent: sent, "disk full with \(room) bytes of room")
            disk.unfill()
            // Once there is room again, the same session records the command.
            session.expectAccepted(.note(probe + "-again")).map { acked[$0.sequence] = probe + "-again" }
            sent.insert(probe + "-again")
            #expect(session.fault == nil)
        }
        #expect(refusedAt == Array(0..<probeLength))
        let back = try ReadBack(path)
        back.expectKeeps(acked, sent: sent, "after every offset")
        #expect(back.issues.isEmpty)
    }

    /// The same through a `warroom headless` process: its answer names the full disk, it goes
    /// on once there is room, and a reader sees exactly what was acknowledged.
    @Test(.enabled(if: SmallTmpfs.available, "mounting a tmpfs needs root (CI runs as root); skipped"))
    func diskFullUnderAHeadlessProcess() throws {
        let disk = try SmallTmpfs(kilobytes: 256)
        let journal = try declaredJournal(in: disk.directory)
        let child = try HeadlessChild(journal: journal, operator: "full")
        child.send(["note before"], close: false)
        var acked: [Int: String] = [1: ""]
        Self.acknowledgements(from: child, until: 2, into: &acked)
        disk.fill()
        child.send(["note " + String(repeating: "z", count: 5_000)], close: false)
        let refused = child.nextLine() ?? ""
        #expect(refused.contains(#""ok":false"#) && refused.contains("the disk is full: the command was NOT recorded"), "\(refused)")
        disk.unfill()
        child.send(["note after"], close: true)
        for line in child.remainingLines() { if let ack = acknowledged(line) { acked[ack.sequence] = ack.text ?? "" } }
        #expect(child.wait().status == 0)
        #expect(acked[3] == "after")
        try ReadBack(journal).expectKeeps(acked, sent: ["before", "after", String(repeating: "z", count: 5_000)], "headless on a full disk")
    }
}

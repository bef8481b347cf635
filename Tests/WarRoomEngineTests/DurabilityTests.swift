import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomEngine

/// A `warroom headless` child process whose output is read line by line as it comes.
final class HeadlessChild {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer = Data()
    private let errors: ErrorCollector

    init(journal: String, operator name: String) throws {
        // Writing to a killed child must fail with EPIPE, not kill the test process.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = URL(fileURLWithPath: try ProcessRunner.binary())
        process.arguments = ["headless", "--journal", journal, "--operator", name]
        process.standardInput = input
        process.standardOutput = output
        let errorPipe = Pipe()
        process.standardError = errorPipe
        errors = ErrorCollector(errorPipe.fileHandleForReading)
        try process.run()
    }

    /// Sends lines on a thread of its own (the pipe may fill before the child reads); closes stdin after when `close`.
    /// Written with write(2), retried when a signal interrupts it: Foundation's write gives up
    /// on EINTR, and a child that never gets its lines waits on stdin for ever.
    func send(_ lines: [String], close: Bool) {
        let handle = input.fileHandleForWriting
        Thread {
            let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
            var sent = 0
            while sent < bytes.count {
                let written = bytes.withUnsafeBytes { Glibc.write(handle.fileDescriptor, $0.baseAddress.map { $0 + sent }, bytes.count - sent) }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { break }   // EPIPE: the child is gone
                sent += written
            }
            if close { try? handle.close() }
        }.start()
    }

    /// The next output line, or nil at the end of output.
    func nextLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer = Data(buffer[(newline + 1)...])
                return line
            }
            // read(2), retried on EINTR (Foundation's availableData traps on it).
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(output.fileHandleForReading.fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    /// Every remaining output line.
    func remainingLines() -> [String] {
        var lines: [String] = []
        while let line = nextLine() { lines.append(line) }
        return lines
    }

    func kill() { Foundation.kill(process.processIdentifier, SIGKILL) }

    func wait() -> (status: Int32, stderr: String) {
        process.waitUntilExit()
        return (process.terminationStatus, errors.text())
    }
}

/// The sequence number and note text of an acknowledged event response, if it is one.
func acknowledged(_ line: String) -> (sequence: Int, text: String?)? {
    guard let value = try? JSONParser.parse(line), value["ok"]?.bool == true,
          let event = value["event"], let sequence = event["seq"]?.int else { return nil }
    return (sequence, event["payload"]?["text"]?.string)
}

@Suite(.serialized) struct DurabilityTests {
    /// A child sending N commands is killed with SIGKILL at a random point; every event it
    /// acknowledged is in the journal, and the journal still opens (a torn tail is skipped).
    @Test(arguments: 0..<4)
    func sigkillLosesNoAcknowledgedEvent(round: Int) throws {
        let journal = try RepoPaths.temporaryDirectory() + "/crash.jsonl"
        let count = 400
        let child = try HeadlessChild(journal: journal, operator: "crash")
        child.send(["declare SEV1 crash test"] + (1...count).map { "note n-\($0) " + String(repeating: "x", count: 200) }, close: false)
        let killAfter = Int.random(in: 1..<(count - 50))
        var acked: [Int: String] = [:]
        while acked.count < killAfter, let line = child.nextLine() {
            if let ack = acknowledged(line) { acked[ack.sequence] = ack.text ?? "" }
        }
        usleep(UInt32.random(in: 0..<3_000))
        child.kill()
        // Acknowledgements already in the pipe count too: they were fsynced before being written.
        for line in child.remainingLines() {
            if let ack = acknowledged(line) { acked[ack.sequence] = ack.text ?? "" }
        }
        let result = child.wait()
        #expect(result.status == SIGKILL || result.status == 9)
        let contents = try JournalReader.read(path: journal)
        var found: [Int: String] = [:]
        _ = try JournalReader.read(path: journal) { event in
            if case .noteAdded(let text) = event.kind { found[event.sequence] = text } else { found[event.sequence] = "" }
        }
        for (sequence, text) in acked {
            #expect(found[sequence] == text, "acknowledged event \(sequence) lost (killed after \(killAfter))")
        }
        #expect(contents.issues.count <= 1)   // at most the torn line of the write that was cut
        #expect(contents.state.eventCount >= acked.count)
        // And the journal takes appends again after the crash.
        let session = try IncidentSession(journal: journal, runbook: try DefaultRunbook.load(), runbookPath: RunbookSource.embeddedPrefix + DefaultRunbook.fileName,
                                          runbookBytes: DefaultRunbook.bytes, operator: "after", clock: SystemClock())
        guard case .accepted(let event) = session.submit(.note("after the crash"), operator: "after") else {
            Issue.record("the journal refused an append after the crash"); return
        }
        #expect(event.sequence == contents.state.lastSequence + 1)
    }

    /// Two processes append 5,000 events each to one journal at once: nothing is lost,
    /// nothing corrupted, sequence numbers unique and gap-free, each writer's order kept.
    @Test func twoProcessesAppendingFiveThousandEachLoseNothing() throws {
        let journal = try RepoPaths.temporaryDirectory() + "/shared.jsonl"
        let setup = try ProcessRunner.run(["headless", "--journal", journal, "--operator", "setup"], input: "declare SEV1 two writers\n")
        #expect(setup.status == 0)
        let perWriter = 5_000
        let writers = try ["A", "B"].map { name in try HeadlessChild(journal: journal, operator: name) }
        for (writer, name) in zip(writers, ["A", "B"]) {
            writer.send((0..<perWriter).map { "note \(name)-\($0)" }, close: true)
        }
        var acknowledgements: [[Int]] = []
        for writer in writers {
            let lines = writer.remainingLines()
            let acks = lines.compactMap(acknowledged).map(\.sequence)
            #expect(acks.count == perWriter)
            #expect(acks == acks.sorted())
            acknowledgements.append(acks)
            #expect(writer.wait().status == 0)
        }
        #expect(Set(acknowledgements[0]).isDisjoint(with: Set(acknowledgements[1])))
        var notes: [String] = []
        var sequences: [Int] = []
        let contents = try JournalReader.read(path: journal) { event in
            sequences.append(event.sequence)
            if case .noteAdded(let text) = event.kind { notes.append(text) }
        }
        #expect(contents.issues.isEmpty)
        #expect(sequences == Array(1...(2 * perWriter + 1)))
        for name in ["A", "B"] {
            let mine = notes.filter { $0.hasPrefix(name + "-") }
            #expect(mine == (0..<perWriter).map { "\(name)-\($0)" })
        }
    }
}

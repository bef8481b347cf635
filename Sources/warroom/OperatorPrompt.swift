import Foundation
import WarRoomEngine

/// Who is at this terminal when an incident is resumed without `--operator`: asked once,
/// on the terminal before the console starts, offering the journal's last operator (Enter
/// takes it), so actions are never silently recorded as `$USER` or as someone else.
enum OperatorPrompt {
    /// The operator of the journal's last event, else whoever opened it.
    static func lastOperator(journal: JournalLocation, header: JournalHeader) -> String {
        var last = header.openedBy
        switch journal {
        case .file(let path): _ = try? JournalReader.read(path: path) { last = $0.operator }
        case .postgres: if let store = journal.reader() { _ = try? JournalReader.read(store: store) { last = $0.operator } }
        }
        return last
    }

    /// Asks on standard input; an empty answer (or end of input) takes `lastOperator`.
    static func ask(lastOperator: String) -> String {
        let offer = TextSanitizer.line(lastOperator)
        FileHandle.standardOutput.write(Data("Who is at this terminal? Your name for the journal [\(offer)]: ".utf8))
        guard let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces), !answer.isEmpty else { return lastOperator }
        return TextSanitizer.line(answer)
    }
}

import Foundation

/// Looks a password up in a `.pgpass` file as libpq does: lines of
/// `hostname:port:database:username:password`, `*` matching anything in the first four
/// fields, `\:` and `\\` escaping; the first line that matches wins. A file that group or
/// others can read is ignored, with a warning, as libpq ignores it. A Unix socket in the
/// default directory matches `localhost`.
public enum PostgresPassFile {
    /// The password for `url` from its pass file, or nil; `warn` is told about a file ignored.
    public static func password(for url: PostgresURL, environment: [String: String] = ProcessInfo.processInfo.environment,
                                warn: (String) -> Void = { _ in }) -> String? {
        let path = url.passFile ?? environment["HOME"].map { $0 + "/.pgpass" } ?? NSHomeDirectory() + "/.pgpass"
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            warn("\(path): warning: the password file can be read by group or others (mode \(String(mode, radix: 8))); ignored. chmod 0600 it")
            return nil
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let host = url.isUnixSocket && url.host == PostgresURL.defaultSocketDirectory ? "localhost" : url.host
        return lookup(text, host: host, port: url.port, database: url.database, user: url.user)
    }

    /// The password of the first line of `text` that matches.
    static func lookup(_ text: String, host: String, port: Int, database: String, user: String) -> String? {
        let wanted = [host, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(line)
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0.0 == "*" || $0.0 == $0.1 }) { return fields[4] }
        }
        return nil
    }

    /// The fields of one line, `\:` and `\\` unescaped.
    private static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":", fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}

/// The runbook embedded in the binary, so `warroom` works with no file at all.
public enum DefaultRunbook {
    /// The file the embedded runbook was built from, as named in diagnostics and journals.
    public static let fileName = "runbooks/unifiedhealth-platform.yaml"

    /// The embedded YAML, byte for byte.
    public static var bytes: [UInt8] { PackageResources.default_runbook_yaml }

    /// The embedded runbook, loaded and validated like any file.
    public static func load() throws(LoadFailure) -> Runbook {
        try RunbookLoader.load(bytes: bytes, file: "<embedded>/" + fileName)
    }
}

/// The themes embedded in the binary from `themes/*.yaml`.
enum BuiltInThemes {
    static func bytes(named name: String) -> [UInt8]? {
        switch name {
        case "default": return PackageResources.default_yaml
        case "light": return PackageResources.light_yaml
        case "high-contrast": return PackageResources.high_contrast_yaml
        case "monochrome": return PackageResources.monochrome_yaml
        default: return nil
        }
    }
}

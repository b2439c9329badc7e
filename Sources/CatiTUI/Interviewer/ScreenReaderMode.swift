/// Whether screen-reader mode is on, and the bell: read from the environment the
/// terminal gets (`--screen-reader` and `--bell` set these variables for the command).
public enum ScreenReaderMode {
    public static let variable = "CATI_SCREEN_READER"
    public static let bellVariable = "CATI_BELL"

    static func isOn(_ environment: [String: String]) -> Bool { truthy(environment[variable]) }
    static func bellIsOn(_ environment: [String: String]) -> Bool { truthy(environment[bellVariable]) }

    /// "1", "yes", "true", "on" (any case); unset, empty, "0", "no" are off.
    static func truthy(_ value: String?) -> Bool {
        guard let value = value?.lowercased(), !value.isEmpty else { return false }
        return ["1", "yes", "true", "on", "y"].contains(value)
    }

    /// The environment with the command-line flags added.
    public static func environment(_ base: [String: String], screenReader: Bool, bell: Bool) -> [String: String] {
        var out = base
        if screenReader { out[variable] = "1" }
        if bell { out[bellVariable] = "1" }
        return out
    }
}

/// The language of the texts gzq shows people: `:help`, the command's usage text and every
/// diagnostic (the message catalogue). English is the default; Simplified Chinese is chosen by `--lang zh`, by the
/// locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) or by `HostConfiguration.language`.
public enum Language: String, Sendable, CaseIterable {
    case en
    case zh

    /// The language a POSIX locale asks for: the first of `LC_ALL`, `LC_MESSAGES` and `LANG`
    /// that is set and non-empty decides (as setlocale(3) does for messages), and it means
    /// Chinese when its name starts with `zh` (`zh_CN.UTF-8`, `zh_CN.GBK`, `zh`). Anything
    /// else — `C`, `POSIX`, `en_US.UTF-8`, nothing set — is English.
    public static func fromLocale(_ environment: [String: String]) -> Language {
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[variable], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("zh") ? .zh : .en
        }
        return .en
    }

    /// The text for this language out of a pair.
    func pick(_ english: String, _ chinese: String) -> String {
        self == .zh ? chinese : english
    }
}

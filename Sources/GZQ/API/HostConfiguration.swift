import Foundation

/// Resource limits; each one exceeded is a runtime error, never a crash.
public struct Limits: Sendable {
    /// Maximum nesting of calls (SPEC §4: default 10 000).
    public var maxCallDepth = 10_000
    /// Maximum calls plus loop iterations per run; nil for no limit.
    public var maxSteps: Int?
    /// Maximum bytes held by tables the program creates; nil for no limit.
    public var maxMemoryBytes: Int?
    /// Wall-clock seconds per run; nil for no limit.
    public var timeout: Double?

    public init() {}
}

/// Which files a program may read and write.
public enum FileAccess: Sendable {
    /// No file access at all (the default for embedders).
    case none
    /// Only inside these folders (canonicalized; `..` and symbolic links cannot escape).
    case folders([String])
    /// Any file (the `gzq` command's default, like any scripting language).
    case unrestricted
}

/// Everything the host decides: where output goes, what files are reachable, limits.
/// The core does no I/O except through this.
public final class HostConfiguration: @unchecked Sendable {
    /// Receives everything the program prints (each `print` call ends with a newline).
    public var output: (String) -> Void
    public var fileAccess: FileAccess
    public var limits: Limits
    /// Which engine runs table stages; may be changed between runs.
    public var engine: Engine = .auto
    /// Receives progress while a big file (over 64 MB) loads: a label (the path) and the fraction read, 0…1.
    public var progress: ((_ label: String, _ fraction: Double) -> Void)?

    public init(output: @escaping (String) -> Void = { _ in }, fileAccess: FileAccess = .none, limits: Limits = Limits()) {
        self.output = output
        self.fileAccess = fileAccess
        self.limits = limits
    }

    /// Resolves `path` (relative to the working directory) and checks it is allowed.
    /// Returns the canonical absolute path.
    func authorize(_ path: String) throws -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let canonical = Self.canonicalize(absolute)
        switch fileAccess {
        case .unrestricted:
            return canonical
        case .none:
            throw FileAccessError(message: "file access is not allowed here: '\(path)' (the host granted no folders)")
        case .folders(let folders):
            for folder in folders {
                let root = Self.canonicalize(folder.hasPrefix("/") ? folder : FileManager.default.currentDirectoryPath + "/" + folder)
                if canonical == root || canonical.hasPrefix(root.hasSuffix("/") ? root : root + "/") { return canonical }
            }
            throw FileAccessError(message: "permission denied: '\(path)' is outside the folders this program may use")
        }
    }

    /// Resolves symbolic links and `..` components of the longest existing prefix, so that
    /// neither can be used to step outside a granted folder.
    static func canonicalize(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var existing = url
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        var resolved = existing.resolvingSymlinksInPath().path
        for component in rest { resolved += (resolved.hasSuffix("/") ? "" : "/") + component }
        return resolved
    }

    func readFile(_ path: String) throws -> Data {
        let canonical = try authorize(path)
        guard let data = FileManager.default.contents(atPath: canonical) else {
            throw FileAccessError(message: "cannot read '\(path)': no such file or not readable")
        }
        return data
    }

    func writeFile(_ path: String, _ data: Data) throws {
        let canonical = try authorize(path)
        guard FileManager.default.createFile(atPath: canonical, contents: data) else {
            throw FileAccessError(message: "cannot write '\(path)'")
        }
    }
}

struct FileAccessError: Error {
    let message: String
}

import Foundation

/// Resource limits; each one exceeded is a runtime error (diagnostic category `E-limit`, or
/// `E-stack` for call depth), never a crash. Limits are read at the start of every run,
/// so a host may change `HostConfiguration.limits` between runs.
public struct Limits: Sendable {
    /// Maximum nesting of calls (REFERENCE §4: default 10 000). Independently of it, the
    /// interpreter's stack guard turns a nearly exhausted stack into `stack overflow`.
    public var maxCallDepth = 10_000
    /// Maximum calls plus loop iterations per run; nil for no limit. Checked every
    /// 1024 steps, so a run may overshoot by up to that many.
    public var maxSteps: Int?
    /// Maximum bytes of table storage the program creates during one run (tables it
    /// reads, builds or produces with stages; not tables the host passes in); nil for no limit.
    public var maxMemoryBytes: Int?
    /// Wall-clock seconds per run; nil (or a value that is not a positive number below
    /// 10⁹) for no limit. Checked with the step budget, every 1024 steps.
    public var timeout: Double?

    /// Limits with the defaults: call depth 10 000, everything else unlimited.
    public init() {}

    /// Limits with the given values (nil: unlimited).
    public init(maxCallDepth: Int = 10_000, maxSteps: Int? = nil, maxMemoryBytes: Int? = nil, timeout: Double? = nil) {
        self.maxCallDepth = maxCallDepth
        self.maxSteps = maxSteps
        self.maxMemoryBytes = maxMemoryBytes
        self.timeout = timeout
    }
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
    /// Which files `read_csv`, `read_json`, `write_csv`, `write_json` and `import` may reach.
    public var fileAccess: FileAccess
    /// Whether `postgres(…)` may open network connections to database servers (default false;
    /// the `gzq` command grants it unless `--sandbox` is given). SQLite files follow `fileAccess`,
    /// and `sqlite(":memory:")` is always allowed.
    public var allowsNetworkDatabases = false
    /// Step, call-depth, memory and time limits, applied from the next run on.
    public var limits: Limits
    /// The display width (terminal columns) that charts shown by `print` are fitted to; nil
    /// when unknown (output not a terminal): 72.
    public var displayWidth: Int?
    /// Which engine runs table stages; may be changed between runs.
    public var engine: Engine = .auto
    /// Threads that may work on one table operation (reading a big CSV file, a fast-path
    /// `where`, `derive`, `select` or `summarize`); every core by default. Results never depend
    /// on it. An embedder that wants gzq on its own thread says 1.
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    /// Rows a fast-path morsel holds, and the rows each extra worker needs (nil: `Morsels`'
    /// defaults). Tests lower them so that small tables are split over every thread.
    var morselRows: Int?
    var minimumRowsPerWorker: Int?
    /// The language of `:help` and other texts shown to people (default English; the `gzq`
    /// command sets it from `--lang` or the locale, see `Language.fromLocale`).
    public var language: Language = .en
    /// Receives the disassembly of each fast-path program as it runs (`gzq --dump-bytecode`).
    public var bytecodeTrace: ((String) -> Void)?
    /// Receives each pipeline's plan as it runs: a line per step, then the step's engine
    /// and program (`:bytecode`).
    var planTrace: ((String) -> Void)?
    /// What plans did (compilations, rows evaluated), for tests.
    let planStatistics = PlanStatistics()
    /// Receives warnings while a program runs (kind `.warning`: `check … warn`), as data;
    /// render them with `DiagnosticRenderer`. Nil drops them. The `gzq` command prints them on stderr.
    public var diagnostics: ((Diagnostic) -> Void)?
    /// Receives progress while a big file (over 64 MB) loads: a label (the path) and the fraction read, 0…1.
    public var progress: ((_ label: String, _ fraction: Double) -> Void)?

    /// A configuration; the defaults discard output, grant no files and set only the call-depth limit.
    public init(output: @escaping (String) -> Void = { _ in }, fileAccess: FileAccess = .none, limits: Limits = Limits()) {
        self.output = output
        self.fileAccess = fileAccess
        self.limits = limits
    }

    /// Resolves `path` (relative to the working directory) and checks it is allowed.
    /// Returns the canonical absolute path, which is the path then opened: every symbolic
    /// link in it has been followed and every `..` applied to the real parent, so what was
    /// checked is what is read or written.
    func authorize(_ path: String) throws -> String {
        let absolute = Self.absolute(path)
        switch fileAccess {
        case .unrestricted:
            return Self.canonicalize(absolute) ?? absolute
        case .none:
            throw FileAccessError(content: Message(.noFileAccess, path))
        case .folders(let folders):
            guard let canonical = Self.canonicalize(absolute) else {
                throw FileAccessError(content: Message(.tooManySymbolicLinks, path))
            }
            for folder in folders {
                guard let root = Self.canonicalize(Self.absolute(folder)) else { continue }
                if Self.isInside(canonical, root) { return canonical }
            }
            throw FileAccessError(content: Message(.outsideAllowedFolders, path))
        }
    }

    /// `path` made absolute against the working directory (not yet canonical).
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// Whether canonical `path` is `root` or below it (component-wise: `/data2` is not in `/data`).
    static func isInside(_ path: String, _ root: String) -> Bool {
        if root == "/" { return true }
        return path == root || path.hasPrefix(root + "/")
    }

    /// The physical absolute path of `path` (which must be absolute), like `realpath(3)` but
    /// also for paths whose tail does not exist yet (a file about to be written).
    ///
    /// Components are walked left to right with `lstat`: a symbolic link is replaced by its
    /// target (relative targets against the link's folder) and walking continues inside the
    /// target, so a link anywhere — including a dangling link as the last component, which
    /// `write_csv` would otherwise create *through* — is resolved before the check. `..` pops
    /// the real parent of what has been resolved so far, not the lexical one. Missing
    /// components are kept as written. Nil after 40 links (a loop), as the kernel's ELOOP.
    ///
    /// A symlink swapped in by another process between this check and the open is not
    /// caught (the program itself cannot create links); see docs/DECISIONS.md.
    static func canonicalize(_ path: String) -> String? {
        var resolved: [String] = []
        var pending: [Substring] = path.split(separator: "/", omittingEmptySubsequences: true).reversed()
        var links = 0
        while let component = pending.popLast() {
            if component == "." { continue }
            if component == ".." {
                if !resolved.isEmpty { resolved.removeLast() }
                continue
            }
            resolved.append(String(component))
            let current = "/" + resolved.joined(separator: "/")
            guard let target = symbolicLinkTarget(current) else { continue }
            links += 1
            if links > 40 || target.isEmpty { return nil }
            resolved.removeLast()
            if target.hasPrefix("/") { resolved.removeAll() }
            pending.append(contentsOf: target.split(separator: "/", omittingEmptySubsequences: true).reversed())
        }
        return "/" + resolved.joined(separator: "/")
    }

    /// The target of `path` when it is a symbolic link (dangling or not); nil otherwise.
    /// Empty when it is a link that cannot be read (the caller then refuses the path).
    private static func symbolicLinkTarget(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n > 0 else { return "" }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func readFile(_ path: String) throws -> Data {
        let canonical = try authorize(path)
        guard let data = FileManager.default.contents(atPath: canonical) else {
            throw FileAccessError.reading(path, canonical)
        }
        return data
    }

    func writeFile(_ path: String, _ data: Data) throws {
        let canonical = try authorize(path)
        guard FileManager.default.createFile(atPath: canonical, contents: data) else {
            throw FileAccessError.writing(path, canonical)
        }
    }
}

struct FileAccessError: Error {
    let content: Message
    var message: String { content.text(.en) }
    /// The file does not exist (or cannot be read), as opposed to access being refused.
    var isMissing = false
}

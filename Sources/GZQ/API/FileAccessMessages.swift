import Foundation

/// Why a file could not be read or written, in words: a folder where a file was expected, a
/// missing file or folder (with the folder a relative path was resolved against), no permission.
extension FileAccessError {
    static func reading(_ path: String, _ canonical: String) -> FileAccessError {
        var info = stat()
        guard stat(canonical, &info) == 0 else {
            return FileAccessError(message: "cannot read '\(path)': no such file\(resolvedAgainst(path))", isMissing: true)
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            return FileAccessError(message: "cannot read '\(path)': it is a folder, not a file")
        }
        return FileAccessError(message: "cannot read '\(path)': \(reason(errnoOf { open(canonical, O_RDONLY) }))")
    }

    static func writing(_ path: String, _ canonical: String) -> FileAccessError {
        var info = stat()
        if stat(canonical, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            return FileAccessError(message: "cannot write '\(path)': it is a folder")
        }
        let folder = (canonical as NSString).deletingLastPathComponent
        if stat(folder, &info) != 0 {
            let shown = (path as NSString).deletingLastPathComponent
            return FileAccessError(message: "cannot write '\(path)': the folder '\(shown.isEmpty ? folder : shown)' does not exist\(resolvedAgainst(path))")
        }
        if info.st_mode & S_IFMT != S_IFDIR {
            return FileAccessError(message: "cannot write '\(path)': '\((path as NSString).deletingLastPathComponent)' is a file, not a folder")
        }
        return FileAccessError(message: "cannot write '\(path)': \(reason(errnoOf { open(canonical, O_WRONLY | O_CREAT, 0o644) }))")
    }

    /// ` (relative to /work/data)` for a relative path; nothing for an absolute one.
    private static func resolvedAgainst(_ path: String) -> String {
        path.hasPrefix("/") ? "" : " (a relative path, looked up in \(FileManager.default.currentDirectoryPath))"
    }

    /// Runs an open to learn its errno (closing what it opened, if it succeeds after all).
    private static func errnoOf(_ attempt: () -> Int32) -> Int32 {
        let fd = attempt()
        if fd >= 0 {
            close(fd)
            return 0
        }
        return errno
    }

    private static func reason(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case 0: return "the file could not be read or written"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}

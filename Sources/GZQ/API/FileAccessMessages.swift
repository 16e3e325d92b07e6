import Foundation

/// Why a file could not be read or written, in words: a folder where a file was expected, a
/// missing file or folder (with the folder a relative path was resolved against), no permission.
extension FileAccessError {
    static func reading(_ path: String, _ canonical: String) -> FileAccessError {
        var info = stat()
        guard stat(canonical, &info) == 0 else {
            return FileAccessError(content: Message(.noSuchFile, path, resolvedAgainst(path)), isMissing: true)
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            return FileAccessError(content: Message(.readFolder, path))
        }
        return FileAccessError(content: Message(.cannotRead, path, reason(errnoOf { open(canonical, O_RDONLY) })))
    }

    static func writing(_ path: String, _ canonical: String) -> FileAccessError {
        var info = stat()
        if stat(canonical, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            return FileAccessError(content: Message(.writeFolder, path))
        }
        let folder = (canonical as NSString).deletingLastPathComponent
        if stat(folder, &info) != 0 {
            let shown = (path as NSString).deletingLastPathComponent
            return FileAccessError(content: Message(.noSuchFolder, path, shown.isEmpty ? folder : shown, resolvedAgainst(path)))
        }
        if info.st_mode & S_IFMT != S_IFDIR {
            return FileAccessError(content: Message(.folderIsFile, path, (path as NSString).deletingLastPathComponent))
        }
        return FileAccessError(content: Message(.cannotWrite, path, reason(errnoOf { open(canonical, O_WRONLY | O_CREAT, 0o644) })))
    }

    /// ` (relative to /work/data)` for a relative path; nothing for an absolute one.
    private static func resolvedAgainst(_ path: String) -> MessageArg {
        path.hasPrefix("/") ? .none : .message(Message(.relativePathLookedUp, FileManager.default.currentDirectoryPath))
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

    private static func reason(_ code: Int32) -> MessageArg {
        switch code {
        case EACCES, EPERM: return .message(Message(.permissionDeniedReason))
        case 0: return .message(Message(.couldNotReadOrWrite))
        default: return .text(String(cString: strerror(code)).lowercased())
        }
    }
}

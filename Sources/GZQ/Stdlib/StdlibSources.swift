/// The gzq-written standard library, embedded (generated from the top-level Stdlib/ folder).
enum StdlibSources {
    static let files: [String: String] = [:]
}

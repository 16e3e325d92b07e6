import Foundation

extension Interpreter {
    /// Finds, parses and resolves an imported file once (runs happen at the import statement).
    func loadModule(_ path: String, from importer: Module, _ span: Span) throws -> Module {
        var source: String?
        var key = path
        // Relative to the importing file (its own folder, not the module's: the main module is
        // shared by every script and REPL entry), else to the working directory.
        let base = sources[span.file]?.directory ?? importer.directory ?? FileManager.default.currentDirectoryPath
        let candidate = path.hasPrefix("/") ? path : (base.isEmpty ? path : base + "/" + path)
        var fileError: Message?
        do {
            let data = try host.readFile(candidate)
            let absolute = HostConfiguration.absolute(candidate)
            key = HostConfiguration.canonicalize(absolute) ?? absolute
            guard let text = String(data: data, encoding: .utf8) else {
                let problem = SourceFile.invalidUTF8Description(Array(data)).map { ": \($0)" } ?? ""
                throw SyntaxError(.importNotUTF8, path, problem, span: span)
            }
            source = text
        } catch let error as FileAccessError {
            // A missing file is described by where it was looked for, not by a machine's path.
            fileError = error.isMissing ? Message(.importNotFound) : error.content
        }
        if source == nil, let embedded = StdlibSources.files[path] {
            source = embedded
            key = "<stdlib>/" + path
        }
        guard let text = source else {
            throw SyntaxError(.cannotImportFile, path, fileError ?? Message(.importNotFound), span: span)
        }
        if let existing = context.modules[key] {
            if existing.state == .resolving {
                throw SyntaxError(.circularImport, path, span: span)
            }
            return existing
        }
        let file = SourceFile(name: key.hasPrefix("<stdlib>") ? path : candidate, text: text, directory: (candidate as NSString).deletingLastPathComponent)
        let id = sources.add(file)
        let module = Module(name: path, directory: file.directory)
        context.modules[key] = module
        let (statements, syntaxErrors) = Parser.parseProgram(file, file: id)
        if let first = syntaxErrors.first {
            context.modules[key] = nil
            throw first
        }
        let resolver = Resolver(module: module, builtins: builtins, loadModule: loadModule)
        guard let body = resolver.resolveProgram(statements, span: Span(file: id, start: 0, end: Int32(clamping: file.bytes.count))) else {
            context.modules[key] = nil
            throw resolver.errors[0]
        }
        module.body = body
        module.state = .resolved
        return module
    }
}

import Foundation

/// Loads the embedded gzq-written standard library (Stdlib/*.gzq) when an interpreter
/// starts: each file runs once as a module, and its top-level names become builtins.
enum Prelude {
    static func load(into builtins: [String: Value], context: Context, sources: SourceMap) -> (builtins: [String: Value], errors: [String]) {
        var table = builtins
        var errors: [String] = []
        for name in StdlibSources.files.keys.sorted() {
            guard let text = StdlibSources.files[name] else { continue }
            let file = SourceFile(name: CallTrace.libraryPrefix + name, text: text)
            let id = sources.add(file)
            let (statements, syntaxErrors) = Parser.parseProgram(file, file: id)
            let module = Module(name: name, directory: nil)
            // Registered (under a key no import can produce) so that the interpreter's deinit
            // clears its frame: its functions refer back to it, a cycle that would otherwise leak.
            context.modules["<prelude>/" + name] = module
            let resolver = Resolver(module: module, builtins: table) { path, _, span in
                throw SyntaxError(.stdlibImport, path, span: span)
            }
            guard syntaxErrors.isEmpty,
                  let body = resolver.resolveProgram(statements, span: Span(file: id, start: 0, end: Int32(clamping: file.bytes.count)))
            else {
                errors += (syntaxErrors + resolver.errors).map { "\(name): \($0.message)" }
                continue
            }
            do {
                _ = try body.eval(context, Frame.topLevel())
            } catch let error as RuntimeError {
                errors.append("\(name): \(error.message)")
                continue
            } catch {
                errors.append("\(name): \(error)")
                continue
            }
            module.state = .done
            for (exported, slot) in module.exports { table[exported] = module.frame.slots[slot] }
        }
        return (table, errors)
    }
}

/// One function's documentation, from the registration table or a `##` comment.
public struct FunctionDoc: Sendable {
    public let name: String
    /// `fmt_pct(x, digits = 2)`
    public let signature: String
    public let summary: String
    /// A self-contained expression (may use the table `t` of the docs fixture).
    public let example: String
    /// True for functions written in gzq (Stdlib/*.gzq).
    public let isGzq: Bool
}

enum Documentation {
    static func all() -> [FunctionDoc] {
        var docs = Builtins.all.map { b -> FunctionDoc in
            let params = zip(b.parameters, b.defaults).map { name, value in
                value.map { "\(name) = \(ValueFormatter.literal($0))" } ?? name
            }
            let signature = b.variadic ? "\(b.name)(\(b.parameters.first ?? "values")...)" : "\(b.name)(\(params.joined(separator: ", ")))"
            return FunctionDoc(name: b.name, signature: signature, summary: b.doc, example: b.example, isGzq: false)
        }
        for (_, text) in StdlibSources.files.sorted(by: { $0.key < $1.key }) { docs += gzqDocs(text) }
        return docs.sorted { $0.name < $1.name }
    }

    /// `##` lines directly above `fn name(params)`; a `## example:` line gives the example.
    static func gzqDocs(_ text: String) -> [FunctionDoc] {
        var docs: [FunctionDoc] = []
        var comment: [String] = []
        var example = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("## example:") {
                example = String(line.dropFirst("## example:".count)).trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("##") {
                comment.append(String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces))
            } else if line.hasPrefix("fn "), !comment.isEmpty {
                let header = line.dropFirst(3)
                let name = String(header.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces)
                let signature = String(header.prefix { $0 != ")" }) + ")"
                docs.append(FunctionDoc(name: name, signature: signature.replacingOccurrences(of: " (", with: "("),
                                        summary: comment.joined(separator: " "), example: example, isGzq: true))
                comment = []
                example = ""
            } else {
                comment = []
                example = ""
            }
        }
        return docs
    }
}

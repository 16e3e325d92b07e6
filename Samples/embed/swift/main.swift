import Foundation
import GZQ

// The Swift host of the embedding samples (Samples/embed/README.md): it builds the `cases`
// table from Swift arrays, registers `target(region)`, runs rates.gzq and prints the table
// the program prints, then a line of its own from the program's result.
//
//     swift run EmbedSwiftSample [Samples/embed/rates.gzq]

let targets: [String: Double] = ["贵阳市": 0.12, "遵义市": 0.10, "毕节市": 0.08, "六盘水市": 0.10, "安顺市": 0.10]

var builder = TableBuilder()
builder.addColumn("region", strings: ["贵阳市", "遵义市", "毕节市", "六盘水市", "安顺市"])
builder.addColumn("concluded", ints: [2412, 1980, 1630, 905, 760])
builder.addColumn("corrected", ints: [301, 205, 126, 98, 71])

let host = HostConfiguration(output: { text in FileHandle.standardOutput.write(Data(text.utf8)) })
let gzq = Interpreter(host: host)

do {
    gzq.setGlobal("cases", .table(try builder.build()))
    try gzq.register(name: "target", parameters: ["region"], isPure: true) { args in
        guard let region = args[0].asString, let target = targets[region] else {
            throw HostError("no target for \(args[0])")
        }
        return Value(target)
    }
    let path = CommandLine.arguments.count > 1
        ? CommandLine.arguments[1]
        : URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("rates.gzq").path
    let source = try String(contentsOfFile: path, encoding: .utf8)
    let meeting = try gzq.run(source, name: "rates.gzq")
    print("prefectures within their target: \(meeting.asInt ?? -1) of \(targets.count)")
} catch let error as GZQError {
    FileHandle.standardError.write(Data(error.rendered.utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}

import Foundation
import XCTest

/// The C API (Sources/GZQC, include/gzq.h) from the outside: a C program compiled with gcc
/// against the hand-written header and linked to the built libgzqc.so, run, and its output
/// compared line by line. The embedding samples (C and Python) run here too, so that
/// `swift test` alone covers them; `make embed-samples` runs them as well.
final class CAPITests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The build products folder, which holds libgzqc.so (the test bundle lives there).
    private func productsFolder() throws -> URL {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [folder, folder.deletingLastPathComponent()]
        where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("libgzqc.so").path) {
            return candidate
        }
        XCTFail("libgzqc.so not found near \(folder.path); build it with `swift build --product gzqc`")
        throw MissingPrerequisite("no libgzqc.so")
    }

    private func tool(_ name: String) throws -> String {
        for folder in ["/usr/bin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
            return folder + "/" + name
        }
        throw MissingPrerequisite("\(name) is not installed (make test installs it)")
    }

    @discardableResult
    private func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a chatty child cannot block on a full pipe.
        let stderrData = DataBox()
        let done = DispatchSemaphore(value: 0)
        Thread {
            stderrData.data = err.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }.start()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdoutData, as: UTF8.self), String(decoding: stderrData.data, as: UTF8.self))
    }

    /// Compiles `source` with gcc against gzq.h and libgzqc.so (rpath set), returns the binary.
    private func compileC(_ source: String, name: String) throws -> String {
        let gcc = try tool("gcc")
        let products = try productsFolder()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-capi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(name + ".c")
        try source.write(to: file, atomically: true, encoding: .utf8)
        let binary = folder.appendingPathComponent(name).path
        let include = Self.root.appendingPathComponent("Sources/GZQC/include").path
        let result = try run(gcc, ["-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic", "-I", include, file.path,
                                   "-L", products.path, "-lgzqc", "-lpthread", "-Wl,-rpath," + products.path, "-o", binary])
        XCTAssertEqual(result.status, 0, "gcc failed:\n\(result.stderr)")
        return binary
    }

    func testCProgramAgainstTheHeader() throws {
        let binary = try compileC(Self.cTest, name: "capi_test")
        let result = try run(binary, [])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasSuffix("\n"))
        let got = result.stdout.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let expected = Self.cExpected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (i, line) in expected.enumerated() {
            guard i < got.count else { XCTFail("output ends before line \(i + 1): \(line)"); break }
            if line.hasSuffix("*") {
                XCTAssertTrue(got[i].hasPrefix(String(line.dropLast())), "line \(i + 1): expected \(line), got \(got[i])")
            } else {
                XCTAssertEqual(got[i], line, "line \(i + 1)")
            }
        }
        XCTAssertEqual(got.count, expected.count, "whole output:\n\(result.stdout)")
    }

    /// Every function the header declares is exported by the library, and nothing else
    /// with the gzq_ prefix is (the header is the whole contract).
    func testHeaderAndExportsAgree() throws {
        let nm = try tool("nm")
        let library = try productsFolder().appendingPathComponent("libgzqc.so").path
        let exported = try run(nm, ["-D", "--defined-only", library]).stdout
            .split(separator: "\n").compactMap { line -> String? in
                let parts = line.split(separator: " ")
                guard parts.count == 3, parts[1] == "T", parts[2].hasPrefix("gzq_") else { return nil }
                return String(parts[2])
            }
        let header = try String(contentsOf: Self.root.appendingPathComponent("Sources/GZQC/include/gzq.h"), encoding: .utf8)
        let regex = try NSRegularExpression(pattern: #"\b(gzq_[a-z_]+)\("#)
        let declared = regex.matches(in: header, range: NSRange(header.startIndex..., in: header)).compactMap {
            Range($0.range(at: 1), in: header).map { String(header[$0]) }
        }
        XCTAssertEqual(Set(exported), Set(declared))
        XCTAssertEqual(Set(declared).count, 23)
    }

    // MARK: - CSV globals: encodings and invalid bytes (issue 12, issue 19 item 8)

    /// The CSV global reads bytes as read_csv reads a file: GBK and UTF-16 decoded, invalid
    /// bytes refused with the same message, line and column (not turned into U+FFFD).
    func testCSVGlobalEncodingsFromC() throws {
        let binary = try compileC(Self.csvTest, name: "capi_csv")
        let result = try run(binary, [])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines, [
            "gbk rc=0 json={\"地区\": \"贵阳市\", \"人数\": 12}",
            "gb18030 rc=0 json=\"😀𠀀\"",
            "utf16 rc=0 json={\"地区\": \"遵义市\", \"人数\": 9}",
            "utf16be rc=0 json={\"地区\": \"遵义市\", \"人数\": 9}",
            "bad rc=1 id=E-input line=2 column=2 message=invalid UTF-8 (byte 0xFF at byte offset 5) and the file is not GB18030 either; "
                + "if the file has another encoding, name it with encoding: \"gb18030\", \"utf-16\" or \"utf-8\"",
            // (a JSON string: its quotes escaped)
            "read_csv says: bad:2:2: invalid UTF-8 (byte 0xFF at byte offset 5) and the file is not GB18030 either; "
                + "if the file has another encoding, name it with encoding: \\\"gb18030\\\", \\\"utf-16\\\" or \\\"utf-8\\\"",
            "strict rc=1 id=E-input line=1 column=1 message=invalid UTF-8 (byte 0xB5 at byte offset 0)",
            "strict gb rc=1 id=E-input line=2 column=4 message=invalid GB18030 (bytes 0x81 0x20 at byte offset 8)",
            "zip rc=1 message=this is a workbook (a ZIP file such as .xlsx), not CSV text: use read_xlsx",
            "unknown encoding rc=2 message=gzq_set_global_csv_bytes: the encoding must be \"auto\", \"utf-8\", \"gb18030\" (or \"gbk\", \"gb2312\") or \"utf-16\", not \"latin1\"",
            "null data rc=2",
        ])
    }

    static let csvTest = #"""
    #define _POSIX_C_SOURCE 200809L
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    #include <unistd.h>
    #include "gzq.h"

    static gzq_interp *g;

    static void show(const char *label, int rc, const char *expression) {
        char *json = NULL;
        if (rc == GZQ_OK) gzq_eval(g, expression, &json);
        printf("%s rc=%d json=%s\n", label, rc, json ? json : "(null)");
        gzq_string_free(json);
    }

    static void show_error(const char *label, int rc) {
        int line = -1, column = -1;
        const char *message = gzq_last_error(g, &line, &column);
        printf("%s rc=%d id=%s line=%d column=%d message=%s\n", label, rc, gzq_last_error_id(g), line, column, message);
    }

    int main(void) {
        g = gzq_new();
        /* 地区,人数 / 贵阳市,12 in GBK */
        const char gbk[] = "\xb5\xd8\xc7\xf8,\xc8\xcb\xca\xfd\n\xb9\xf3\xd1\xf4\xca\xd0,12\n";
        show("gbk", gzq_set_global_csv(g, "t", gbk), "t[0]");
        /* s / 😀𠀀: GB18030 four-byte sequences */
        const char four[] = "s\n\x94\x39\xfc\x36\x95\x32\x82\x36\n";
        show("gb18030", gzq_set_global_csv_bytes(g, "t", four, sizeof four - 1, "gb18030"), "t[0].s");
        /* 地区,人数 / 遵义市,9 in UTF-16LE and BE with BOMs */
        const char u16[] = "\xff\xfe\x30\x57\x3a\x53\x2c\x00\xba\x4e\x70\x65\x0a\x00\x75\x90\x49\x4e\x02\x5e\x2c\x00\x39\x00\x0a\x00";
        show("utf16", gzq_set_global_csv_bytes(g, "t", u16, sizeof u16 - 1, "utf-16"), "t[0]");
        const char u16be[] = "\xfe\xff\x57\x30\x53\x3a\x00\x2c\x4e\xba\x65\x70\x00\x0a\x90\x75\x4e\x49\x5e\x02\x00\x2c\x00\x39\x00\x0a";
        show("utf16be", gzq_set_global_csv_bytes(g, "t", u16be, sizeof u16be - 1, NULL), "t[0]");
        const char bad[] = "a,b\n1\xff,2\n";
        show_error("bad", gzq_set_global_csv(g, "bad", bad));
        char folder[] = "/tmp/gzq-capi-csv-XXXXXX";
        if (!mkdtemp(folder)) return 1;
        char path[256], source[512];
        snprintf(path, sizeof path, "%s/bad", folder);
        FILE *f = fopen(path, "wb"); fputs(bad, f); fclose(f);
        gzq_grant_folder(g, folder);
        if (chdir(folder) != 0) return 1;
        snprintf(source, sizeof source, "try { read_csv(\"bad\") } catch e { e.message }");
        char *json = NULL;
        gzq_eval(g, source, &json);
        printf("read_csv says: %.*s\n", json ? (int)strlen(json) - 2 : 0, json ? json + 1 : "");
        gzq_string_free(json);
        remove(path); rmdir(folder);
        show_error("strict", gzq_set_global_csv_bytes(g, "t", gbk, sizeof gbk - 1, "utf-8"));
        const char badgb[] = "a,b\n1,\xb9\xf3\x81\x20\n";
        show_error("strict gb", gzq_set_global_csv_bytes(g, "t", badgb, sizeof badgb - 1, "gbk"));
        const char zip[] = "PK\x03\x04\x14\x00";
        int rc = gzq_set_global_csv_bytes(g, "t", zip, sizeof zip - 1, "auto");
        printf("zip rc=%d message=%s\n", rc, gzq_last_error(g, NULL, NULL));
        rc = gzq_set_global_csv_bytes(g, "t", gbk, 3, "latin1");
        printf("unknown encoding rc=%d message=%s\n", rc, gzq_last_error(g, NULL, NULL));
        printf("null data rc=%d\n", gzq_set_global_csv_bytes(g, "t", NULL, 0, NULL));
        gzq_free(g);
        return 0;
    }
    """#

    /// From Python through ctypes: a GBK CSV global, invalid bytes refused, a result string
    /// freed through a `c_void_p` out-parameter, and a host callback that raises (the call
    /// returns null and the traceback goes to stderr, as gzq.h says).
    func testCSVGlobalAndCallbacksFromPython() throws {
        let python = try tool("python3")
        let library = try productsFolder().appendingPathComponent("libgzqc.so").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-capi-py-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("csv_global.py")
        try Self.pythonTest.write(to: script, atomically: true, encoding: .utf8)
        let result = try run(python, [script.path, library])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.split(separator: "\n").map(String.init), [
            "gbk 0 {\"地区\": \"贵阳市\", \"人数\": 12}",
            "bad 1 E-input 2 2 invalid UTF-8 (byte 0xFF at byte offset 5) and the file is not GB18030 either; "
                + "if the file has another encoding, name it with encoding: \"gb18030\", \"utf-16\" or \"utf-8\"",
            "utf16 0 9",
            "raising callback 0 null",
            "after it 0 [null, 2]",
            "caught 1 E-host boom(): ValueError: no such region",
        ])
        XCTAssertTrue(result.stderr.contains("Exception ignored on calling ctypes callback function"), result.stderr)
        XCTAssertTrue(result.stderr.contains("ValueError: no such region"), result.stderr)
    }

    static let pythonTest = #"""
    import ctypes, json, sys
    lib = ctypes.CDLL(sys.argv[1])
    p, s, i = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    for name, restype, argtypes in [
        ("gzq_new", p, []), ("gzq_free", None, [p]),
        # The result string is an out-parameter declared c_void_p, so it can be freed.
        ("gzq_eval", i, [p, s, ctypes.POINTER(ctypes.c_void_p)]),
        ("gzq_string_free", None, [p]),
        ("gzq_set_global_csv", i, [p, s, s]),
        ("gzq_set_global_csv_bytes", i, [p, s, s, ctypes.c_size_t, s]),
        ("gzq_last_error", s, [p, ctypes.POINTER(i), ctypes.POINTER(i)]),
        ("gzq_last_error_id", s, [p]),
        ("gzq_register", i, [p, s, i, ctypes.CFUNCTYPE(None, p, p), p]),
        ("gzq_call_arg", s, [p, i]), ("gzq_call_return", None, [p, s]), ("gzq_call_error", None, [p, s]),
    ]:
        f = getattr(lib, name); f.restype = restype; f.argtypes = argtypes
    g = lib.gzq_new()

    def evaluate(source):
        out = ctypes.c_void_p()
        rc = lib.gzq_eval(g, source.encode(), ctypes.byref(out))
        text = ctypes.string_at(out.value).decode() if out.value else None
        lib.gzq_string_free(out)
        return rc, text

    def error():
        line, column = i(), i()
        message = lib.gzq_last_error(g, ctypes.byref(line), ctypes.byref(column)).decode()
        return "%s %d %d %s" % (lib.gzq_last_error_id(g).decode(), line.value, column.value, message)

    rc = lib.gzq_set_global_csv(g, b"t", "地区,人数\n贵阳市,12\n".encode("gbk"))
    print("gbk", rc, evaluate("t[0]")[1])
    rc = lib.gzq_set_global_csv(g, b"bad", b"a,b\n1\xff,2\n")
    print("bad", rc, error())
    data = "地区,人数\n遵义市,9\n".encode("utf-16")
    rc = lib.gzq_set_global_csv_bytes(g, b"u", data, len(data), b"utf-16")
    print("utf16", rc, evaluate("u[0].人数")[1])

    @ctypes.CFUNCTYPE(None, p, p)
    def raising(call, user_data):
        raise ValueError("no such region")
    lib.gzq_register(g, b"lookup", 1, raising, None)
    print("raising callback", *evaluate('lookup("贵阳市")'))
    print("after it", *evaluate('[lookup("x"), 1 + 1]'))

    @ctypes.CFUNCTYPE(None, p, p)
    def careful(call, user_data):
        try:
            raise ValueError("no such region")
        except Exception as e:
            lib.gzq_call_error(call, ("%s: %s" % (type(e).__name__, e)).encode())
    lib.gzq_register(g, b"boom", 0, careful, None)
    rc, _ = evaluate("boom()")
    print("caught", rc, lib.gzq_last_error_id(g).decode(), lib.gzq_last_error(g, None, None).decode())
    lib.gzq_free(g)
    """#

    // MARK: - The embedding samples

    private func expectedSampleOutput() throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent("Samples/embed/expected.txt"), encoding: .utf8)
    }

    func testCSample() throws {
        let source = try String(contentsOf: Self.root.appendingPathComponent("Samples/embed/c/rates.c"), encoding: .utf8)
        let binary = try compileC(source, name: "rates")
        let result = try run(binary, [Self.root.appendingPathComponent("Samples/embed/rates.gzq").path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, try expectedSampleOutput())
    }

    func testPythonSample() throws {
        let python = try tool("python3")
        let library = try productsFolder().appendingPathComponent("libgzqc.so").path
        let script = Self.root.appendingPathComponent("Samples/embed/python/rates.py").path
        let result = try run(python, [script, library])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, try expectedSampleOutput())
    }

    // MARK: - The C test program

    /// Lines ending in `*` are prefixes (timings, pointers).
    static let cExpected = """
    version 0.1.0
    eval rc=0 json=3
    eval rc=0 json="贵阳市"
    eval rc=0 json={"year": 2021, "ok": true}
    csv rc=0
    table rc=0 json=[
    {"region": "贵阳市", "concluded": 100, "corrected": 12, "rate": 0.12},
    {"region": "毕节市", "concluded": 80, "corrected": 4, "rate": 0.05}
    ]
    json table rc=0 sum=180
    json record rc=0 year=2021
    json scalar rc=0 value=84
    bad json rc=1 id=E-input line=2 column=10 message=expected ',' or '}' after a value, found '2'
    bad csv rc=1 id=E-input line=3 column=2 message=row has 1 field, the header has 2
    register rc=0
    host rc=0 json=0.06
    host pipeline rc=0 json=[0.12, 0.08]
    host error rc=1 id=E-host at 2:9 message=target(): no target for 六盘水市
    error text:
    error[E0950]: target(): no target for 六盘水市
      --> <eval>:2:9
       |
     2 | let x = target("六盘水市")
       |         ^^^^^^^^^^^^^^^^^^
    caught rc=0 json="target(): no target for 六盘水市"
    host bad json rc=1 message=broken(): returned invalid JSON: expected a key in double quotes, found 'n' (column 2)
    syntax rc=1 id=E-syntax at 1:5
    runtime rc=1 id=E-runtime at 1:1 file=<eval>
    sandbox rc=1 id=E-permission message=permission denied: '/etc/passwd': file access is not allowed (the host granted no folders)
    import rc=1 id=E-resolve
    granted rc=0 json=1
    escape rc=1 id=E-permission
    steps rc=1 id=E-limit message=step limit exceeded (5000 steps)
    recursion rc=1 id=E-stack message=stack overflow (call depth limit is 10000)
    interrupt rc=1 id=E-interrupt fast=yes
    after interrupt rc=0 json=2
    threads 4 rc=0 json="9 19048 1904838102 8.0"
    threads 1 rc=0 json="9 19048 1904838102 8.0"
    threads misuse 2
    output: [hello 1]
    output: [贵阳\\0市]
    warn rc=0 json=2
    warning: [warning[W0101]: check failed for 1 of 2 rows: n > 1]
    misuse 2 2 2 2 2 2
    null handle 2 (null)
    last error after success (null)
    freed
    """

    static let cTest = #"""
    #define _POSIX_C_SOURCE 200809L
    #include <pthread.h>
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    #include <time.h>
    #include <unistd.h>
    #include "gzq.h"

    static gzq_interp *g;

    static void show(const char *label, int rc, char *json) {
        printf("%s rc=%d json=%s\n", label, rc, json ? json : "(null)");
        gzq_string_free(json);
    }

    static void show_error(const char *label, int rc) {
        int line = -1, column = -1;
        const char *message = gzq_last_error(g, &line, &column);
        printf("%s rc=%d id=%s line=%d column=%d message=%s\n", label, rc, gzq_last_error_id(g), line, column, message);
    }

    /* target(region): a correction-rate target per prefecture, failing for unknown ones. */
    static void target(gzq_call *call, void *user_data) {
        const char *region = gzq_call_arg(call, 0);
        (void)user_data;
        if (strcmp(region, "\"贵阳市\"") == 0) gzq_call_return(call, "0.06");
        else if (strcmp(region, "\"毕节市\"") == 0) gzq_call_return(call, "0.08");
        else if (strcmp(region, "\"遵义市\"") == 0) gzq_call_return(call, "0.12");
        else gzq_call_error(call, "no target for 六盘水市");
    }

    static void broken(gzq_call *call, void *user_data) {
        (void)user_data;
        gzq_call_return(call, "{not json");
    }

    static void first_line(const char *text, size_t length, void *user_data) {
        char *buffer = user_data;
        size_t n = 0;
        while (n < length && n < 255 && text[n] != '\n') { buffer[n] = text[n]; n++; }
        buffer[n] = '\0';
    }

    static void collect(const char *text, size_t length, void *user_data) {
        char *buffer = user_data;
        size_t used = strlen(buffer);
        for (size_t i = 0; i < length && used + 3 < 256; i++) {
            if (text[i] == '\n') continue;
            if (text[i] == '\0') { buffer[used++] = '\\'; buffer[used++] = '0'; continue; }
            buffer[used++] = text[i];
        }
        buffer[used] = '\0';
    }

    static double now(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return ts.tv_sec + ts.tv_nsec / 1e9;
    }

    static double asked_at;
    static void *interrupter(void *arg) {
        (void)arg;
        struct timespec pause = {0, 300 * 1000 * 1000};
        nanosleep(&pause, NULL);
        asked_at = now();
        gzq_interrupt(g);
        return NULL;
    }

    int main(void) {
        char *json = NULL;
        int rc, line, column;
        printf("version %s\n", gzq_version());
        g = gzq_new();

        rc = gzq_eval(g, "1 + 2", &json); show("eval", rc, json);
        rc = gzq_eval(g, "\"贵阳\" + \"市\"", &json); show("eval", rc, json);
        rc = gzq_eval(g, "{year: 2021, ok: true}", &json); show("eval", rc, json);

        rc = gzq_set_global_csv(g, "cases", "region,concluded,corrected\n贵阳市,100,12\n毕节市,80,4\n");
        printf("csv rc=%d\n", rc);
        rc = gzq_eval(g, "cases | derive rate = rate(corrected, concluded)", &json); show("table", rc, json);

        rc = gzq_set_global_json(g, "rows", "[{\"region\": \"贵阳市\", \"n\": 100}, {\"region\": \"毕节市\", \"n\": 80}]");
        gzq_eval(g, "rows | summarize s = sum(n)", &json);
        printf("json table rc=%d sum=%s\n", rc, strstr(json, "180") ? "180" : json);
        gzq_string_free(json);
        rc = gzq_set_global_json(g, "cfg", "{\"year\": 2021, \"name\": \"report\"}");
        gzq_eval(g, "cfg.year", &json); printf("json record rc=%d year=%s\n", rc, json); gzq_string_free(json);
        rc = gzq_set_global_json(g, "k", " 42 ");
        gzq_eval(g, "k * 2", &json); printf("json scalar rc=%d value=%s\n", rc, json); gzq_string_free(json);
        rc = gzq_set_global_json(g, "bad", "[{\"a\": 1},\n {\"a\": 1 2}]"); show_error("bad json", rc);
        rc = gzq_set_global_csv(g, "bad", "a,b\n1,2\n3\n"); show_error("bad csv", rc);

        rc = gzq_register(g, "target", 1, target, NULL); printf("register rc=%d\n", rc);
        rc = gzq_eval(g, "target(\"贵阳市\")", &json); show("host", rc, json);
        rc = gzq_eval(g, "[\"遵义市\", \"毕节市\"] | map(target)", &json); show("host pipeline", rc, json);
        rc = gzq_eval(g, "let a = 1\nlet x = target(\"六盘水市\")", &json);
        gzq_last_error(g, &line, &column);
        printf("host error rc=%d id=%s at %d:%d message=%s\n", rc, gzq_last_error_id(g), line, column, gzq_last_error(g, NULL, NULL));
        printf("error text:\n%s", gzq_last_error_text(g));
        rc = gzq_eval(g, "try { target(\"六盘水市\") } catch e { e.message }", &json); show("caught", rc, json);
        gzq_register(g, "broken", 0, broken, NULL);
        rc = gzq_eval(g, "broken()", &json);
        printf("host bad json rc=%d message=%s\n", rc, gzq_last_error(g, NULL, NULL));

        rc = gzq_eval(g, "let = 1", &json); gzq_last_error(g, &line, &column);
        printf("syntax rc=%d id=%s at %d:%d\n", rc, gzq_last_error_id(g), line, column);
        rc = gzq_eval(g, "1 + \"a\"", &json); gzq_last_error(g, &line, &column);
        printf("runtime rc=%d id=%s at %d:%d file=%s\n", rc, gzq_last_error_id(g), line, column, gzq_last_error_file(g));

        rc = gzq_eval(g, "read_csv(\"/etc/passwd\")", &json);
        printf("sandbox rc=%d id=%s message=%s\n", rc, gzq_last_error_id(g), gzq_last_error(g, NULL, NULL));
        rc = gzq_eval(g, "import \"/etc/x.gzq\"", &json);
        printf("import rc=%d id=%s\n", rc, gzq_last_error_id(g));
        char folder[] = "/tmp/gzq-capi-XXXXXX";
        if (!mkdtemp(folder)) return 1;
        char path[256], source[512];
        snprintf(path, sizeof path, "%s/in.csv", folder);
        FILE *f = fopen(path, "w"); fputs("a\n1\n", f); fclose(f);
        gzq_grant_folder(g, folder);
        snprintf(source, sizeof source, "read_csv(\"%s/in.csv\") | len", folder);
        rc = gzq_eval(g, source, &json); show("granted", rc, json);
        snprintf(source, sizeof source, "read_csv(\"%s/../in.csv\") | len", folder);
        rc = gzq_eval(g, source, &json); printf("escape rc=%d id=%s\n", rc, gzq_last_error_id(g));
        remove(path); rmdir(folder);

        gzq_set_limits(g, 5000, 0, 0, 0);
        rc = gzq_eval(g, "while true {}", &json);
        printf("steps rc=%d id=%s message=%s\n", rc, gzq_last_error_id(g), gzq_last_error(g, NULL, NULL));
        gzq_set_limits(g, 0, 0, 0, 0);
        rc = gzq_eval(g, "fn down(n) { if n == 0 { 0 } else { 1 + down(n - 1) } }\ndown(20000)", &json);
        printf("recursion rc=%d id=%s message=%s\n", rc, gzq_last_error_id(g), gzq_last_error(g, NULL, NULL));

        pthread_t thread;
        pthread_create(&thread, NULL, interrupter, NULL);
        rc = gzq_eval(g, "while true {}", &json);
        double latency = now() - asked_at;
        pthread_join(thread, NULL);
        printf("interrupt rc=%d id=%s fast=%s\n", rc, gzq_last_error_id(g), latency < 0.1 ? "yes" : "no");
        if (latency >= 0.1) fprintf(stderr, "interrupt latency %.3f s\n", latency);
        rc = gzq_eval(g, "1 + 1", &json); show("after interrupt", rc, json);

        // From 128K rows on the fast path splits steps between threads; the result is the same.
        const char *grouped = "let r = table({a: 1..200000}) | derive g = a mod 9 | where a mod 7 != 0"
                              " | summarize n = count(), s = sum(a), m = avg(g) by g | sort g\n"
                              "\"\\(len(r)) \\(r.n[0]) \\(r.s[0]) \\(r.m[8])\"";
        gzq_set_threads(g, 4);
        rc = gzq_eval(g, grouped, &json); show("threads 4", rc, json);
        gzq_set_threads(g, 1);
        rc = gzq_eval(g, grouped, &json); show("threads 1", rc, json);
        gzq_set_threads(g, 0);
        printf("threads misuse %d\n", gzq_set_threads(NULL, 1));

        char printed[256] = "";
        gzq_set_output(g, collect, printed);
        gzq_eval(g, "print(\"hello\", 1)", NULL);
        printf("output: [%s]\n", printed);
        printed[0] = '\0';
        gzq_eval(g, "print(\"贵阳\\u{0}市\")", NULL);
        printf("output: [%s]\n", printed);
        gzq_set_output(g, NULL, NULL);
        gzq_eval(g, "print(\"discarded\")", NULL);

        char warned[256] = "";
        gzq_set_warnings(g, first_line, warned);
        rc = gzq_eval(g, "table({n: [1, 2]}) | check n > 1 warn | len", &json); show("warn", rc, json);
        printf("warning: [%s]\n", warned);
        gzq_set_warnings(g, NULL, NULL);

        printf("misuse %d %d %d %d %d %d\n", gzq_eval(g, NULL, &json), gzq_set_global_json(g, "not a name", "1"),
               gzq_set_global_csv(g, "x", NULL), gzq_register(g, "f", 1, NULL, NULL), gzq_register(g, "f", -1, target, NULL),
               gzq_grant_folder(g, ""));
        printf("null handle %d %s\n", gzq_eval(NULL, "1", &json), json ? json : "(null)");
        gzq_interrupt(NULL);
        gzq_string_free(NULL);
        gzq_eval(g, "1", NULL);
        const char *last = gzq_last_error(g, NULL, NULL);
        printf("last error after success %s\n", last ? last : "(null)");
        gzq_free(g);
        gzq_free(NULL);
        printf("freed\n");
        return 0;
    }
    """#
}

/// Bytes read on another thread, handed over after a semaphore.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}

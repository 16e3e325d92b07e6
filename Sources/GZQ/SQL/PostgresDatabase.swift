import CPostgres
import Foundation

/// PostgreSQL through libpq (REFERENCE §14). One connection; statements run one at a time
/// (a second thread's query waits for the first), while `cancel()` may come from any thread.
///
/// Results come in libpq's text format and are decoded by column type
/// (`PostgresDatabase+Results.swift`); parameters are sent as text next to the statement
/// (`PostgresParameters.swift`), never spliced into it.
final class PostgresDatabase: Database {
    let dialect = SQLDialect.postgres
    let displayName: String
    /// Asked every 100 ms while a statement runs; true sends the server a cancel request
    /// (the `postgres(…)` builtin connects it to the interrupt flag: Ctrl-C).
    var shouldStop: (() -> Bool)?

    /// `PGconn *`; nil once closed. Used only while `statementLock` is held.
    private var connection: OpaquePointer?
    /// Serializes statements: a libpq connection is not safe for concurrent use. Recursive, so
    /// `write` can hold it across its transaction and still ask for the table's schema.
    let statementLock = NSRecursiveLock()
    /// Guards `cancelHandle`, `running` and `cancelRequested`, which `cancel()` reads from
    /// another thread while a statement runs.
    private let cancelLock = NSLock()
    /// `PGcancel *`, made once after connecting; `PQcancel` on it is thread-safe.
    private var cancelHandle: OpaquePointer?
    private var running = false
    private var cancelRequested = false
    private var cancelRequestedAt: Date?
    /// Why the connection was given up (a server that stopped answering), once it was.
    private var lostMessage: String?
    /// The `statement_timeout` last set on the session, in milliseconds (0 = none), so a
    /// query with the same timeout as the one before costs no extra round trip.
    private var sessionTimeoutMilliseconds = 0

    /// Seconds libpq may spend establishing the connection, unless the URL says otherwise.
    static let connectTimeoutSeconds = 10

    /// Connects by URL (`postgresql://user:pw@host:port/db`) or libpq keyword string
    /// (`host=/tmp/x dbname=cases`). A failure carries libpq's message with any password removed.
    init(url: String) throws {
        // connect_timeout comes first so that one given in `url` (expanded from dbname) wins.
        let keywords = ["connect_timeout", "dbname"]
        let values = [String(Self.connectTimeoutSeconds), url]
        let conn = Self.withCStrings(keywords) { k in
            Self.withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
        }
        connection = conn
        displayName = Self.describe(conn)
        // From here on, deinit frees the connection (also when this init throws: all stored
        // properties are set, so deinit runs; freeing it here too would free it twice).
        guard let conn, PQstatus(conn) == CONNECTION_OK else {
            let message = conn.map { Self.libpqMessage($0) } ?? "out of memory while connecting"
            throw DatabaseError(kind: .connection, message: PostgresSecrets.redact(message, connectionString: url))
        }
        guard PQsetClientEncoding(conn, "UTF8") == 0 else {
            throw DatabaseError(kind: .connection, message: "the server cannot send UTF-8 text: " + Self.libpqMessage(conn))
        }
        // Server notices (NOTICE: table "t" does not exist, skipping) would go straight to
        // stderr, past the host; gzq has no place for them.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        cancelHandle = PQgetCancel(conn)
        // ISO dates whatever the server's DateStyle; shortest exact float text on any version.
        // (One statement: a parameterized statement is at most one.)
        try run("SELECT set_config('DateStyle', 'ISO, YMD', false), set_config('extra_float_digits', '3', false)")
    }

    deinit {
        if let cancelHandle { PQfreeCancel(cancelHandle) }
        if let connection { PQfinish(connection) }
    }

    func query(_ sql: String, parameters: [Value], timeout: Double?) throws -> Table {
        statementLock.lock()
        defer { statementLock.unlock() }
        try setTimeout(timeout)
        let result = try execute(sql, parameters: PostgresParameters(parameters))
        defer { PQclear(result) }
        return try table(from: result)
    }

    func cancel() {
        cancelLock.lock()
        defer { cancelLock.unlock() }
        guard running, let cancelHandle else { return }
        cancelRequested = true
        if cancelRequestedAt == nil { cancelRequestedAt = Date() }
        var buffer = [CChar](repeating: 0, count: 256)
        // A failed request (server gone) changes nothing: the running statement then fails on
        // its own with the connection's message.
        _ = PQcancel(cancelHandle, &buffer, Int32(buffer.count))
    }

    func close() {
        statementLock.lock()
        defer { statementLock.unlock() }
        cancelLock.lock()
        if let cancelHandle { PQfreeCancel(cancelHandle) }
        cancelHandle = nil
        cancelLock.unlock()
        if let connection { PQfinish(connection) }
        connection = nil
    }

    // MARK: - Running statements (callers hold `statementLock`)

    /// Runs a statement of gzq's own with no parameters and no result rows wanted.
    func run(_ sql: String) throws {
        let result = try execute(sql, parameters: PostgresParameters([]))
        PQclear(result)
    }

    /// Runs one statement and returns its successful result (the caller clears it), or throws
    /// the server's error: a lost connection as `.connection`, a cancel as `.cancelled`, the
    /// statement timeout as `.timeout`, anything else the server refused as `.query`.
    func execute(_ sql: String, parameters: PostgresParameters) throws -> OpaquePointer {
        let conn = try openConnection()
        beginStatement()
        let sent = parameters.withPointers { values, types, count in
            PQsendQueryParams(conn, sql, count, types, values, nil, nil, 0)
        }
        guard sent == 1 else {
            _ = endStatement()
            throw DatabaseError(kind: .connection, message: Self.libpqMessage(conn))
        }
        return try finishStatement(conn)
    }

    /// Collects the result of the statement sent on `conn` (begun with `beginStatement`), ends
    /// it and checks it.
    func finishStatement(_ conn: OpaquePointer) throws -> OpaquePointer {
        let result: OpaquePointer?
        do {
            result = try collectResult(conn)
        } catch {
            _ = endStatement()
            throw error
        }
        let cancelled = endStatement()
        return try check(result, connection: conn, cancelled: cancelled)
    }

    /// The statement's result: the first failed one if any, else the last one (a COPY's
    /// COPY_IN at once). Waits through `waitWhileBusy`, so a silent server cannot hang it.
    private func collectResult(_ conn: OpaquePointer) throws -> OpaquePointer? {
        var kept: OpaquePointer?
        do {
            while true {
                try waitWhileBusy(conn)
                guard let next = PQgetResult(conn) else { return kept }
                switch PQresultStatus(next) {
                case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
                    if let kept { PQclear(kept) }
                    return next
                default:
                    if let old = kept, Self.failed(old) { PQclear(next) } else { if let kept { PQclear(kept) }; kept = next }
                }
            }
        } catch {
            if let kept { PQclear(kept) }
            throw error
        }
    }

    private static func failed(_ result: OpaquePointer) -> Bool {
        let status = PQresultStatus(result)
        return status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && status != PGRES_EMPTY_QUERY
    }

    /// Seconds a server may stay silent after the statement's timeout or a cancel before the
    /// connection is given up (a stopped or unreachable server answers neither).
    static let silenceGrace = 3.0

    /// Waits until libpq holds a whole result, reading as the server sends. Gives the
    /// connection up (closes it, and throws) when the server has been silent for
    /// `silenceGrace` seconds past the statement timeout, or twice that past a cancel request
    /// (sent a second time in between).
    private func waitWhileBusy(_ conn: OpaquePointer) throws {
        let started = Date()
        var lastInput = started
        var cancelResent = false
        while PQisBusy(conn) != 0 {
            var socket = pollfd(fd: PQsocket(conn), events: Int16(POLLIN), revents: 0)
            let ready = poll(&socket, 1, 100)
            if ready > 0 {
                // On a failure libpq keeps the message, and PQgetResult reports it.
                guard PQconsumeInput(conn) == 1 else { return }
                lastInput = Date()
                continue
            }
            if ready < 0 && errno != EINTR { return }
            if shouldStop?() == true { cancel() }
            cancelLock.lock()
            let cancelledAt = cancelRequestedAt
            cancelLock.unlock()
            var limit = cancelledAt
            if sessionTimeoutMilliseconds > 0 {
                let timeoutAt = started.addingTimeInterval(Double(sessionTimeoutMilliseconds) / 1000)
                limit = min(limit ?? timeoutAt, timeoutAt)
            }
            let now = Date()
            if let limit, now.timeIntervalSince(limit) > Self.silenceGrace, now.timeIntervalSince(lastInput) > Self.silenceGrace {
                if cancelledAt != nil && !cancelResent {
                    // The first request may have reached the server before the statement did
                    // (it is then ignored): ask once more before giving the connection up.
                    cancelResent = true
                    lastInput = now
                    resendCancel()
                    continue
                }
                let reason = cancelledAt != nil ? "after the cancel request" : "after the statement timeout"
                let message = "the server did not answer for \(Int(now.timeIntervalSince(limit).rounded())) s \(reason); the connection to \(displayName) was closed"
                abandon(conn, message)
                throw DatabaseError(kind: cancelledAt != nil ? .cancelled : .timeout, message: message)
            }
        }
    }

    private func resendCancel() {
        cancelLock.lock()
        defer { cancelLock.unlock() }
        guard let cancelHandle else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancelHandle, &buffer, Int32(buffer.count))
    }

    /// Closes a connection whose server stopped answering; later calls fail with `message`.
    private func abandon(_ conn: OpaquePointer, _ message: String) {
        cancelLock.lock()
        if let cancelHandle { PQfreeCancel(cancelHandle) }
        cancelHandle = nil
        cancelLock.unlock()
        PQfinish(conn)
        connection = nil
        lostMessage = message
    }

    /// The live connection, or `.connection` when it is closed or was lost.
    func openConnection() throws -> OpaquePointer {
        if let lostMessage { throw DatabaseError(kind: .connection, message: lostMessage) }
        guard let conn = connection else {
            throw DatabaseError(kind: .usage, message: "the connection to \(displayName) is closed")
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            throw DatabaseError(kind: .connection, message: "the connection to \(displayName) was lost: " + Self.libpqMessage(conn))
        }
        return conn
    }

    /// Turns a libpq result into the result or an error (clearing it then).
    func check(_ result: OpaquePointer?, connection conn: OpaquePointer, cancelled: Bool) throws -> OpaquePointer {
        guard let result else {
            throw DatabaseError(kind: PQstatus(conn) == CONNECTION_OK ? .query : .connection, message: Self.libpqMessage(conn))
        }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_COPY_IN:
            return result
        default:
            let error = Self.error(of: result, connection: conn, cancelled: cancelled)
            PQclear(result)
            throw error
        }
    }

    func beginStatement() {
        cancelLock.lock()
        running = true
        cancelRequested = false
        cancelRequestedAt = nil
        cancelLock.unlock()
    }

    /// Ends the statement; true when `cancel()` was asked for during it.
    func endStatement() -> Bool {
        cancelLock.lock()
        defer { cancelLock.unlock() }
        running = false
        return cancelRequested
    }

    /// Sets `statement_timeout` when it differs from the session's current one.
    func setTimeout(_ seconds: Double?) throws {
        var milliseconds = 0
        if let seconds, seconds.isFinite, seconds > 0 {
            // At least 1 ms (0 would mean none); at most PostgreSQL's limit (about 24 days).
            milliseconds = Int(min((seconds * 1000).rounded(.up), Double(Int32.max)))
        }
        guard milliseconds != sessionTimeoutMilliseconds else { return }
        try run("SET statement_timeout = \(milliseconds)")
        sessionTimeoutMilliseconds = milliseconds
    }

    // MARK: - Messages

    /// The error of a failed result: the server's primary message (with its detail and hint),
    /// or libpq's own message when the failure is on the client's side.
    static func error(of result: OpaquePointer, connection conn: OpaquePointer, cancelled: Bool) -> DatabaseError {
        let state = field(result, DiagnosticField.sqlState)
        var message = oneLine(field(result, DiagnosticField.primary) ?? trimmed(PQresultErrorMessage(result)))
        if message.isEmpty { message = libpqMessage(conn) }
        if let detail = field(result, DiagnosticField.detail) { message += " (\(detail))" }
        if let hint = field(result, DiagnosticField.hint) { message += "; hint: \(hint)" }
        let kind: DatabaseError.Kind
        if PQstatus(conn) != CONNECTION_OK || state == nil || state?.hasPrefix("08") == true || state?.hasPrefix("57P") == true {
            // No SQLSTATE: libpq's own failure (the server closed the socket, which libpq may
            // notice only on the next read); 08xxx connection exceptions; 57P01 terminated.
            kind = .connection
        } else if state == "57014" {
            kind = cancelled ? .cancelled : .timeout     // query_canceled: by us, or by statement_timeout
        } else {
            kind = .query
        }
        // 22003 on an integer type is gzq's own error (`sum` of bigint is cast back to bigint for
        // exactly this): the same words as the local engines and SQLite.
        if state == "22003", message.contains("integer out of range") || message.contains("bigint out of range") {
            message = "integer overflow"
        }
        return DatabaseError(kind: kind, message: message)
    }

    /// libpq's PG_DIAG_* codes (char macros, which Swift does not import).
    enum DiagnosticField {
        static let sqlState = Int32(UInt8(ascii: "C"))
        static let primary = Int32(UInt8(ascii: "M"))
        static let detail = Int32(UInt8(ascii: "D"))
        static let hint = Int32(UInt8(ascii: "H"))
    }

    static func field(_ result: OpaquePointer, _ code: Int32) -> String? {
        guard let p = PQresultErrorField(result, code) else { return nil }
        let s = String(cString: p)
        return s.isEmpty ? nil : s
    }

    static func libpqMessage(_ conn: OpaquePointer) -> String {
        let message = oneLine(trimmed(PQerrorMessage(conn)))
        return message.isEmpty ? "unknown libpq error" : message
    }

    /// libpq's multi-line text on one line, for a gzq diagnostic: an indented line continues
    /// the sentence before it, other lines are further messages.
    /// "server closed the connection unexpectedly\n\tThis probably means …\ninvalid socket" →
    /// "server closed the connection unexpectedly. This probably means …; invalid socket".
    static func oneLine(_ text: String) -> String {
        var result = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let continues = line.first == "\t" || line.first == " "
            let part = line.trimmingCharacters(in: .whitespaces)
            guard !part.isEmpty else { continue }
            if result.isEmpty {
                result = part
            } else if continues {
                result += (result.last.map { ".,;:".contains($0) } ?? true) || part.first?.isLowercase == true ? " " + part : ". " + part
            } else {
                result += (result.last == "." ? " " : "; ") + part
            }
        }
        return result
    }

    static func trimmed(_ p: UnsafePointer<CChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `postgres://host:port/db` of a connection (its user too; never its password).
    static func describe(_ conn: OpaquePointer?) -> String {
        guard let conn, PQstatus(conn) == CONNECTION_OK else { return "postgres" }
        func text(_ p: UnsafeMutablePointer<CChar>?) -> String { p.map { String(cString: $0) } ?? "" }
        return "postgres://\(text(PQuser(conn)))@\(text(PQhost(conn))):\(text(PQport(conn)))/\(text(PQdb(conn)))"
    }

    /// Calls `body` with a NULL-terminated C array of the strings.
    static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
        defer { for p in copies { free(p) } }
        let pointers = copies.map { UnsafePointer($0) }
        // The array passes as a pointer to its elements for the length of the call.
        return body(pointers)
    }
}

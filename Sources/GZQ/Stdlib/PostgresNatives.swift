/// `postgres(url)` (REFERENCE §14): connects to a PostgreSQL server through libpq. A network
/// connection, so a sandboxed program (`--sandbox`, or an embedder that granted no access)
/// may not make one.
enum PostgresNatives {
    /// The registration row. `wrap` turns the open database into the language's database
    /// value; the language side supplies it (`Builtins.all` gets `PostgresNatives.builtins(wrap: …)`).
    static func builtins(wrap: @escaping (DatabaseHandle) -> Value) -> [Builtin] {
        [
            Builtin("postgres", ["url"], pure: false,
                    doc: """
                    Connects to a PostgreSQL server and returns the database, whose tables are then read as \
                    remote tables. `url` is a URL (postgresql://user:password@host:5432/cases) or a libpq \
                    keyword string ("host=/tmp dbname=cases"); what it leaves out comes from the PG* \
                    environment variables (PGHOST, PGUSER…) as in psql. A connection that fails is an error \
                    with the server's message (never the password). A sandboxed program may not connect.
                    """,
                    example: "") { call in
                let url = try call.string(0)
                do {
                    return wrap(try open(url, host: call.ctx.host))
                } catch let error as DatabaseError {
                    throw call.error("postgres(): " + error.message)
                }
            },
        ]
    }

    /// Connects after checking that the host allows network access.
    static func open(_ url: String, host: HostConfiguration) throws -> DatabaseHandle {
        guard allowsNetwork(host) else {
            throw DatabaseError(kind: .usage, message: "a sandboxed program may not connect to a database server (the host granted no network access)")
        }
        return DatabaseHandle(try PostgresDatabase(url: url))
    }

    /// Whether the host lets the program open network connections. Until the host has a
    /// setting of its own for databases, only unrestricted hosts do (the `gzq` command
    /// without `--sandbox`); any folder grant or none means sandboxed.
    static func allowsNetwork(_ host: HostConfiguration) -> Bool {
        if case .unrestricted = host.fileAccess { return true }
        return false
    }
}

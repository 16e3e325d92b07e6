/// `postgres(url)` (REFERENCE §14): connects to a PostgreSQL server through libpq. A network
/// connection, so only a host that grants network databases allows it (the `gzq` command
/// without `--sandbox`; `HostConfiguration.allowsNetworkDatabases` for an embedder).
enum PostgresNatives {
    static let builtins: [Builtin] = [
        Builtin("postgres", ["url"], pure: false,
                doc: """
                Connects to a PostgreSQL server and returns the database, whose tables are then read as \
                remote tables. `url` is a URL (postgresql://user:password@host:5432/cases) or a libpq \
                keyword string ("host=/tmp dbname=cases"); what it leaves out comes from the PG* \
                environment variables (PGHOST, PGUSER…) as in psql. A connection that fails is an error \
                with the server's message (never the password). A sandboxed program may not connect; \
                Ctrl-C and --timeout cancel a running statement on the server.
                """,
                // The documentation runs sandboxed, so its example shows the refusal a sandboxed program gets.
                example: "try { postgres(\"postgresql://analyst@db.example/cases\") } catch e { e.message }") { call in
            try DatabaseNatives.checkNetworkAllowed(call)
            let url = try call.string(0)
            let database: PostgresDatabase
            do { database = try PostgresDatabase(url: url) } catch let error as DatabaseError { throw call.error(.postgresConnectFailed, error.message) }
            // Ctrl-C (the interrupt flag) sends the server a cancel request for the running statement.
            database.shouldStop = { [flag = call.ctx.interrupt] in flag.isSet }
            return DatabaseNatives.opened(database, call)
        },
    ]
}

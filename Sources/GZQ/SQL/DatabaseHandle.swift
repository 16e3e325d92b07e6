/// An open database as the language holds it. A placeholder for the value the language side
/// of issue 14 defines (`db` in `db = postgres(url)`): at the merge this type is replaced by
/// that value's payload, and `PostgresNatives.builtins(wrap:)` gets the function making it.
final class DatabaseHandle {
    let database: any Database

    init(_ database: any Database) { self.database = database }
}

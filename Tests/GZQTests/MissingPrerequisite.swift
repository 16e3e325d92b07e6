/// Thrown by a test whose tool or build product is missing: XCTest records it as a failure with
/// this message. A test never skips — `make test` installs what the tests need, and a machine
/// where it could not is a red run, not a green one with holes.
struct MissingPrerequisite: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

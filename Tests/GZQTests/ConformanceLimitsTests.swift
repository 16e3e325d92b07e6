import Testing
import GZQ

/// The conformance runner's `# limits:` header: what it sets, and that a malformed header
/// fails its file instead of running it under the defaults.
struct ConformanceLimitsTests {
    @Test func headerSetsEveryLimit() throws {
        let limits = try ConformanceLimits.parse("print(1)\n# limits: steps=10240 memory=1.5MB time=200ms depth=100\n").get()
        #expect(limits.maxSteps == 10240)
        #expect(limits.maxMemoryBytes == 1_572_864)
        #expect(limits.timeout == 0.2)
        #expect(limits.maxCallDepth == 100)
        let units = try ConformanceLimits.parse("# limits: memory=512KB time=2s\n").get()
        #expect(units.maxMemoryBytes == 524_288 && units.timeout == 2 && units.maxSteps == nil && units.maxCallDepth == 10_000)
    }

    @Test func noHeaderKeepsTheDefaults() throws {
        let limits = try ConformanceLimits.parse("print(1)  # limits: steps=5 (not at the start of a line)\n").get()
        #expect(limits.maxSteps == nil && limits.maxMemoryBytes == nil && limits.timeout == nil && limits.maxCallDepth == 10_000)
    }

    @Test(arguments: [
        "# limits:", "# limits: steps=0", "# limits: steps=ten", "# limits: memory=1", "# limits: memory=-1MB",
        "# limits: time=2", "# limits: time=0s", "# limits: depth=1 depth=2", "# limits: stack=10", "# limits: steps",
        "# limits: steps=10\n# limits: depth=10",
    ])
    func malformedHeaderIsAnError(_ header: String) {
        if case .success(let limits) = ConformanceLimits.parse(header + "\n") {
            Issue.record("'\(header)' was accepted as \(limits)")
        }
    }
}

import Testing
@testable import WarRoomEngine

@Suite("Timing grammar")
struct TimingTests {
    @Test("durations as runbooks write them", arguments: [
        ("2m", Timing.exact(seconds: 120)),
        ("1h30m", .exact(seconds: 5_400)),
        ("1h 30m", .exact(seconds: 5_400)),
        ("90s", .exact(seconds: 90)),
        ("1 min", .exact(seconds: 60)),
        ("4 hours", .exact(seconds: 14_400)),
        ("1.5 hours", .exact(seconds: 5_400)),
        ("5-10m", .range(low: 300, high: 600)),
        ("30-60 min", .range(low: 1_800, high: 3_600)),
        ("2-3 minutes", .range(low: 120, high: 180)),
        ("5 to 10 minutes", .range(low: 300, high: 600)),
        ("1h-2h", .range(low: 3_600, high: 7_200)),
        ("0-4h", .range(low: 0, high: 14_400)),
        ("2-4 weeks", .range(low: 1_209_600, high: 2_419_200)),
        ("within 3 months", .within(seconds: 7_776_000)),
        ("ongoing", .ongoing),
        ("Continuous", .ongoing),
        ("immediate", .immediate),
        ("Immediately", .immediate),
        ("within 2h", .within(seconds: 7_200)),
        ("Within 48 hours", .within(seconds: 172_800)),
        ("until resolved", .untilResolved),
        ("Next day", .nextDay),
        ("before retry", .event(relation: .before, event: "retry")),
        ("After restoration", .event(relation: .after, event: "restoration")),
    ])
    func parses(text: String, expected: Timing) throws {
        #expect(try Timing.parse(text).get() == expected)
    }

    @Test("rejects what is not a timing", arguments: [
        "", "soon", "5", "5 parsecs", "10-5m", "within", "within soon", "m5", "1h30",
        "99999999999999999999-1m", "1-99999999999999999999m", "1e400h", "within 99999999999w",
    ])
    func rejects(text: String) {
        #expect(throws: TimingParseError.self) { try Timing.parse(text).get() }
    }

    @Test("the canonical text parses back to the same timing", arguments: [
        "2m", "1h30m", "5-10m", "30-60 min", "4 hours", "ongoing", "immediate", "within 2h", "until resolved",
        "next day", "after restoration", "2-4 weeks", "within 48 hours", "45s", "1h-1h30m",
    ])
    func roundTrips(text: String) throws {
        let timing = try Timing.parse(text).get()
        #expect(try Timing.parse(timing.description).get() == timing)
    }

    @Test func canonicalForms() throws {
        #expect(try Timing.parse("30-60 min").get().description == "30-60m")
        #expect(try Timing.parse("Within 48 hours").get().description == "within 48h")
        #expect(try Timing.parse("2-4 weeks").get().description == "2-4w")
        #expect(try Timing.parse("1h 30m").get().description == "1h30m")
    }

    @Test func estimatesAndDeadlines() {
        #expect(Timing.range(low: 300, high: 600).estimate! == (300, 600))
        #expect(Timing.exact(seconds: 60).estimate! == (60, 60))
        #expect(Timing.ongoing.estimate == nil)
        #expect(Timing.within(seconds: 3_600).deadline == 3_600)
        #expect(Timing.immediate.deadline == 0)
        #expect(Timing.nextDay.deadline == 86_400)
        #expect(Timing.untilResolved.deadline == nil)
    }

    @Test func durationNotation() {
        // Always with units, the two largest that apply, rounded down: never m:ss or h:mm:ss.
        #expect(DurationNotation.text(0) == "0s")
        #expect(DurationNotation.text(45) == "45s")
        #expect(DurationNotation.text(555) == "9m15s")
        #expect(DurationNotation.text(540) == "9m")
        #expect(DurationNotation.text(3_723) == "1h2m")
        #expect(DurationNotation.text(4_920 + 59) == "1h22m")
        #expect(DurationNotation.text(3_600) == "1h")
        #expect(DurationNotation.text(72_840) == "20h14m")
        #expect(DurationNotation.text(86_400 + 20 * 3_600 + 59 * 60) == "1d20h")
        #expect(DurationNotation.text(-30) == "-30s")
        #expect(DurationNotation.signed(555) == "+9m15s")
        #expect(DurationNotation.signed(0) == "0s")
        #expect(DurationNotation.due(in: 575) == "due in 9m35s")
        #expect(DurationNotation.due(in: -82) == "overdue by 1m22s")
        #expect(DurationNotation.left(-58_440) == "exceeded by 16h14m")
        #expect(DurationNotation.range(3_600, 7_200) == "1h-2h")
    }

    @Test func compactInstantsGainTheirDateAcrossMidnight() throws {
        let evening = try #require(Instant(iso8601: "2026-11-24T23:28:38Z"))
        let night = try #require(Instant(iso8601: "2026-11-25T00:04:10Z"))
        #expect(InstantNotation(from: evening, to: evening).compact(evening) == "23:28:38")
        #expect(InstantNotation(from: evening, to: evening).compact(evening, seconds: false) == "23:28")
        let spanning = InstantNotation(from: evening, to: night)
        #expect(spanning.compact(evening) == "11-24 23:28:38")
        #expect(spanning.compact(night, seconds: false) == "11-25 00:04")
    }

    @Test func countNotation() {
        #expect(CountNotation.count(1, "event") == "1 event")
        #expect(CountNotation.count(0, "event") == "0 events")
        #expect(CountNotation.count(16, "event") == "16 events")
        #expect(CountNotation.count(2, "entry", plural: "entries") == "2 entries")
    }

    @Test func instantNotation() {
        let evening = Instant(iso8601: "2026-11-24T23:28:38Z")!, midnight = Instant(iso8601: "2026-11-25T00:00:00Z")!
        let oneDay = InstantNotation(from: Instant(iso8601: "2026-11-24T09:00:00Z")!, to: evening)
        #expect(oneDay.text(evening) == "23:28:38Z")
        #expect(oneDay.text(midnight) == "2026-11-25 00:00:00Z")   // not the incident's day: dated
        #expect(oneDay.minutes(evening) == "23:28Z")
        #expect(oneDay.dueAt(evening) == "due at 23:28:38Z")
        let twoDays = InstantNotation(from: evening, to: midnight)
        #expect(twoDays.text(evening) == "2026-11-24 23:28:38Z")
        #expect(twoDays.text(midnight) == "2026-11-25 00:00:00Z")
        #expect(Instant(iso8601: "1969-12-31T23:59:59Z")!.utcDay == -1)
    }
}

@Suite("Threshold, cadence and condition grammars")
struct SmallGrammarTests {
    @Test func thresholds() throws {
        let threshold = try Threshold.parse("api_error_rate > 15 % for 5m").get()
        #expect(threshold == Threshold(metric: "api_error_rate", op: .greater, value: 15, unit: "%", windowSeconds: 300))
        #expect(threshold.description == "api_error_rate > 15 % for 5m")
        #expect(try Threshold.parse("db_connection_failures > 100 /min").get().unit == "/min")
        #expect(try Threshold.parse("balance_mismatch >= 1.00 USD").get().value == 1.0)
        #expect(try Threshold.parse("p95 <= 200").get().unit == nil)
        for bad in ["error rate > 5 %", "rate => 5", "rate > five", "rate > 5 % for soon", "> 5", "rate > 5 per cent"] {
            #expect(throws: TimingParseError.self, "\(bad)") { try Threshold.parse(bad).get() }
        }
    }

    @Test func cadences() throws {
        #expect(try Cadence.parse("every 15m").get() == .every(seconds: 900))
        #expect(try Cadence.parse("Every 30 minutes").get() == .every(seconds: 1_800))
        #expect(try Cadence.parse("hourly").get() == .every(seconds: 3_600))
        #expect(try Cadence.parse("real-time").get() == .realTime)
        #expect(try Cadence.parse("scheduled").get() == .scheduled)
        #expect(Cadence.every(seconds: 3_600).description == "hourly")
        #expect(throws: TimingParseError.self) { try Cadence.parse("every 0m").get() }
        #expect(throws: TimingParseError.self) { try Cadence.parse("sometimes").get() }
    }

    @Test func conditions() throws {
        let condition = try CommsCondition.parse("impact > 2h").get()
        #expect(condition == CommsCondition(subject: .impact, op: .greater, seconds: 7_200))
        #expect(condition.holds(elapsed: 7_201))
        #expect(!condition.holds(elapsed: 7_200))
        #expect(throws: TimingParseError.self) { try CommsCondition.parse("users > 2h").get() }
        #expect(throws: TimingParseError.self) { try CommsCondition.parse("impact == 2h").get() }
    }
}

@testable import BybitSimulator
import Testing

@Suite struct ConfigurationTests {
    @Test(arguments: [("0.10", 10, 2), ("17071", 17071, 0), ("-0.00375", -375, 5), ("0.0000001", 1, 7), ("100.00", 10000, 2)])
    func decimalsParseExactlyAndPrintAsWritten(text: String, units: Int64, scale: Int) throws {
        let decimal = try DecimalAmount(text)
        #expect(decimal.units == units && decimal.scale == scale)
        #expect(decimal.description == text)
    }

    @Test(arguments: ["", "-", ".5", "1.", "1e5", "+1", "1,000", "0x10", "12345678901234567890", "1.2.3"])
    func badDecimalsAreRejected(text: String) {
        #expect(throws: SimulatorConfigurationError.self) { try DecimalAmount(text) }
    }

    @Test(arguments: [
        (Int128(1_705_550), 2, true, "17055.5"), (1_705_500, 2, true, "17055"), (1_705_500, 2, false, "17055.00"),
        (0, 8, true, "0"), (0, 2, false, "0.00"), (5, 3, false, "0.005"), (-375, 5, false, "-0.00375"),
        (30_000_000_000_000_004, 17, true, "0.30000000000000004"), (Int128(Int64.max) * 1000, 3, false, "9223372036854775807.000"),
    ])
    func decimalTextIsExact(units: Int128, scale: Int, trim: Bool, expected: String) {
        var bytes: [UInt8] = []
        DecimalText.append(units, scale: scale, trimmingZeros: trim, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test func standardUniverseHasEnoughSymbols() {
        let universe = InstrumentUniverse.standard
        #expect(universe.instruments.count == 41)
        #expect(universe.instruments(in: .linear).count == 30)
        #expect(universe.instruments(in: .spot).count == 7)
        #expect(universe.instruments(in: .inverse).count == 4)
        #expect(universe.instrument(category: .inverse, symbol: "BTCUSD")?.contractType == "InversePerpetual")
        #expect(universe.instrument(category: .linear, symbol: "btcusdt") == nil)
    }

    static func instrument(_ change: (inout SimulatedInstrument) -> Void) -> SimulatedInstrument {
        var instrument = InstrumentUniverse.standard.instrument(category: .linear, symbol: "BTCUSDT")!
        change(&instrument)
        return instrument
    }

    @Test(arguments: [
        ("symbol", instrument { $0.symbol = "btcusdt" }), ("tick", instrument { $0.tickSize = try! DecimalAmount("0") }),
        ("fine tick", instrument { $0.tickSize = try! DecimalAmount("0.0000000001") }),
        ("volatility", instrument { $0.dailyVolatility = 0 }), ("quiet", instrument { $0.quietRate = 1 }),
        ("option", instrument { $0.category = .option }), ("delivery", instrument { $0.deliveryTime = 0 }),
    ])
    func invalidInstrumentsAreRejectedWithTheirName(label: String, instrument: SimulatedInstrument) {
        #expect { try InstrumentUniverse([instrument]) } throws: { error in
            let error = error as? SimulatorConfigurationError
            return error?.code == .invalidInstrument && error?.subject == "instrument \(instrument.key)"
        }
    }

    @Test func duplicatesAndEmptyUniversesAreRejected() throws {
        let btc = Self.instrument { _ in }
        #expect { try InstrumentUniverse([btc, btc]) } throws: { ($0 as? SimulatorConfigurationError)?.code == .duplicateInstrument }
        #expect { try InstrumentUniverse([]) } throws: { ($0 as? SimulatorConfigurationError)?.code == .emptyUniverse }
        let error = SimulatorConfigurationError(.invalidInstrument, subject: "instrument linear/X", "tickSize must be positive")
        #expect(error.description == "instrument linear/X: tickSize must be positive")
    }

    @Test func invalidBehaviourIsRejected() {
        let bad = [
            SimulatorBehavior(ipRateLimit: IPRateLimit(limit: 0)),
            SimulatorBehavior(ipRateLimit: IPRateLimit(window: .zero)),
            SimulatorBehavior(latency: .jittered(minimum: .seconds(2), maximum: .seconds(1))),
            SimulatorBehavior(bapiHeaders: BapiHeaders(limit: 0)),
        ]
        for behavior in bad {
            #expect { try behavior.validate() } throws: { ($0 as? SimulatorConfigurationError)?.code == .invalidBehavior }
        }
    }

    @Test func manualClockMoves() {
        let clock = ManualSimulatorClock(.milliseconds(1_000))
        clock.advance(by: .milliseconds(1_500))
        #expect(clock.now() == .milliseconds(2_500))
        clock.set(to: SimulatorTime(nanosecondsSinceEpoch: 7_999_999))
        #expect(clock.now().millisecondsSinceEpoch == 7)
        #expect(SimulatorTime(nanosecondsSinceEpoch: -1).millisecondsSinceEpoch == -1)
        let wall = SystemSimulatorClock().now()
        #expect(wall > .milliseconds(1_700_000_000_000))
    }
}

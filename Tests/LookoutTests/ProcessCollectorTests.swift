import Lookout
import Testing

@Suite struct ProcessCollectorTests {
    @Test func readsPlausibleValuesForThisProcess() throws {
        let registry = Registry()
        try registry.register(ProcessCollector())
        var values: [String: Double] = [:]
        for family in registry.snapshot() {
            switch family.series.first?.value {
            case .gauge(let value)?: values[family.descriptor.name] = value
            case .counter(let value, _)?: values[family.descriptor.name] = value
            default: break
            }
        }
        #expect(Set(values.keys) == ["process_cpu_seconds", "process_resident_memory_bytes", "process_virtual_memory_bytes",
                                     "process_open_fds", "process_max_fds", "process_start_time_seconds"])
        #expect(values["process_resident_memory_bytes"]! > 1_000_000)
        #expect(values["process_virtual_memory_bytes"]! >= values["process_resident_memory_bytes"]!)
        #expect(values["process_open_fds"]! >= 3)
        #expect(values["process_max_fds"]! >= values["process_open_fds"]!)
        #expect(values["process_cpu_seconds"]! >= 0)
        let now = Double(WallTime.seconds())
        // Boot time is whole seconds and start ticks are hundredths: allow that much slack.
        #expect(values["process_start_time_seconds"]! <= now + 2 && values["process_start_time_seconds"]! > now - 86_400)
    }

    @Test func namesMatchClientGolang() {
        let text = ProcessCollector.allDescriptors.map(\.sampleNames[0])
        #expect(text == ["process_cpu_seconds_total", "process_resident_memory_bytes", "process_virtual_memory_bytes",
                         "process_open_fds", "process_max_fds", "process_start_time_seconds"])
    }
}

/// The wall clock, independently of Lookout's own reading of it.
enum WallTime {
    static func seconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return now.tv_sec
    }
}

#if canImport(Glibc)
import Glibc
#endif

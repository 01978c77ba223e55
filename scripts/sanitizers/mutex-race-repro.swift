// Minimal program showing ThreadSanitizer reporting a data race inside
// Synchronization.Mutex itself on this toolchain (Swift 6.3.1, Linux): four threads
// increment one Mutex-protected counter, which is race-free by construction.
//
//   swiftc -sanitize=thread -O scripts/sanitizers/mutex-race-repro.swift -o /tmp/mutex-race-repro
//   /tmp/mutex-race-repro                    # TSan: "WARNING: ThreadSanitizer: data race"
//   TSAN_OPTIONS=suppressions=scripts/sanitizers/tsan.supp /tmp/mutex-race-repro   # clean
//
// scripts/sanitize runs it first, so the suppressions stay justified by evidence.
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

final class Shared: Sendable {
    let counter = Mutex(0)
    let flag = Atomic<Int>(0)
}

let shared = Shared()
let threadCount = 4
let iterations = 10_000

var threads: [pthread_t] = []
for _ in 0..<threadCount {
    var thread = pthread_t()
    let box = Unmanaged.passRetained(shared).toOpaque()
    let status = pthread_create(&thread, nil, { argument in
        let shared = Unmanaged<Shared>.fromOpaque(argument!).takeRetainedValue()
        for _ in 0..<iterations {
            shared.counter.withLock { $0 += 1 }
            shared.flag.wrappingAdd(1, ordering: .relaxed)
        }
        return nil
    }, box)
    precondition(status == 0, "pthread_create failed: \(status)")
    threads.append(thread)
}
for thread in threads { pthread_join(thread, nil) }

let total = shared.counter.withLock { $0 }
precondition(total == threadCount * iterations, "lost updates: \(total)")
print("mutex-race-repro: \(total) increments under Mutex, \(shared.flag.load(ordering: .relaxed)) on an Atomic")

import CatiCore
import CatiPostgres
import CatiStore
import Foundation

/// `cati-bench commits STORE N OUT` — one interviewer process's commits, as an
/// interview makes them: 10 accepted answers (each durable before the next), then the
/// finish; every commit's latency in ms to OUT, one a line. STORE is a data folder or
/// postgres://…; bench/postgres.sh runs 8 of these at once on each store.
func storeCommits(_ store: String, count: Int, out: String) throws {
    let location = StoreLocation(store)
    let opened: any InterviewStore
    switch location {
    case .folder(let path): opened = try FolderStore(folder: DataFolder(path: path))
    case .url(_, let text): opened = try PostgresStore(PostgresEndpoint(try PostgresURL(text)), survey: "bench", creating: true)
    }
    var latencies: [Double] = []
    latencies.reserveCapacity(count)
    let pad = String(repeating: "x", count: 600)
    while latencies.count < count {
        let now = Date().timeIntervalSince1970
        let handle = try opened.start(JournalHeader(id: InterviewID.make(at: now), survey: "bench", questionnaireSHA256: "0",
                                                    interviewer: "bench", startedAt: now, sample: nil, simulated: true))
        for k in 0..<10 {
            let start = Platform.monotonic
            try handle.append(.action(.answer(String(k)), at: now))
            latencies.append(Platform.monotonic - start)
        }
        let record = InterviewRecord(.object([("id", .string(handle.header.id)), ("status", .string("complete")),
                                              ("pad", .string(pad))]))
        let start = Platform.monotonic
        try handle.finish(record)
        latencies.append(Platform.monotonic - start)
    }
    try latencies.map { String(format: "%.4f", $0 * 1000) }.joined(separator: "\n")
        .write(toFile: out, atomically: true, encoding: .utf8)
}

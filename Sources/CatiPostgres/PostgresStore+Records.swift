import CatiCore
import CatiStore
import Foundation
import PostgresNIO

/// Finished interviews in PostgreSQL: counts, the record stream and its scans. Records
/// are read in commit order (PostgresStream.swift), so a record committed later never
/// lands behind a reader's cursor. A cursor holds the last (`xid`, `seq`) read; its
/// generation names the survey's incarnation. A record is one row, written in one
/// statement: there is never a torn one.
extension PostgresStore {
    /// Rows fetched per statement by the scans (memory stays bounded).
    static let scanBatch: Int64 = 20_000

    public func quotaCounts() throws -> QuotaCounts {
        let what = "count completes in \(location)"
        var counts = QuotaCounts()
        for row in try connection.query("""
            SELECT quota, cell, count(*)::integer FROM cati_completes WHERE survey = \(survey) GROUP BY quota, cell
            """, what) {
            let (quota, cell, n) = try row.decode((String, String, Int32).self)
            counts.complete[quota, default: [:]][cell] = Int(n)
        }
        counts.inProgress = try placesHeld()
        for row in try connection.query("""
            SELECT status, count(*)::integer FROM cati_interviews WHERE survey = \(survey) AND status IS NOT NULL GROUP BY status
            """, what) {
            let (status, n) = try row.decode((String, Int32).self)
            counts.statuses[status] = Int(n)
        }
        return counts
    }

    /// One read statement (its own snapshot, no lock an interviewer waits on): places of
    /// live holders, and of dead ones that died saving a complete (until recovery).
    public func placesHeld() throws -> [String: [String: Int]] {
        var held: [String: [String: Int]] = [:]
        for row in try connection.query("""
            SELECT p.quota, p.cell, count(*)::integer FROM cati_places p
            WHERE p.survey = \(survey) AND (p.holder IN (SELECT cati_live_sessions()) OR EXISTS (
                SELECT 1 FROM cati_in_progress f WHERE f.survey = p.survey AND f.id = p.interview AND f.finishing_complete))
            GROUP BY p.quota, p.cell
            """, "count places held in \(location)") {
            let (quota, cell, n) = try row.decode((String, String, Int32).self)
            held[quota, default: [:]][cell] = Int(n)
        }
        return held
    }

    /// Where a cursor continues: its seq and line, or the start when it names another
    /// incarnation of the survey (`restarted`, unless it is the very start).
    private func continuing(_ cursor: RecordCursor) -> (at: StreamPoint, line: Int, restarted: Bool, generation: String) {
        let gen = currentGeneration
        if cursor.generation != gen { return (StreamPoint(), 0, !cursor.generation.isEmpty, gen) }
        return (StreamPoint(cursor), cursor.line, false, gen)
    }

    public func readRecords(after cursor: RecordCursor, limit: Int) throws -> RecordBatch {
        var (at, line, restarted, gen) = continuing(cursor)
        let take = Int64(min(max(limit, 1), 100_000))
        var batch = RecordBatch(cursor: cursor, restarted: restarted)
        var count: Int64 = 0
        for (point, text) in try streamRows("cati_interviews", after: at, limit: take + 1, "read records from \(location)") {
            count += 1
            if count > take { batch.more = true; break }
            at = point; line += 1
            if let json = JSONParser.parseObject(Array(text.utf8)) {
                batch.records.append(json)
            } else {
                batch.warnings.append("record \(line) in \(location) cannot be read")
            }
        }
        batch.cursor = at.cursor(line: line, generation: gen)
        return batch
    }

    public func scanRecordLines(after cursor: RecordCursor,
                                _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> RecordScan {
        var (at, line, restarted, gen) = continuing(cursor)
        var passed = 0
        while true {
            var got: Int64 = 0
            for (point, text) in try streamRows("cati_interviews", after: at, limit: Self.scanBatch,
                                                "read records from \(location)") {
                got += 1
                var bytes = text
                try bytes.withUTF8 { try body($0) }
                at = point; line += 1; passed += 1
            }
            if got < Self.scanBatch { break }
        }
        return RecordScan(cursor: at.cursor(line: line, generation: gen), lines: passed,
                          restarted: restarted, tornTail: false,
                          restartReason: restarted ? "the survey in \(location) was created again" : nil)
    }

    /// One part: the rows come through one connection in order.
    public func scanAllRecordLines(parts: Int,
                                   _ body: @Sendable (Int, UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws -> [RecordScan] {
        var index = 0
        let scan = try scanRecordLines(after: .start) { line in
            try body(0, line, index)
            index += 1
        }
        return [scan]
    }

    /// Ids of the stored records (`cati store copy`).
    public func savedInterviewIDs() throws -> Set<String> {
        var ids = Set<String>()
        for row in try connection.query("SELECT id FROM cati_interviews WHERE survey = \(survey)", "list records of \(location)") {
            ids.insert(try row.decode(String.self))
        }
        return ids
    }

    /// Stores a finished record as a finish does, once (`cati store copy`).
    public func save(recordLine: String) throws {
        guard let record = InterviewRecord(line: recordLine) else { throw StoreError.damaged("record \(recordLine)") }
        try commitFinish(record)
    }
}

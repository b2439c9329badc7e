import Foundation

/// The colours a PNG screenshot holds (as 0xRRGGBB), decoded by a few lines of Python
/// with zlib only: 8-bit RGB or RGBA, non-interlaced, as Chromium writes them.
enum PNGColours {
    static let script = #"""
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
pos, idat, width, height, kind = 8, b'', 0, 0, 2
while pos < len(data):
    n, tag = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if tag == b'IHDR': width, height, depth, kind = struct.unpack('>IIBB', body[:10])
    if tag == b'IDAT': idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
bpp = 4 if kind == 6 else 3
stride = width * bpp
prev = bytearray(stride)
colours = set()
i = 0
for y in range(height):
    f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 2 == 0:
        for x in range(0, stride, bpp * 2):
            colours.add((line[x] << 16) | (line[x + 1] << 8) | line[x + 2])
    prev = line
print(' '.join('%06x' % c for c in sorted(colours)))
"""#

    static func count(_ path: String) throws -> Set<Int> {
        let directory = (path as NSString).deletingLastPathComponent
        let scriptPath = directory + "/png-colours.py"
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let child = try ChildProcess(["python3", scriptPath, path], directory: directory)
        var status: Int32?
        let deadline = Date().addingTimeInterval(120)
        while status == nil, Date() < deadline {
            var s: Int32 = 0
            if waitpid(child.pid, &s, WNOHANG) == child.pid { status = (s >> 8) & 0xff } else { usleep(20_000) }
        }
        guard status == 0 else { throw ChildProcess.Failure.failed("png-colours.py: \(child.stderr)") }
        return Set(child.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines), radix: 16) })
    }
}

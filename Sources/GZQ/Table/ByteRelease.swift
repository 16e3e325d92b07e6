/// Told by a reader that the bytes in a range will not be read again (unless a column turns
/// into strings and its earlier cells are re-read), so a memory-mapped file may drop those
/// pages. Readers on several threads each release their own range; callers must be safe to
/// call from any thread.
typealias ByteRelease = (Range<Int>) -> Void

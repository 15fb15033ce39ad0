// Fewer system calls per SQLite commit: WAL frames are gathered in memory and
// written to the WAL file in one call when the commit frame is written.
//
// SQLite writes each WAL frame with two pwrite calls (its 24-byte header, then
// the page), so a commit of 800 pages costs 1,600 system calls, a large share of
// an event batch's or a delivery group's time inside the write lock. The file
// format makes the end of a transaction visible to the writer: a commit frame's
// header holds the database size after the commit (non-zero), every other
// frame's holds zero (https://www.sqlite.org/fileformat.html#wal_file_format).
// So a WAL file's frames are kept in a buffer and written out with the commit
// frame's page, and that write's result is the commit's: a full disk fails the
// commit as it would without the buffer. Other connections learn of new frames
// only from the wal-index header, which SQLite updates after the frames are
// written, so they never see a frame still in the buffer. Any other use of the
// WAL file (a read, a sync, a truncation, its size) writes the buffer out first,
// and a write that does not follow the frame layout turns the buffering off for
// that file.
#pragma once

namespace touchpoint::engine::store {

// Registers the buffering VFS, wrapping SQLite's default one, as the default for
// connections opened afterwards. Call once, before opening connections; safe to
// call again. Throws std::runtime_error when SQLite has no default VFS.
void install_sqlite_wal_write_buffer();

} // namespace touchpoint::engine::store

#include "engine/store/sqlite_wal_writes.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <new>
#include <stdexcept>
#include <vector>

namespace touchpoint::engine::store {
namespace {

// The WAL file format (https://www.sqlite.org/fileformat.html#wal_file_format):
// a 32-byte header with the page size at bytes 8-11, then frames of a 24-byte
// header (bytes 4-7: the database size after a commit, else 0) and one page.
constexpr sqlite3_int64 wal_header_size = 32;
constexpr int frame_header_size = 24;
// A transaction larger than this goes out in several writes (pages spilled
// before the commit are fine: no reader looks past the last commit frame).
constexpr std::size_t max_buffered = 16u << 20;
// The unix VFS writes at most 128 KiB per call (it masks the length to 17 bits).
constexpr std::size_t max_write = 64u << 10;

std::uint32_t big_endian(const unsigned char* at) {
    return std::uint32_t(at[0]) << 24 | std::uint32_t(at[1]) << 16 | std::uint32_t(at[2]) << 8 | std::uint32_t(at[3]);
}

bool valid_page_size(std::uint32_t size) { return size >= 512 && size <= 65536 && (size & (size - 1)) == 0; }

struct wal_buffer {
    std::vector<unsigned char> bytes;
    sqlite3_int64 start = 0;      // the file offset of bytes[0]
    std::uint32_t page_size = 0;  // from the WAL header; 0 until known
    bool commit_page_next = false; // the last frame header appended was a commit frame's
    sqlite3_int64 appended_to = 0; // the end of the last append: a write before it rewrites a frame
    bool write_through = false;    // a write did not follow the layout: no more buffering
};

// Our file: the wrapped VFS's file follows it in the same allocation.
struct buffered_file {
    sqlite3_file base;
    sqlite3_file* real;
    wal_buffer* wal; // WAL files only
};

sqlite3_vfs* wrapped = nullptr;
sqlite3_vfs buffering_vfs;
sqlite3_io_methods methods[3]; // one per io-methods version, matching the wrapped file's

buffered_file* self(sqlite3_file* file) { return reinterpret_cast<buffered_file*>(file); }
sqlite3_file* real(sqlite3_file* file) { return self(file)->real; }

int write_out(buffered_file* file) {
    auto* wal = file->wal;
    if (!wal || wal->bytes.empty()) return SQLITE_OK;
    int rc = SQLITE_OK;
    for (std::size_t done = 0; done < wal->bytes.size() && rc == SQLITE_OK; done += max_write) {
        const auto size = std::min(max_write, wal->bytes.size() - done);
        rc = file->real->pMethods->xWrite(file->real, wal->bytes.data() + done, static_cast<int>(size),
                                          wal->start + static_cast<sqlite3_int64>(done));
    }
    wal->bytes.clear();
    return rc;
}

// The page size of a WAL written before this handle's first write, from its header.
std::uint32_t page_size_on_disk(buffered_file* file) {
    unsigned char header[wal_header_size];
    if (file->real->pMethods->xRead(file->real, header, sizeof header, 0) != SQLITE_OK) return 0;
    const auto size = big_endian(header + 8);
    return valid_page_size(size) ? size : 0;
}

// Whether a write continues the buffer (or starts an empty one).
bool appends(const wal_buffer& wal, sqlite3_int64 offset) {
    return wal.bytes.empty() || offset == wal.start + static_cast<sqlite3_int64>(wal.bytes.size());
}

int buffered_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
    auto* f = self(file);
    auto* wal = f->wal;
    if (!wal || wal->write_through) return f->real->pMethods->xWrite(f->real, data, amount, offset);
    const auto* bytes = static_cast<const unsigned char*>(data);
    const bool wal_header = offset == 0 && amount == wal_header_size && valid_page_size(big_endian(bytes + 8));
    if (!wal_header && wal->page_size == 0) {
        if (const int rc = write_out(f); rc != SQLITE_OK) return rc;
        wal->page_size = page_size_on_disk(f);
    }
    const auto frame_size = static_cast<sqlite3_int64>(wal->page_size) + frame_header_size;
    const auto in_frame = offset >= wal_header_size && wal->page_size > 0 ? (offset - wal_header_size) % frame_size : -1;
    const bool frame_header = amount == frame_header_size && in_frame == 0;
    const bool frame_page = wal->page_size > 0 && amount == static_cast<int>(wal->page_size) && in_frame == frame_header_size;
    if (!wal_header && !frame_header && !frame_page) {
        // Not the layout this buffer knows (a future SQLite, padding for a sync):
        // write what it holds and everything after straight through.
        wal->write_through = true;
        if (const int rc = write_out(f); rc != SQLITE_OK) return rc;
        return f->real->pMethods->xWrite(f->real, data, amount, offset);
    }
    // A frame written again (a page changed twice in one transaction, its
    // checksums rewritten at commit, frames after a rollback): what is buffered
    // goes out, then this, at once. A new WAL header starts the file over.
    const bool rewrite = !wal_header && offset < wal->appended_to;
    if (rewrite || !appends(*wal, offset)) {
        if (const int rc = write_out(f); rc != SQLITE_OK) return rc;
        if (rewrite) return f->real->pMethods->xWrite(f->real, data, amount, offset);
    }
    if (wal_header) wal->page_size = big_endian(bytes + 8);
    bool ends_commit = false;
    if (frame_header) wal->commit_page_next = big_endian(bytes + 4) != 0;
    if (frame_page) {
        ends_commit = wal->commit_page_next;
        wal->commit_page_next = false;
    }
    if (wal->bytes.empty()) wal->start = offset;
    wal->bytes.insert(wal->bytes.end(), bytes, bytes + amount);
    wal->appended_to = offset + amount;
    // The commit frame's page: the transaction's frames go out now, and this
    // write's result is the commit's.
    if (ends_commit || wal->bytes.size() >= max_buffered) return write_out(f);
    return SQLITE_OK;
}

int buffered_close(sqlite3_file* file) {
    auto* f = self(file);
    const int written = write_out(f);
    const int closed = f->real->pMethods->xClose(f->real);
    delete f->wal;
    f->wal = nullptr;
    return written != SQLITE_OK ? written : closed;
}

// Calls that must see the file as SQLite wrote it: the buffer goes out first.
int buffered_read(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
    if (const int rc = write_out(self(file)); rc != SQLITE_OK) return rc;
    return real(file)->pMethods->xRead(real(file), out, amount, offset);
}
int buffered_truncate(sqlite3_file* file, sqlite3_int64 size) {
    if (const int rc = write_out(self(file)); rc != SQLITE_OK) return rc;
    return real(file)->pMethods->xTruncate(real(file), size);
}
int buffered_sync(sqlite3_file* file, int flags) {
    if (const int rc = write_out(self(file)); rc != SQLITE_OK) return rc;
    return real(file)->pMethods->xSync(real(file), flags);
}
int buffered_file_size(sqlite3_file* file, sqlite3_int64* size) {
    if (const int rc = write_out(self(file)); rc != SQLITE_OK) return rc;
    return real(file)->pMethods->xFileSize(real(file), size);
}
int buffered_file_control(sqlite3_file* file, int op, void* arg) {
    if (const int rc = write_out(self(file)); rc != SQLITE_OK) return rc;
    return real(file)->pMethods->xFileControl(real(file), op, arg);
}

// The rest passes through.
int pass_lock(sqlite3_file* file, int level) { return real(file)->pMethods->xLock(real(file), level); }
int pass_unlock(sqlite3_file* file, int level) { return real(file)->pMethods->xUnlock(real(file), level); }
int pass_check_reserved(sqlite3_file* file, int* out) { return real(file)->pMethods->xCheckReservedLock(real(file), out); }
int pass_sector_size(sqlite3_file* file) { return real(file)->pMethods->xSectorSize(real(file)); }
int pass_device(sqlite3_file* file) { return real(file)->pMethods->xDeviceCharacteristics(real(file)); }
int pass_shm_map(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
    return real(file)->pMethods->xShmMap(real(file), region, size, extend, out);
}
int pass_shm_lock(sqlite3_file* file, int offset, int n, int flags) {
    return real(file)->pMethods->xShmLock(real(file), offset, n, flags);
}
void pass_shm_barrier(sqlite3_file* file) { real(file)->pMethods->xShmBarrier(real(file)); }
int pass_shm_unmap(sqlite3_file* file, int remove) { return real(file)->pMethods->xShmUnmap(real(file), remove); }
int pass_fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
    return real(file)->pMethods->xFetch(real(file), offset, amount, out);
}
int pass_unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
    return real(file)->pMethods->xUnfetch(real(file), offset, page);
}

int buffered_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
    auto* f = self(file);
    f->base.pMethods = nullptr;
    f->real = reinterpret_cast<sqlite3_file*>(f + 1);
    f->wal = nullptr;
    std::memset(f->real, 0, static_cast<std::size_t>(wrapped->szOsFile));
    const int rc = wrapped->xOpen(wrapped, name, f->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        if (f->real->pMethods) f->real->pMethods->xClose(f->real);
        return rc;
    }
    if (flags & SQLITE_OPEN_WAL) f->wal = new (std::nothrow) wal_buffer();
    const int version = f->real->pMethods->iVersion;
    f->base.pMethods = &methods[(version < 1 ? 1 : version > 3 ? 3 : version) - 1];
    return SQLITE_OK;
}

// The VFS calls that take no file go to the wrapped VFS as themselves.
int pass_delete(sqlite3_vfs*, const char* name, int sync) { return wrapped->xDelete(wrapped, name, sync); }
int pass_access(sqlite3_vfs*, const char* name, int flags, int* out) { return wrapped->xAccess(wrapped, name, flags, out); }
int pass_full_pathname(sqlite3_vfs*, const char* name, int size, char* out) {
    return wrapped->xFullPathname(wrapped, name, size, out);
}
void* pass_dl_open(sqlite3_vfs*, const char* name) { return wrapped->xDlOpen(wrapped, name); }
void pass_dl_error(sqlite3_vfs*, int size, char* out) { wrapped->xDlError(wrapped, size, out); }
void (*pass_dl_sym(sqlite3_vfs*, void* handle, const char* symbol))(void) { return wrapped->xDlSym(wrapped, handle, symbol); }
void pass_dl_close(sqlite3_vfs*, void* handle) { wrapped->xDlClose(wrapped, handle); }
int pass_randomness(sqlite3_vfs*, int size, char* out) { return wrapped->xRandomness(wrapped, size, out); }
int pass_sleep(sqlite3_vfs*, int microseconds) { return wrapped->xSleep(wrapped, microseconds); }
int pass_current_time(sqlite3_vfs*, double* out) { return wrapped->xCurrentTime(wrapped, out); }
int pass_last_error(sqlite3_vfs*, int size, char* out) { return wrapped->xGetLastError(wrapped, size, out); }
int pass_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) { return wrapped->xCurrentTimeInt64(wrapped, out); }
int pass_set_system_call(sqlite3_vfs*, const char* name, sqlite3_syscall_ptr call) {
    return wrapped->xSetSystemCall(wrapped, name, call);
}
sqlite3_syscall_ptr pass_get_system_call(sqlite3_vfs*, const char* name) { return wrapped->xGetSystemCall(wrapped, name); }
const char* pass_next_system_call(sqlite3_vfs*, const char* name) { return wrapped->xNextSystemCall(wrapped, name); }

} // namespace

void install_sqlite_wal_write_buffer() {
    static std::once_flag once;
    std::call_once(once, [] {
        wrapped = sqlite3_vfs_find(nullptr);
        if (!wrapped) throw std::runtime_error("SQLite has no default VFS");
        for (int version = 1; version <= 3; ++version) {
            auto& m = methods[version - 1];
            m = sqlite3_io_methods{};
            m.iVersion = version;
            m.xClose = buffered_close;
            m.xRead = buffered_read;
            m.xWrite = buffered_write;
            m.xTruncate = buffered_truncate;
            m.xSync = buffered_sync;
            m.xFileSize = buffered_file_size;
            m.xLock = pass_lock;
            m.xUnlock = pass_unlock;
            m.xCheckReservedLock = pass_check_reserved;
            m.xFileControl = buffered_file_control;
            m.xSectorSize = pass_sector_size;
            m.xDeviceCharacteristics = pass_device;
            if (version >= 2) {
                m.xShmMap = pass_shm_map;
                m.xShmLock = pass_shm_lock;
                m.xShmBarrier = pass_shm_barrier;
                m.xShmUnmap = pass_shm_unmap;
            }
            if (version >= 3) {
                m.xFetch = pass_fetch;
                m.xUnfetch = pass_unfetch;
            }
        }
        buffering_vfs = sqlite3_vfs{};
        buffering_vfs.iVersion = wrapped->iVersion < 3 ? wrapped->iVersion : 3;
        buffering_vfs.szOsFile = static_cast<int>(sizeof(buffered_file)) + wrapped->szOsFile;
        buffering_vfs.mxPathname = wrapped->mxPathname;
        buffering_vfs.zName = "touchpoint-wal-buffer";
        buffering_vfs.xOpen = buffered_open;
        buffering_vfs.xDelete = pass_delete;
        buffering_vfs.xAccess = pass_access;
        buffering_vfs.xFullPathname = pass_full_pathname;
        buffering_vfs.xDlOpen = wrapped->xDlOpen ? pass_dl_open : nullptr;
        buffering_vfs.xDlError = wrapped->xDlError ? pass_dl_error : nullptr;
        buffering_vfs.xDlSym = wrapped->xDlSym ? pass_dl_sym : nullptr;
        buffering_vfs.xDlClose = wrapped->xDlClose ? pass_dl_close : nullptr;
        buffering_vfs.xRandomness = pass_randomness;
        buffering_vfs.xSleep = pass_sleep;
        buffering_vfs.xCurrentTime = pass_current_time;
        buffering_vfs.xGetLastError = pass_last_error;
        if (buffering_vfs.iVersion >= 2) buffering_vfs.xCurrentTimeInt64 = pass_current_time_int64;
        if (buffering_vfs.iVersion >= 3) {
            buffering_vfs.xSetSystemCall = wrapped->xSetSystemCall ? pass_set_system_call : nullptr;
            buffering_vfs.xGetSystemCall = wrapped->xGetSystemCall ? pass_get_system_call : nullptr;
            buffering_vfs.xNextSystemCall = wrapped->xNextSystemCall ? pass_next_system_call : nullptr;
        }
        if (sqlite3_vfs_register(&buffering_vfs, /*makeDflt=*/1) != SQLITE_OK)
            throw std::runtime_error("cannot register SQLite's WAL write buffer");
    });
}

} // namespace touchpoint::engine::store

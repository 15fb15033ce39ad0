// The WAL write buffer (engine/store/sqlite_wal_writes.hpp) against real SQLite
// files: what one connection commits through it, a connection without it reads,
// and a copy of the files taken as a crash would leave them recovers every
// commit (recovery stops at the first frame whose checksum does not match).
#include "engine/store/sqlite_wal_writes.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

class wal_buffer : public ::testing::Test {
protected:
    void SetUp() override {
        touchpoint::engine::store::install_sqlite_wal_write_buffer();
        dir_ = fs::temp_directory_path() / ("touchpoint-wal-buffer-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        path_ = (dir_ / "data.db").string();
    }
    void TearDown() override {
        for (auto* db : open_) sqlite3_close(db);
        fs::remove_all(dir_);
    }

    // A connection through the default VFS (the buffer), or through "unix", SQLite's own.
    sqlite3* open(const std::string& path, const char* vfs = nullptr) {
        sqlite3* db = nullptr;
        EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs), SQLITE_OK);
        open_.push_back(db);
        return db;
    }
    static int exec(sqlite3* db, const std::string& sql) { return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr); }
    static long long number(sqlite3* db, const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
        long long value = -1;
        if (sqlite3_step(statement) == SQLITE_ROW) value = sqlite3_column_int64(statement, 0);
        sqlite3_finalize(statement);
        return value;
    }
    static std::string text(sqlite3* db, const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
        std::string value;
        if (sqlite3_step(statement) == SQLITE_ROW) value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
        sqlite3_finalize(statement);
        return value;
    }
    // The writer as the engine opens one (WAL, synchronous=NORMAL: no sync at
    // commit), no automatic checkpoint (every commit stays in the WAL),
    // and a cache of 20 pages, so big transactions spill pages to the WAL before
    // they commit and then change them again (frames rewritten in place, their
    // checksums rewritten at commit).
    sqlite3* writer() {
        auto* db = open(path_);
        EXPECT_EQ(exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0; PRAGMA cache_size=20"),
                  SQLITE_OK);
        return db;
    }
    // Rows `from` to `to` with 400 random bytes each.
    static std::string rows(int from, int to) {
        return "INSERT INTO t (id, v) WITH RECURSIVE n(x) AS (SELECT " + std::to_string(from) +
               " UNION ALL SELECT x + 1 FROM n WHERE x < " + std::to_string(to) + ") SELECT x, randomblob(400) FROM n";
    }
    // Each row's first bytes and length, in id order: equal only for equal contents.
    static constexpr const char* contents =
        "SELECT group_concat(x, ',') FROM (SELECT hex(substr(v, 1, 6)) || length(v) AS x FROM t ORDER BY id)";
    static void insert(sqlite3* db, int from, int count) {
        ASSERT_EQ(exec(db, "BEGIN IMMEDIATE"), SQLITE_OK);
        ASSERT_EQ(exec(db, rows(from, from + count - 1)), SQLITE_OK) << sqlite3_errmsg(db);
        ASSERT_EQ(exec(db, "UPDATE t SET v = randomblob(300) WHERE id % 7 = 0 AND id >= " + std::to_string(from)), SQLITE_OK);
        ASSERT_EQ(exec(db, "COMMIT"), SQLITE_OK) << sqlite3_errmsg(db);
    }

    fs::path dir_;
    std::string path_;
    std::vector<sqlite3*> open_;
};

TEST_F(wal_buffer, what_one_connection_commits_another_reads_and_a_crash_copy_recovers) {
    auto* db = writer();
    auto* plain = open(path_, "unix"); // SQLite's own VFS, in the same process
    int copies = 0;
    // After each commit: the other connection sees it, and so does recovery from
    // the files as a crash would leave them (nothing checkpointed, the writer
    // still open), which replays the WAL checking each frame's checksum.
    auto expect_everything_readable = [&](long long rows) {
        // Copied first: a read on the writer's connection would write its buffer out.
        const auto copy = (dir_ / ("copy" + std::to_string(++copies) + ".db")).string();
        fs::copy_file(path_, copy);
        fs::copy_file(path_ + "-wal", copy + "-wal");
        EXPECT_EQ(number(plain, "SELECT COUNT(*) FROM t"), rows);
        const auto stored = text(plain, contents);
        auto* recovered = open(copy, "unix");
        EXPECT_EQ(number(recovered, "SELECT COUNT(*) FROM t"), rows) << "after commit " << copies;
        EXPECT_EQ(text(recovered, "PRAGMA integrity_check"), "ok");
        EXPECT_EQ(text(recovered, contents), stored);
    };
    ASSERT_EQ(exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)"), SQLITE_OK);
    insert(db, 1, 10);
    expect_everything_readable(10);
    insert(db, 11, 3'000); // spills, and frames rewritten
    expect_everything_readable(3'010);
    insert(db, 3'011, 50'000); // past the buffer's 16 MiB: written in several parts
    expect_everything_readable(53'010);
    // A transaction rolled back after spilling: the next one writes over its frames.
    ASSERT_EQ(exec(db, "BEGIN IMMEDIATE"), SQLITE_OK);
    ASSERT_EQ(exec(db, rows(100'000, 102'000)), SQLITE_OK);
    ASSERT_EQ(exec(db, "ROLLBACK"), SQLITE_OK);
    insert(db, 53'011, 10);
    expect_everything_readable(53'020);
    EXPECT_GT(fs::file_size(path_ + "-wal"), 20u << 20) << "every commit stayed in the WAL";
}

TEST_F(wal_buffer, a_commit_whose_frames_cannot_be_written_fails_and_leaves_nothing) {
    auto* db = writer();
    ASSERT_EQ(exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)"), SQLITE_OK);
    insert(db, 1, 100);
    auto* plain = open(path_, "unix");
    ASSERT_EQ(number(plain, "SELECT COUNT(*) FROM t"), 100);

    // No file of this process may grow past its size now: the frames of the next
    // commit cannot be written, as on a full disk.
    const auto wal_size = fs::file_size(path_ + "-wal");
    rlimit before{};
    ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &before), 0);
    const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = before;
    limited.rlim_cur = wal_size;
    ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &limited), 0);
    ASSERT_EQ(exec(db, "BEGIN IMMEDIATE"), SQLITE_OK);
    ASSERT_EQ(exec(db, rows(101, 200)), SQLITE_OK);
    const int committed = exec(db, "COMMIT");
    ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &before), 0);
    std::signal(SIGXFSZ, old_handler);
    EXPECT_NE(committed, SQLITE_OK) << "the commit reports the failed write";
    exec(db, "ROLLBACK");

    EXPECT_EQ(number(plain, "SELECT COUNT(*) FROM t"), 100) << "nothing of the failed commit is visible";
    insert(db, 201, 10);
    EXPECT_EQ(number(plain, "SELECT COUNT(*) FROM t"), 110) << "the next commit works";
}

} // namespace

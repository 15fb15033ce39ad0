// Group commit for responses: callers hand over a response and wait; one thread
// writes whatever has queued up in a single transaction, so many responses share
// one durable commit. The wait ends only after the commit (or its failure).
#pragma once

#include "engine/store/job_repository.hpp"
#include "engine/store/records.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace soci {
class session;
}

namespace touchpoint::engine::store {

class database;

struct response_write {
    response_row row;
    std::vector<answer_cell> cells;
    std::optional<std::string> campaign_id; // the invitation's, copied onto each answer row for reports
    bool replaces_existing = false; // an edit: clear the answer rows written before
    std::vector<job_row> messages;  // webhook messages about it (response.created, ...), enqueued in its transaction
};

// Told once the response is committed (failure is null; `stored` is the row as
// written, with the id and creation time of the response it edited) or why not.
using write_done = std::function<void(std::exception_ptr failure, const response_row& stored)>;

class response_writer {
public:
    // `on_committed` is told how many responses each commit made durable.
    response_writer(database& db, std::size_t max_batch = 512, std::function<void(std::size_t)> on_committed = {});
    ~response_writer();
    response_writer(const response_writer&) = delete;
    response_writer& operator=(const response_writer&) = delete;

    // Queues the response; `done` runs on the writer thread after the commit (or
    // its failure), so it must only hand the result on, e.g. to an executor.
    void submit(response_write write, write_done done);

    // Writes what is queued, then stops the thread; later submits fail.
    void stop();

private:
    struct pending {
        response_write write;
        write_done done;
    };
    struct statements;

    void run();
    void write_batch(std::vector<pending>& batch);
    // The response, its answers and its webhook messages, in the caller's transaction.
    void write_one(response_write& write);

    database& db_;
    std::size_t max_batch_;
    std::function<void(std::size_t)> on_committed_;
    std::unique_ptr<soci::session> session_;
    std::unique_ptr<statements> statements_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<pending> queue_;
    bool stopping_ = false;
    bool busy_ = false; // writing a batch: it will look at the queue again
    std::thread thread_;
};

} // namespace touchpoint::engine::store

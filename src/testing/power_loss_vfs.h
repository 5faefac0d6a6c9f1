// Test support: a simulated disk under SQLite that loses power. Registered as
// an SQLite VFS under its own name (TempDb(vfs.name()) opens every connection
// and the syncer's handle through it), it forgets at a cut every write that
// no sync made durable. The power-loss tests (src/store/power_loss_test.cpp,
// src/store/power_loss_soak_test.cpp) cut it under load and check that every
// acknowledged write survived; docs/durability.md says what it models.
#pragma once

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace wareflow::testing {

// An SQLite VFS over the default (unix) one. Every write reaches the real
// file at once, as it reaches the page cache; the VFS also keeps, per file
// path, an undo record (the bytes and size it replaced) of each write and
// truncation since that file's last xSync. cut() is the power failure: from
// then on every write, truncation, sync and delete fails and changes nothing,
// as in a process whose disk is gone. Once every handle is closed, restore()
// puts each file back to what its syncs made durable by undoing its records,
// newest first (or only a random share of them: a disk may have written some
// unsynced pages back on its own). The real files are never fsynced: the
// simulated disk is the one that counts.
class PowerLossVfs {
 public:
  explicit PowerLossVfs(const char* name) : name_(name), real_(sqlite3_vfs_find(nullptr)) {
    vfs_ = *real_;  // the unix VFS's other methods ignore the VFS they are given
    vfs_.pNext = nullptr;
    vfs_.zName = name_.c_str();
    vfs_.pAppData = this;
    vfs_.szOsFile = static_cast<int>(real_offset()) + real_->szOsFile;
    vfs_.xOpen = &open;
    vfs_.xDelete = &remove;
    sqlite3_vfs_register(&vfs_, 0);
  }
  ~PowerLossVfs() { sqlite3_vfs_unregister(&vfs_); }
  PowerLossVfs(const PowerLossVfs&) = delete;
  PowerLossVfs& operator=(const PowerLossVfs&) = delete;

  const std::string& name() const { return name_; }

  // The power failure: from now on the disk refuses every change.
  void cut() {
    std::lock_guard lock(mutex_);
    cut_ = true;
  }
  // Whether the power is off: a write that failed while it is failed because
  // of the cut, one that failed before it was refused for its own reasons.
  bool is_cut() {
    std::lock_guard lock(mutex_);
    return cut_;
  }

  struct Lost {
    int64_t writes = 0;  // unsynced writes and truncations undone
    int64_t bytes = 0;   // bytes they had written
  };
  // After the cut, with every file of the database closed. Keeps each
  // unsynced write with probability `keep`. The disk is then whole again.
  Lost restore(std::mt19937& rng, double keep) {
    std::lock_guard lock(mutex_);
    Lost lost;
    std::bernoulli_distribution kept(keep);
    for (auto& [path, state] : files_) {
      int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
      if (fd < 0) continue;
      for (auto it = state.undo.rbegin(); it != state.undo.rend(); ++it) {
        if (kept(rng)) continue;
        ++lost.writes;
        lost.bytes += it->written;
        if (::pwrite(fd, it->old_bytes.data(), it->old_bytes.size(), it->offset) !=
                static_cast<ssize_t>(it->old_bytes.size()) ||
            ::ftruncate(fd, it->old_size) != 0) {
          ::close(fd);
          throw std::runtime_error("cannot restore " + path + ": " + std::strerror(errno));
        }
      }
      ::close(fd);
    }
    files_.clear();
    cut_ = false;
    return lost;
  }

 private:
  struct Undo {
    int64_t offset;
    std::string old_bytes;  // what [offset, offset + written) held, as far as the file reached
    int64_t old_size;
    int64_t written;
  };
  struct FileState {
    std::vector<Undo> undo;  // since the last sync, oldest first
    int64_t dropped = 0;     // records ever dropped from the front of `undo`
    // Forgets the records older than number `end` (counted since the file's
    // first): a sync made them durable. Another handle's sync of the same
    // file may have forgotten some of them already.
    void drop_until(int64_t end) {
      int64_t n = std::min<int64_t>(end - dropped, static_cast<int64_t>(undo.size()));
      if (n <= 0) return;
      undo.erase(undo.begin(), undo.begin() + static_cast<std::ptrdiff_t>(n));
      dropped += n;
    }
  };
  struct File {
    sqlite3_file base;
    PowerLossVfs* vfs;
    FileState* state;  // null: a nameless temporary file, not tracked
    sqlite3_file* real;
  };

  static size_t real_offset() { return (sizeof(File) + 15) / 16 * 16; }
  static File& file(sqlite3_file* f) { return *reinterpret_cast<File*>(f); }
  static sqlite3_file* real(sqlite3_file* f) { return file(f).real; }

  static int open(sqlite3_vfs* vfs, const char* name, sqlite3_file* f, int flags, int* out) {
    auto* self = static_cast<PowerLossVfs*>(vfs->pAppData);
    File& p = file(f);
    p.vfs = self;
    p.state = nullptr;
    p.real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + real_offset());
    int rc = self->real_->xOpen(self->real_, name, p.real, flags, out);
    if (rc != SQLITE_OK) {
      p.base.pMethods = nullptr;
      return rc;
    }
    if (name && !(flags & SQLITE_OPEN_DELETEONCLOSE)) {
      std::lock_guard lock(self->mutex_);
      p.state = &self->files_[name];
    }
    p.base.pMethods = &methods;
    return SQLITE_OK;
  }

  static int remove(sqlite3_vfs* vfs, const char* name, int sync_dir) {
    auto* self = static_cast<PowerLossVfs*>(vfs->pAppData);
    std::lock_guard lock(self->mutex_);
    if (self->cut_) return SQLITE_IOERR_DELETE;
    auto it = self->files_.find(name);  // kept: another handle may still point at it
    if (it != self->files_.end()) it->second.drop_until(std::numeric_limits<int64_t>::max());
    return self->real_->xDelete(self->real_, name, sync_dir);
  }

  static int close(sqlite3_file* f) { return real(f)->pMethods->xClose(real(f)); }
  static int read(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset) {
    return real(f)->pMethods->xRead(real(f), buffer, amount, offset);
  }

  // Called with the mutex held: records what [offset, offset + length) and
  // the file's size are now, before they change.
  static int record(File& p, sqlite3_int64 offset, int64_t length) {
    if (!p.state) return SQLITE_OK;
    sqlite3_int64 size = 0;
    int rc = p.real->pMethods->xFileSize(p.real, &size);
    if (rc != SQLITE_OK) return rc;
    Undo undo{offset, {}, size, length};
    if (offset < size) {
      undo.old_bytes.resize(static_cast<size_t>(std::min<int64_t>(length, size - offset)));
      rc = p.real->pMethods->xRead(p.real, undo.old_bytes.data(),
                                   static_cast<int>(undo.old_bytes.size()), offset);
      if (rc != SQLITE_OK) return rc;
    }
    p.state->undo.push_back(std::move(undo));
    return SQLITE_OK;
  }

  static int write(sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset) {
    File& p = file(f);
    std::lock_guard lock(p.vfs->mutex_);
    if (p.vfs->cut_) return SQLITE_IOERR_WRITE;
    int rc = record(p, offset, amount);
    if (rc != SQLITE_OK) return rc;
    return p.real->pMethods->xWrite(p.real, buffer, amount, offset);
  }

  static int truncate(sqlite3_file* f, sqlite3_int64 size) {
    File& p = file(f);
    std::lock_guard lock(p.vfs->mutex_);
    if (p.vfs->cut_) return SQLITE_IOERR_TRUNCATE;
    sqlite3_int64 current = 0;
    int rc = p.real->pMethods->xFileSize(p.real, &current);
    if (rc != SQLITE_OK) return rc;
    if (size < current) rc = record(p, size, current - size);
    if (rc != SQLITE_OK) return rc;
    return p.real->pMethods->xTruncate(p.real, size);
  }

  // A sync covers what was written before it began; writes that race with it
  // stay unsynced (they may or may not have made it). A sync the cut
  // interrupts never returns to its caller.
  static int sync(sqlite3_file* f, int) {
    File& p = file(f);
    if (!p.state) return SQLITE_OK;
    int64_t covered;
    {
      std::lock_guard lock(p.vfs->mutex_);
      if (p.vfs->cut_) return SQLITE_IOERR_FSYNC;
      covered = p.state->dropped + static_cast<int64_t>(p.state->undo.size());
    }
    std::this_thread::yield();  // stands for the device's flush
    std::lock_guard lock(p.vfs->mutex_);
    if (p.vfs->cut_) return SQLITE_IOERR_FSYNC;
    p.state->drop_until(covered);
    return SQLITE_OK;
  }

  static int file_size(sqlite3_file* f, sqlite3_int64* size) {
    return real(f)->pMethods->xFileSize(real(f), size);
  }
  static int lock(sqlite3_file* f, int level) { return real(f)->pMethods->xLock(real(f), level); }
  static int unlock(sqlite3_file* f, int level) {
    return real(f)->pMethods->xUnlock(real(f), level);
  }
  static int check_reserved(sqlite3_file* f, int* out) {
    return real(f)->pMethods->xCheckReservedLock(real(f), out);
  }
  static int file_control(sqlite3_file* f, int op, void* arg) {
    File& p = file(f);
    if (op == SQLITE_FCNTL_SIZE_HINT) {  // may grow the file: its old size is to restore
      std::lock_guard lock(p.vfs->mutex_);
      if (p.vfs->cut_) return SQLITE_IOERR_TRUNCATE;
      int rc = record(p, 0, 0);
      if (rc != SQLITE_OK) return rc;
    }
    return p.real->pMethods->xFileControl(p.real, op, arg);
  }
  static int sector_size(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
  static int device_characteristics(sqlite3_file* f) {
    return real(f)->pMethods->xDeviceCharacteristics(real(f));
  }
  // The wal-index (-shm) is shared memory, not durable state: SQLite rebuilds
  // it from the WAL when the first connection opens the database again.
  static int shm_map(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
    return real(f)->pMethods->xShmMap(real(f), region, size, extend, out);
  }
  static int shm_lock(sqlite3_file* f, int offset, int n, int flags) {
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
  }
  static void shm_barrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
  static int shm_unmap(sqlite3_file* f, int delete_flag) {
    return real(f)->pMethods->xShmUnmap(real(f), delete_flag);
  }
  static int fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
    return real(f)->pMethods->xFetch(real(f), offset, amount, out);
  }
  static int unfetch(sqlite3_file* f, sqlite3_int64 offset, void* page) {
    return real(f)->pMethods->xUnfetch(real(f), offset, page);
  }

  static constexpr sqlite3_io_methods methods = {3,
                                                 &close,
                                                 &read,
                                                 &write,
                                                 &truncate,
                                                 &sync,
                                                 &file_size,
                                                 &lock,
                                                 &unlock,
                                                 &check_reserved,
                                                 &file_control,
                                                 &sector_size,
                                                 &device_characteristics,
                                                 &shm_map,
                                                 &shm_lock,
                                                 &shm_barrier,
                                                 &shm_unmap,
                                                 &fetch,
                                                 &unfetch};

  std::string name_;
  sqlite3_vfs* real_;
  sqlite3_vfs vfs_;
  std::mutex mutex_;
  bool cut_ = false;
  std::map<std::string, FileState> files_;  // by path; nodes stay put while files point at them
};

}  // namespace wareflow::testing

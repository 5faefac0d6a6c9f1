// The task queue: one list of work for the people in a warehouse — putaway,
// replenishment, pick, count and move tasks — with priority, due time, zone
// and assignment, and the rules that hand a worker the best next task.
//
// Life of a task: open -> in_progress (claimed by one worker) -> done, or
// cancelled. Every transition is a conditional update inside the single
// writer's transaction, so two workers claiming or confirming the same task
// cannot both win: the second gets 409 task_taken / invalid_state and nothing
// changes. Putaway, replenishment and move tasks are confirmed here and become
// ledger moves; pick tasks follow their pick list and count tasks their count.
//
// Workers are API principals (token names). Where a worker last finished a
// task is kept, so `next_task` can interleave: among tasks of equal priority
// due in the same quarter hour, the nearest to the worker comes first.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_text.h"
#include "inventory/inventory.h"
#include "store/database.h"

namespace wareflow::wms {

// The life of a task (above). Stored and rendered as to_string writes it.
enum class TaskStatus { open, in_progress, done, cancelled };
inline constexpr std::array<std::string_view, 4> kTaskStatusNames = {"open", "in_progress", "done",
                                                                     "cancelled"};
inline std::string_view to_string(TaskStatus s) {
  return kTaskStatusNames[static_cast<std::size_t>(s)];
}
inline std::optional<TaskStatus> parse_task_status(std::string_view text) {
  return parse_enum<TaskStatus>(kTaskStatusNames, text);
}

bool is_task_type(std::string_view type);  // putaway, replenishment, pick, count, move

struct NewTask {
  int64_t warehouse_id = 0;
  std::string type;
  int64_t priority = 0;  // higher first
  std::optional<int64_t> due_at_ms;
  std::optional<int64_t> product_id;
  std::string lot;
  std::optional<int64_t> quantity;
  std::optional<int64_t> from_location_id, to_location_id;
  std::string ref_type;  // "receipt", "pick_list", "count", "pick_face", ...
  int64_t ref_id = 0;
};
// Appends a task (and a task.created event); the zone is the zone of the
// location the work starts at. Returns its id.
int64_t create_task(store::Tx& tx, const NewTask& task);

struct TaskView {
  int64_t id = 0;
  std::string warehouse;
  std::string type;
  std::string status;
  int64_t priority = 0;
  std::optional<int64_t> due_at_ms;
  std::optional<std::string> zone;
  std::optional<std::string> sku;
  std::string lot;
  std::optional<int64_t> quantity;
  std::optional<std::string> from_location, to_location, done_location;
  std::optional<int64_t> done_quantity;
  std::string ref_type;
  std::optional<int64_t> ref_id;
  std::optional<std::string> assigned_to;
  int64_t created_at_ms = 0;
  std::optional<int64_t> started_at_ms, finished_at_ms;
  std::optional<int64_t> travel_mm;
};
// 404 unknown_task.
TaskView get_task(store::Tx& tx, int64_t id);

struct TaskFilter {
  std::optional<int64_t> warehouse_id;
  std::optional<std::string> status, type, assigned_to;
  int64_t after_id = 0;
  int64_t limit = 100;
};
std::vector<TaskView> list_tasks(store::Tx& tx, const TaskFilter& filter);

// The best task for `worker` in the warehouse: one already in progress for
// them, else the open task with the highest priority, then the earliest due
// (by quarter hour), then the nearest to where the worker last was, then the
// oldest. `types` restricts (empty: all). nullopt when there is none.
std::optional<TaskView> next_task(store::Tx& tx, int64_t warehouse_id, const std::string& worker,
                                  const std::vector<std::string>& types);

// open -> in_progress for `worker`. 409 task_taken when someone else holds it,
// 409 invalid_state when it is done or cancelled. Claiming one's own task again
// is a no-op.
TaskView claim_task(store::Tx& tx, int64_t id, const std::string& worker);

struct TaskConfirmation {
  std::string location;             // the scanned destination (putaway, replenishment, move)
  std::optional<int64_t> quantity;  // default: the task's quantity
};
// Confirms a putaway, replenishment or move task: stock moves from the task's
// source to the scanned location (a move without a named destination goes
// wherever the worker scans, if it fits). A location other than the suggested one is
// accepted when it is of a storable type and has room, and is recorded.
// Claims the task for `worker` when open. 409 task_taken / invalid_state as
// claim; 422 wrong_task_type for pick and count tasks (they finish through
// their pick list or count); 422 unknown_location, 409 location_full or
// 422 wrong_location_type for an unfit destination.
TaskView complete_task(store::Tx& tx, int64_t id, const std::string& worker,
                       const TaskConfirmation& confirmation, inventory::StockListener* listener);

// Cancels an open or in-progress task (a manager's decision).
TaskView cancel_task(store::Tx& tx, int64_t id);

// Marks the task of (ref_type, ref_id), if any is not finished, done by
// `worker` (the pick list's last picker, the count's counter).
void finish_tasks_of(store::Tx& tx, const std::string& ref_type, int64_t ref_id,
                     const std::string& worker, std::optional<int64_t> location_id,
                     int64_t done_quantity);
void cancel_tasks_of(store::Tx& tx, const std::string& ref_type, int64_t ref_id);
// Claims, for `worker`, the open task of (ref_type, ref_id) when there is one
// and nobody holds it (a picker starting a pick list claims its pick task).
void start_tasks_of(store::Tx& tx, const std::string& ref_type, int64_t ref_id,
                    const std::string& worker);

// ---- replenishment ------------------------------------------------------------

struct PickFace {
  std::string location;
  std::string sku;
  int64_t min_quantity = 0;
  int64_t max_quantity = 0;
  int64_t on_hand = 0;
  int64_t reserved = 0;
};
// Makes `location` the fixed pick face of `sku` with its min/max. 422
// wrong_location_type unless it is a pick location; 422 invalid_field when
// min >= max.
PickFace set_pick_face(store::Tx& tx, std::string_view warehouse_code, std::string_view location,
                       std::string_view sku, int64_t min_quantity, int64_t max_quantity);
std::vector<PickFace> list_pick_faces(store::Tx& tx, int64_t warehouse_id);

// Creates replenishment tasks for pick faces of the warehouse (all of them, or
// those of `product_id`) whose free stock (on hand less what open picks
// reserve there, plus units already on their way) is below min: reserve ->
// face, FEFO (then FIFO by receipt), up to max. Each task reserves its units
// at the source (like a pick line), so no wave takes them before it is done;
// a cancelled task gives them back. Returns the new task ids.
std::vector<int64_t> plan_replenishment(store::Tx& tx, int64_t warehouse_id,
                                        std::optional<int64_t> product_id);

// Orders come before refills and moves: gives back up to `quantity` units
// that open replenishment and move tasks of the product reserve in the
// warehouse (open tasks before those under way, the newest first), shrinking
// or cancelling them, so that a wave can reserve its allocated units. Returns
// the units released.
int64_t yield_task_reservations(store::Tx& tx, int64_t warehouse_id, int64_t product_id,
                                int64_t quantity);

struct MoveTaskInput {
  std::string warehouse;
  std::string sku;
  std::string lot;
  int64_t quantity = 0;
  std::string from_location;
  std::optional<std::string> to_location;  // none: the worker chooses where
  int64_t priority = 30;
  std::optional<int64_t> due_at_ms;
};
// A manager's move (consolidating, emptying a location for a count, making
// room): the units must be free at the source (409 insufficient_stock) and,
// when a destination is named, fit there (as putaway). Like a replenishment,
// the task reserves its units at an allocatable source until it is done.
TaskView create_move_task(store::Tx& tx, const MoveTaskInput& input);

// ---- labour ---------------------------------------------------------------------

struct ProductivityRow {
  std::string worker;
  std::string type;
  int64_t tasks = 0;
  int64_t units = 0;
  int64_t busy_ms = 0;    // Σ finished - started
  int64_t travel_mm = 0;  // Σ estimated travel
  double units_per_hour = 0;
  double tasks_per_hour = 0;
};
// Per worker and task type, over tasks finished in [from_ms, to_ms).
std::vector<ProductivityRow> productivity(store::Tx& tx, std::optional<int64_t> warehouse_id,
                                          int64_t from_ms, int64_t to_ms);

}  // namespace wareflow::wms

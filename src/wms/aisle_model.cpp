#include "wms/aisle_model.h"

#include <algorithm>
#include <cmath>

namespace wareflow::wms {

std::optional<AisleModel> aisle_model(store::Tx& tx, int64_t warehouse_id,
                                      int64_t depot_location_id) {
  AisleModel m;
  int64_t min_x, max_x, min_y, max_y;
  {
    auto q = tx.query(
        "SELECT MIN(aisle), MAX(aisle), MIN(bay), MAX(bay), MIN(x_mm), MAX(x_mm), MIN(y_mm), "
        "MAX(y_mm) FROM locations WHERE warehouse_id = $1 AND aisle IS NOT NULL AND bay IS NOT "
        "NULL AND x_mm IS NOT NULL AND y_mm IS NOT NULL AND allocatable = 1",
        warehouse_id);
    if (!q.next() || q.is_null(0)) return std::nullopt;
    m.min_aisle = q.i64(0), m.max_aisle = q.i64(1), m.min_bay = q.i64(2), m.max_bay = q.i64(3);
    min_x = q.i64(4), max_x = q.i64(5), min_y = q.i64(6), max_y = q.i64(7);
  }
  optimize::WarehouseLayout& layout = m.layout;
  layout.aisles = m.max_aisle - m.min_aisle + 1;
  layout.blocks = 1;
  layout.cells_per_block = m.max_bay - m.min_bay + 1;
  layout.aisle_pitch_mm =
      m.max_aisle > m.min_aisle ? double(max_x - min_x) / double(m.max_aisle - m.min_aisle) : 3000;
  layout.cell_pitch_mm =
      m.max_bay > m.min_bay ? double(max_y - min_y) / double(m.max_bay - m.min_bay) : 1000;
  if (layout.aisle_pitch_mm <= 0) layout.aisle_pitch_mm = 3000;
  if (layout.cell_pitch_mm <= 0) layout.cell_pitch_mm = 1000;
  auto q = tx.query("SELECT x_mm FROM locations WHERE id = $1", depot_location_id);
  int64_t depot_x = q.next() && !q.is_null(0) ? q.i64(0) : min_x;
  int64_t aisle = std::llround(double(depot_x - min_x) / layout.aisle_pitch_mm);
  layout.depot_aisle = std::clamp<int64_t>(aisle, 0, layout.aisles - 1);
  return m;
}

}  // namespace wareflow::wms

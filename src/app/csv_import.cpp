#include "app/csv_import.h"

#include <fmt/format.h>

#include <charconv>
#include <map>

#include "catalog/catalog.h"
#include "core/error.h"
#include "core/time.h"
#include "inventory/inventory.h"

namespace wareflow::app {

std::vector<CsvRow> parse_csv(const std::string& text) {
  std::vector<CsvRow> rows;
  CsvRow row{1, {}};
  std::string field;
  int64_t line = 1;
  bool quoted = false, field_started = false;
  size_t i = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;  // UTF-8 byte order mark
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty() && !field_started) {
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      row.fields.push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.fields.push_back(std::move(field));
      field.clear();
      field_started = false;
      bool blank = row.fields.size() == 1 && row.fields[0].empty();
      if (!blank) rows.push_back(std::move(row));
      ++line;
      row = CsvRow{line, {}};
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted) throw ImportError(fmt::format("line {}: a quoted field is not closed", row.line));
  if (field_started || !row.fields.empty()) {
    row.fields.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

// Column access by header name, with line-numbered errors.
class Table {
 public:
  Table(std::vector<CsvRow> rows, const std::vector<std::string>& required)
      : rows_(std::move(rows)) {
    if (rows_.empty()) throw ImportError("line 1: the file is empty; a header row is needed");
    const auto& header = rows_[0].fields;
    for (size_t i = 0; i < header.size(); ++i) columns_[header[i]] = i;
    for (const auto& name : required) {
      if (!columns_.count(name)) {
        throw ImportError(fmt::format("line 1: the header has no column \"{}\"", name));
      }
    }
    for (size_t r = 1; r < rows_.size(); ++r) {
      if (rows_[r].fields.size() != header.size()) {
        throw ImportError(fmt::format("line {}: {} fields where the header has {}", rows_[r].line,
                                      rows_[r].fields.size(), header.size()));
      }
    }
  }

  size_t size() const { return rows_.size() - 1; }
  int64_t line(size_t r) const { return rows_[r + 1].line; }

  std::string text(size_t r, const std::string& column) const {
    auto it = columns_.find(column);
    if (it == columns_.end()) return {};
    return rows_[r + 1].fields[it->second];
  }

  std::optional<int64_t> opt_int(size_t r, const std::string& column) const {
    std::string value = text(r, column);
    if (value.empty()) return std::nullopt;
    int64_t n = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || ptr != value.data() + value.size()) {
      throw ImportError(
          fmt::format("line {}: {} must be an integer, not \"{}\"", line(r), column, value));
    }
    return n;
  }

  int64_t integer(size_t r, const std::string& column) const {
    auto n = opt_int(r, column);
    if (!n) throw ImportError(fmt::format("line {}: {} is required", line(r), column));
    return *n;
  }

  std::optional<int64_t> opt_time(size_t r, const std::string& column) const {
    std::string value = text(r, column);
    if (value.empty()) return std::nullopt;
    auto at = parse_rfc3339(value, true);
    if (!at) {
      throw ImportError(
          fmt::format("line {}: {} must be a date or RFC 3339 time", line(r), column));
    }
    return at;
  }

 private:
  std::vector<CsvRow> rows_;
  std::map<std::string, size_t> columns_;
};

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(sep, start);
    if (end == std::string::npos) end = text.size();
    if (end > start) parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// Runs fn for one row, turning its domain errors into line-numbered ones.
template <class Fn>
void on_line(int64_t line, Fn fn) {
  try {
    fn();
  } catch (const DomainError& e) {
    std::string field = e.field().empty() ? "" : " (" + e.field() + ")";
    throw ImportError(fmt::format("line {}: {}{} [{}]", line, e.detail(), field, e.code()));
  }
}

}  // namespace

ImportResult import_csv(store::Database& db, oms::OrderService& orders, ImportKind kind,
                        const std::string& text) {
  ImportResult result;
  auto rows = parse_csv(text);
  db.write([&](store::Tx& tx) {
    if (kind == ImportKind::products) {
      Table t(std::move(rows), {"sku", "name", "weight_g", "length_mm", "width_mm", "height_mm"});
      for (size_t r = 0; r < t.size(); ++r) {
        on_line(t.line(r), [&] {
          catalog::ProductInput p;
          p.sku = t.text(r, "sku");
          p.name = t.text(r, "name");
          p.barcodes = split(t.text(r, "barcodes"), '|');
          p.weight_g = t.integer(r, "weight_g");
          p.length_mm = t.integer(r, "length_mm");
          p.width_mm = t.integer(r, "width_mm");
          p.height_mm = t.integer(r, "height_mm");
          std::string tracking = t.text(r, "tracking");
          p.tracking = tracking.empty() ? "none" : tracking;
          p.shelf_life_days = t.opt_int(r, "shelf_life_days");
          catalog::upsert_product(tx, p, inventory::shelf_stock());
        });
        ++result.records;
      }
      result.rows = static_cast<int64_t>(t.size());
    } else if (kind == ImportKind::stock) {
      Table t(std::move(rows), {"warehouse", "location", "sku", "quantity"});
      for (size_t r = 0; r < t.size(); ++r) {
        on_line(t.line(r), [&] {
          inventory::AdjustmentInput a;
          a.warehouse = t.text(r, "warehouse");
          a.location = t.text(r, "location");
          a.sku = t.text(r, "sku");
          a.quantity = t.integer(r, "quantity");
          a.lot = t.text(r, "lot");
          a.expiry_ms = t.opt_time(r, "expiry");
          std::string reason = t.text(r, "reason");
          a.reason = reason.empty() ? "import" : reason;
          inventory::adjust(tx, a, &orders);
        });
        ++result.records;
      }
      result.rows = static_cast<int64_t>(t.size());
    } else {
      Table t(std::move(rows), {"channel", "channel_order_id", "email", "name", "ship_name",
                                "line1", "city", "postal_code", "country", "sku", "quantity"});
      size_t r = 0;
      while (r < t.size()) {
        size_t first = r;
        oms::OrderInput o;
        std::vector<int64_t> line_of;  // CSV line of each order line
        on_line(t.line(r), [&] {
          o.channel = t.text(r, "channel");
          o.channel_order_id = t.text(r, "channel_order_id");
          std::string phone = t.text(r, "phone");
          o.customer = {t.text(r, "email"), t.text(r, "name"),
                        phone.empty() ? std::nullopt : std::optional<std::string>(phone)};
          o.ship_to = {
              t.text(r, "ship_name"),   t.text(r, "line1"),   t.text(r, "line2"), t.text(r, "city"),
              t.text(r, "postal_code"), t.text(r, "country"), std::nullopt,       std::nullopt};
          o.priority = t.opt_int(r, "priority").value_or(0);
          o.ship_by_ms = t.opt_time(r, "ship_by");
        });
        while (r < t.size() && t.text(r, "channel") == o.channel &&
               t.text(r, "channel_order_id") == o.channel_order_id) {
          oms::OrderLineInput line;
          line.sku = t.text(r, "sku");
          line.quantity = t.integer(r, "quantity");
          line.unit_price_minor = t.opt_int(r, "unit_price_minor");
          std::string currency = t.text(r, "currency");
          if (line.unit_price_minor || !currency.empty()) line.currency = currency;
          o.lines.push_back(std::move(line));
          line_of.push_back(t.line(r));
          ++r;
        }
        // Name the row of the offending order line when the error has one.
        try {
          orders.create_order(tx, o);
        } catch (const DomainError& e) {
          int64_t line = t.line(first);
          if (e.field().rfind("lines[", 0) == 0) {
            size_t index = std::stoul(e.field().substr(6));
            if (index < line_of.size()) line = line_of[index];
          }
          on_line(line, [&] { throw; });
        }
        ++result.records;
      }
      result.rows = static_cast<int64_t>(t.size());
    }
  });
  return result;
}

}  // namespace wareflow::app

#include "app/pure_cli.h"

#include <boost/json.hpp>

#include "core/error.h"
#include "core/json.h"
#include "optimize/routing.h"
#include "planning/forecast.h"

namespace wareflow::app {
namespace {

namespace json = boost::json;

int print_problem(std::ostream& out, const std::string& code, const std::string& detail,
                  const std::string& field) {
  json::object problem{{"code", code}, {"detail", detail}};
  if (!field.empty()) problem["field"] = field;
  out << json::serialize(problem) << "\n";
  return 1;
}

// Parses the file as a JSON object, or reports why not.
std::optional<json::object> parse_object(const std::string& text, std::ostream& out) {
  json::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec || !value.is_object()) {
    print_problem(out, "malformed_json", ec ? ec.message() : "the input must be a JSON object",
                  "");
    return std::nullopt;
  }
  return std::move(value.get_object());
}

// Runs fn, turning the errors the input can cause into problem documents.
template <class Fn>
int guarded(std::ostream& out, Fn fn) {
  try {
    return fn();
  } catch (const DomainError& e) {
    return print_problem(out, e.code(), e.detail(), e.field());
  } catch (const optimize::RoutingError& e) {
    return print_problem(out, e.code(), e.what(), "");
  } catch (const planning::ForecastError& e) {
    return print_problem(out, e.code(), e.what(), e.field());
  }
}

// Parses the request and runs fn on it, errors reported as problems.
template <class Fn>
int run_json_command(const std::string& input_json, std::ostream& out, Fn fn) {
  auto object = parse_object(input_json, out);
  if (!object) return 1;
  return guarded(out, [&] {
    FieldReader in(*object);
    return fn(in);
  });
}

}  // namespace

int run_optimize_route(const std::string& input_json, std::ostream& out) {
  return run_json_command(input_json, out, [&](const FieldReader& in) {
    optimize::RouteRequest request;
    FieldReader layout = in.required_object("layout");
    request.layout.aisles = layout.required_int("aisles", 1, 1000);
    request.layout.blocks = layout.optional_int("blocks", 1, 100).value_or(1);
    request.layout.cells_per_block = layout.required_int("cells_per_block", 1, 100000);
    request.layout.aisle_pitch_mm =
        layout.optional_number("aisle_pitch_mm", 1e-3, 1e7).value_or(3000);
    request.layout.cell_pitch_mm = layout.optional_number("cell_pitch_mm", 1e-3, 1e7).value_or(1000);
    request.layout.depot_aisle = layout.optional_int("depot_aisle", 0, 999).value_or(0);
    const json::array& picks = in.required_array("picks", 10000);
    for (size_t i = 0; i < picks.size(); ++i) {
      FieldReader pick = in.element("picks", picks, i);
      request.picks.push_back({pick.required_int("aisle", 0, 1'000'000),
                               pick.required_int("cell", 0, 1'000'000'000)});
    }
    request.method = in.optional_string("method", 32).value_or("auto");
    optimize::Route route = optimize::plan_route(request);
    json::array sequence;
    for (size_t index : route.sequence) sequence.emplace_back(static_cast<int64_t>(index));
    out << json::serialize(json::object{{"length_mm", json_number(route.length_mm)},
                                        {"sequence", std::move(sequence)},
                                        {"method", route.method},
                                        {"algorithm", route.algorithm},
                                        {"optimal", route.optimal}})
        << "\n";
    return 0;
  });
}

int run_forecast(const std::string& input_json, std::ostream& out) {
  return run_json_command(input_json, out, [&](const FieldReader& in) {
    planning::ForecastRequest request;
    request.horizon = in.optional_int("horizon", 1, planning::kMaxHorizon).value_or(28);
    request.season_length =
        in.optional_int("season_length", 1, planning::kMaxSeasonLength).value_or(7);
    request.model = in.optional_string("model", 32).value_or("auto");
    const json::array& series = in.required_array("series", 1'000'000);
    for (size_t i = 0; i < series.size(); ++i) {
      FieldReader s = in.element("series", series, i);
      planning::NamedSeries named;
      named.id = s.required_string("id", 256);
      const json::array& values = s.required_array("values", 100'000);
      for (size_t j = 0; j < values.size(); ++j) {
        if (!values[j].is_number()) {
          throw_invalid_field("series[" + std::to_string(i) + "].values[" + std::to_string(j) +
                                  "]",
                              "values must be numbers");
        }
        named.values.push_back(values[j].to_number<double>());
      }
      request.series.push_back(std::move(named));
    }
    json::array forecasts;
    for (const auto& result : planning::forecast_batch(request)) {
      const planning::Forecast& f = result.forecast;
      auto numbers = [](const std::vector<double>& v) {
        json::array a;
        for (double x : v) a.push_back(json_number(x));
        return a;
      };
      forecasts.push_back(json::object{
          {"id", result.id},
          {"model", f.model},
          {"variant", f.variant},
          {"values", numbers(f.values)},
          {"lower", numbers(f.lower)},
          {"upper", numbers(f.upper)},
          {"backtest_mase", f.backtest_mase ? json_number(*f.backtest_mase) : json::value(nullptr)}});
    }
    out << json::serialize(json::object{{"forecasts", std::move(forecasts)}}) << "\n";
    return 0;
  });
}

}  // namespace wareflow::app

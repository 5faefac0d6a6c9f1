// The pure cores on the command line: `wareflow optimize route|batch|slot|cartonize|source`
// and `wareflow forecast|reorder|simulate` read a JSON request file and print a JSON answer, the
// same structs the library offers. Errors print a problem document (with a
// stable code and the offending field) on stdout and return exit code 1.
#pragma once

#include <ostream>
#include <string>

namespace wareflow::app {

int run_optimize_route(const std::string& input_json, std::ostream& out);
int run_optimize_batch(const std::string& input_json, std::ostream& out);
int run_optimize_cartonize(const std::string& input_json, std::ostream& out);
int run_optimize_slot(const std::string& input_json, std::ostream& out);
int run_optimize_source(const std::string& input_json, std::ostream& out);
int run_forecast(const std::string& input_json, std::ostream& out);
int run_reorder(const std::string& input_json, std::ostream& out);
// The bottleneck simulation (planning/simulation.h) on a JSON request: orders,
// shifts per role, task times, carrier pickups, what-if scenarios; times in
// milliseconds on any axis the caller chooses.
int run_simulate(const std::string& input_json, std::ostream& out);

}  // namespace wareflow::app

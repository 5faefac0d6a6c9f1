#include "auth/tokens.h"

#include "core/error.h"
#include "core/random.h"

namespace wareflow::auth {

std::optional<Role> parse_role(std::string_view name) {
  if (name == "admin") return Role::admin;
  if (name == "manager") return Role::manager;
  if (name == "operator") return Role::operator_;
  if (name == "integration") return Role::integration;
  if (name == "viewer") return Role::viewer;
  return std::nullopt;
}

const char* role_name(Role role) {
  switch (role) {
    case Role::admin:
      return "admin";
    case Role::manager:
      return "manager";
    case Role::operator_:
      return "operator";
    case Role::integration:
      return "integration";
    case Role::viewer:
      return "viewer";
  }
  return "unknown";
}

std::string create_token(store::Tx& tx, Role role, const std::string& name) {
  if (name.empty() || name.size() > 100)
    throw_invalid_field("name", "name must be 1-100 characters");
  std::string token = "wf_" + random_hex(32);
  tx.exec("INSERT INTO api_tokens (token_hash, name, role, created_at_ms) VALUES ($1, $2, $3, $4)",
          sha256_hex(token), name, role_name(role), tx.now_ms());
  return token;
}

int64_t revoke_tokens(store::Tx& tx, const std::string& name) {
  return tx.exec(
      "UPDATE api_tokens SET revoked_at_ms = $2 WHERE name = $1 AND revoked_at_ms IS NULL", name,
      tx.now_ms());
}

std::vector<TokenInfo> list_tokens(store::Tx& tx) {
  std::vector<TokenInfo> tokens;
  auto q = tx.query(
      "SELECT name, role, created_at_ms, revoked_at_ms IS NOT NULL FROM api_tokens ORDER BY "
      "created_at_ms, name");
  while (q.next()) {
    tokens.push_back(
        {q.text(0), parse_role(q.text(1)).value_or(Role::viewer), q.i64(2), q.i64(3) != 0});
  }
  return tokens;
}

std::optional<Principal> authenticate(store::Tx& tx, std::string_view token) {
  if (token.size() != 67 || token.substr(0, 3) != "wf_") return std::nullopt;
  std::string hash = sha256_hex(token);
  auto q = tx.query(
      "SELECT token_hash, name, role FROM api_tokens WHERE token_hash = $1 AND revoked_at_ms IS "
      "NULL",
      hash);
  if (!q.next()) return std::nullopt;
  // The lookup is by hash, so timing reveals nothing of the token; compare
  // anyway in constant time so no future change of lookup can leak.
  if (!constant_time_equal(q.text(0), hash)) return std::nullopt;
  auto role = parse_role(q.text(2));
  if (!role) return std::nullopt;
  return Principal{q.text(1), *role, q.text(0)};
}

}  // namespace wareflow::auth

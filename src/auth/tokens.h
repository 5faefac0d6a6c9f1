// API tokens and roles. A token is 256 random bits shown once as "wf_<64 hex>";
// only its SHA-256 is stored, and presented tokens are compared by hash in
// constant time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace wareflow::auth {

enum class Role { admin, manager, operator_, integration, viewer };

std::optional<Role> parse_role(std::string_view name);
const char* role_name(Role role);
// Bit of a role in a RoleSet mask.
constexpr unsigned role_bit(Role role) { return 1u << static_cast<unsigned>(role); }

struct Principal {
  std::string name;
  Role role;
  // The token's stable identity: its SHA-256, the key of api_tokens. Names
  // are not unique (two tokens may share one, a revoked one and its
  // successor often do), so what belongs to one token is keyed by this.
  std::string token_hash;
};

// Creates a token and returns it in clear; it cannot be recovered later.
std::string create_token(store::Tx& tx, Role role, const std::string& name);
// Revokes every token with this name; returns how many. A running server
// stops accepting them within 30 seconds (its token cache).
int64_t revoke_tokens(store::Tx& tx, const std::string& name);

struct TokenInfo {
  std::string name;
  Role role;
  int64_t created_at_ms;
  bool revoked;
};
std::vector<TokenInfo> list_tokens(store::Tx& tx);

// The principal of a presented token, if it is known and not revoked.
std::optional<Principal> authenticate(store::Tx& tx, std::string_view token);

}  // namespace wareflow::auth

resource "okta_network_zone" "offices" {
  name     = "Offices (${var.environment})"
  type     = "IP"
  gateways = var.office_cidrs
  usage    = "POLICY"
}

resource "okta_policy_signon" "staff" {
  name            = "Staff sign-on"
  description     = "MFA everywhere; longer sessions in the office"
  status          = "ACTIVE"
  priority        = 1
  groups_included = [okta_group.engineering.id, okta_group.support.id]
}

resource "okta_policy_rule_signon" "office" {
  policy_id          = okta_policy_signon.staff.id
  name               = "In the office"
  status             = "ACTIVE"
  priority           = 1
  access             = "ALLOW"
  mfa_required       = true
  mfa_prompt         = "SESSION"
  network_connection = "ZONE"
  network_includes   = [okta_network_zone.offices.id]
  session_idle       = 240
  session_lifetime   = 720
}

# Okta renumbers rule priorities that skip a number, so rules are created in priority order.
resource "okta_policy_rule_signon" "anywhere" {
  depends_on = [okta_policy_rule_signon.office]

  policy_id          = okta_policy_signon.staff.id
  name               = "Anywhere else"
  status             = "ACTIVE"
  priority           = 2
  access             = "ALLOW"
  mfa_required       = true
  mfa_prompt         = "ALWAYS"
  network_connection = "ANYWHERE"
  session_idle       = 60
  session_lifetime   = 240
}

resource "okta_policy_password" "staff" {
  name                          = "Staff passwords"
  status                        = "ACTIVE"
  priority                      = 1
  groups_included               = [okta_group.engineering.id, okta_group.support.id]
  password_min_length           = 14
  password_min_lowercase        = 1
  password_min_uppercase        = 1
  password_min_number           = 1
  password_min_symbol           = 0
  password_history_count        = 12
  password_max_lockout_attempts = 10
}

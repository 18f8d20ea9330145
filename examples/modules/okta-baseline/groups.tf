resource "okta_group" "engineering" {
  name        = "Engineering"
  description = "Everyone in the engineering department (${var.environment})"
}

resource "okta_group" "support" {
  name        = "Support"
  description = "Customer support agents (${var.environment})"
}

resource "okta_group" "okta_admins" {
  name        = "Okta admins"
  description = "People who may change the ${var.environment} org, through Terraform"
}

# Okta puts people in Engineering from their HR department, so nobody edits the group by hand.
resource "okta_group_rule" "engineering_by_department" {
  name              = "Engineering by department"
  status            = "ACTIVE"
  group_assignments = [okta_group.engineering.id]
  expression_type   = "urn:okta:expression:1.0"
  expression_value  = "user.department==\"Engineering\""
}

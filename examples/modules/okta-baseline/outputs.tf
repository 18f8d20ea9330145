output "portal_client_id" {
  description = "The employee portal's OAuth client ID."
  value       = okta_app_oauth.portal.client_id
}

output "group_ids" {
  description = "The IDs of the groups this module manages."
  value = {
    engineering = okta_group.engineering.id
    support     = okta_group.support.id
    okta_admins = okta_group.okta_admins.id
  }
}

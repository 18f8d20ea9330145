resource "okta_app_oauth" "portal" {
  label                      = "Employee portal"
  type                       = "web"
  grant_types                = ["authorization_code", "refresh_token"]
  response_types             = ["code"]
  redirect_uris              = var.portal_redirect_uris
  post_logout_redirect_uris  = [for uri in var.portal_redirect_uris : replace(uri, "/callback", "/")]
  token_endpoint_auth_method = "client_secret_basic"
}

resource "okta_app_group_assignments" "portal" {
  app_id = okta_app_oauth.portal.id

  group {
    id       = okta_group.engineering.id
    priority = 1
  }

  group {
    id       = okta_group.support.id
    priority = 2
  }
}

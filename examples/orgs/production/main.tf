# The Okta org "production": one Terraform configuration per org, as Okta recommends. The org and the credentials come
# from the environment (OKTA_ORG_NAME, OKTA_BASE_URL, OKTA_API_TOKEN or the OAuth service app's settings): the
# workflows in examples/workflows set them from repository variables and secrets.

terraform {
  required_version = ">= 1.5"

  required_providers {
    okta = {
      source  = "okta/okta"
      version = "~> 6.12"
    }
  }

  # State in PostgreSQL; the workflows pass conn_str as backend-config from a secret.
  backend "pg" {}
}

provider "okta" {}

module "baseline" {
  source = "../../modules/okta-baseline"

  environment          = "production"
  office_cidrs         = ["198.51.100.0/24", "203.0.113.0/24"]
  portal_redirect_uris = ["https://portal.acme.example/callback"]
}

output "portal_client_id" {
  value = module.baseline.portal_client_id
}

terraform {
  required_providers {
    okta = {
      source  = "okta/okta"
      version = "~> 6.12"
    }
  }
}

variable "environment" {
  description = "Shown in names and descriptions: production, preview..."
  type        = string
}

variable "office_cidrs" {
  description = "The office networks, trusted by the sign-on policy."
  type        = list(string)
}

variable "portal_redirect_uris" {
  description = "Where the employee portal's OIDC app may send users back to."
  type        = list(string)
}

terraform {
  # check blocks arrived in Terraform 1.5. The module uses no provider: it only validates the
  # sizing's variables and derives the settings other modules need, so it plans offline.
  required_version = ">= 1.5.0"
}

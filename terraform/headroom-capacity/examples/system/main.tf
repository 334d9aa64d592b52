# A system of services from one system.auto.tfvars.json (`headroom system`): one module instance
# per service with for_each, the shared node groups and databases looked up by name. A root module
# of its own: put the file written by `headroom system` next to this one and `terraform plan` loads
# it without -var-file. Like the module, it uses no provider, so it plans offline; wire its outputs
# into your aws_eks_node_group, kubernetes_horizontal_pod_autoscaler_v2, aws_ecs_service and
# aws_db_instance resources as examples/eks does for one service.

terraform {
  required_version = ">= 1.5.0"
}

# One entry per service, keyed by its name: the variables `headroom size` writes for one service,
# less what the system shares, plus the names of its node group and database. A value the sizing
# could not establish is left out of the file; optional() makes it null here, and the module's
# default applies.
variable "services" {
  description = "Per service, keyed by name: its replica bounds, CPU target, pool and pod or task size (system.auto.tfvars.json)."
  type = map(object({
    platform                       = string
    region                         = string
    availability_zones             = number
    survive                        = optional(string, "none")
    replicas_min                   = number
    replicas_for_peak              = optional(number)
    replicas_max                   = number
    cpu_target_utilization_percent = number
    pool_size                      = optional(number, 10)
    jvm_max_heap_mib               = optional(number)
    node_group                     = optional(string)
    database                       = optional(string)
    pod_cpu_request_millicores     = optional(number)
    pod_memory_request_mib         = optional(number)
    task_cpu_units                 = optional(number)
    task_memory_mib                = optional(number)
    service_min_count              = optional(number)
    service_max_count              = optional(number)
  }))
}

variable "node_groups" {
  description = "Per EKS node group, keyed by name: its type and bounds, shared by its services' pods."
  type = map(object({
    node_instance_type = string
    node_min_size      = number
    node_desired_size  = number
    node_max_size      = number
  }))
  default = {}
}

variable "databases" {
  description = "Per database, keyed by name: its class, Multi-AZ, read replicas and the connection budget every connecting service shares."
  type = map(object({
    engine                  = string
    db_instance_class       = optional(string)
    multi_az                = bool
    read_replicas           = number
    db_max_connections      = optional(number)
    db_reserved_connections = number
    connections_needed      = number
  }))
  default = {}
}

module "capacity" {
  source   = "../.."
  for_each = var.services

  platform                       = each.value.platform
  region                         = each.value.region
  availability_zones             = each.value.availability_zones
  survive                        = each.value.survive
  replicas_min                   = each.value.replicas_min
  replicas_for_peak              = each.value.replicas_for_peak
  replicas_max                   = each.value.replicas_max
  cpu_target_utilization_percent = each.value.cpu_target_utilization_percent
  pool_size                      = each.value.pool_size
  jvm_max_heap_mib               = each.value.jvm_max_heap_mib
  pod_cpu_request_millicores     = each.value.pod_cpu_request_millicores
  pod_memory_request_mib         = each.value.pod_memory_request_mib
  task_cpu_units                 = each.value.task_cpu_units
  task_memory_mib                = each.value.task_memory_mib
  service_min_count              = each.value.service_min_count
  service_max_count              = each.value.service_max_count

  # Shared: the service's node group and database, by name.
  node_instance_type = each.value.node_group == null ? null : var.node_groups[each.value.node_group].node_instance_type
  node_min_size      = each.value.node_group == null ? null : var.node_groups[each.value.node_group].node_min_size
  node_desired_size  = each.value.node_group == null ? null : var.node_groups[each.value.node_group].node_desired_size
  node_max_size      = each.value.node_group == null ? null : var.node_groups[each.value.node_group].node_max_size
  db_instance_class  = each.value.database == null ? null : var.databases[each.value.database].db_instance_class
  # The module checks one service's (max + surge) x pool + reserved against the database's limit;
  # the budget every connecting service shares is checked below.
  db_max_connections      = each.value.database == null ? null : var.databases[each.value.database].db_max_connections
  db_reserved_connections = each.value.database == null ? 0 : var.databases[each.value.database].db_reserved_connections
}

# The shared budget: every connecting service's (max replicas + release surge) x pool, plus the
# reserved connections, as the sizer counted them. A check warns and does not stop the plan: the
# sizer's report says which fixes work.
check "shared_connection_budgets" {
  assert {
    condition = alltrue([
      for name, db in var.databases : db.db_max_connections == null ? true : db.connections_needed <= db.db_max_connections
    ])
    error_message = "A database's shared connection budget exceeds its max_connections: ${join(", ", [for name, db in var.databases : "${name} needs ${db.connections_needed} of ${db.db_max_connections == null ? "?" : db.db_max_connections}" if db.db_max_connections != null && db.connections_needed > coalesce(db.db_max_connections, 0)])}; see the sizer's fixes."
  }
}

output "services" {
  description = "Per service, the module's derived settings."
  value = {
    for name, m in module.capacity : name => {
      replicas            = m.replicas
      connection_budget   = m.connection_budget
      service_environment = m.service_environment
      kubernetes_hpa      = m.kubernetes_hpa
      ecs_task_size       = m.ecs_task_size
      ecs_service_scaling = m.ecs_service_scaling
    }
  }
}

output "node_groups" {
  description = "Per node group, its type and bounds."
  value       = var.node_groups
}

output "databases" {
  description = "Per database, its class, Multi-AZ, read replicas and shared connection budget."
  value       = var.databases
}

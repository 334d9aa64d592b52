# How a sizing's variables map onto an EKS deployment: a sketch to copy from, not a stack to apply
# as it stands (the cluster, subnets, roles and credentials are yours).
#
# This directory is a root module of its own. variables.tf is a link to the module's, so every
# name in capacity.auto.tfvars.json is declared here too: put the file written by the sizer next
# to this one and `terraform plan` loads it without -var-file. Unlike the module, this example
# needs the aws and kubernetes providers, so it is not part of the module's offline validation.

terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = ">= 2.20"
    }
  }
}

provider "aws" {
  region = var.region
}

# The rest of the kubernetes provider's settings (host, token) come from your cluster.
provider "kubernetes" {}

# Yours, not the sizing's.
variable "cluster_name" {
  type        = string
  description = "The EKS cluster the node group joins."
}

variable "node_role_arn" {
  type        = string
  description = "IAM role of the nodes."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets, one per availability zone (availability_zones of them): the plan's spare capacity assumes the nodes spread over that many zones."
}

variable "existing_db_instance_class" {
  type        = string
  description = "The database's class today, kept when the sizing did not size the database (db_instance_class null)."
}

# The module checks the variables (the connection budget against db_max_connections among them)
# and derives the settings below; a failed check stops the plan before anything changes.
module "capacity" {
  source = "../.."

  platform                       = var.platform
  region                         = var.region
  availability_zones             = var.availability_zones
  survive                        = var.survive
  replicas_min                   = var.replicas_min
  replicas_for_peak              = var.replicas_for_peak
  replicas_max                   = var.replicas_max
  cpu_target_utilization_percent = var.cpu_target_utilization_percent
  pool_size                      = var.pool_size
  jvm_max_heap_mib               = var.jvm_max_heap_mib
  db_instance_class              = var.db_instance_class
  db_max_connections             = var.db_max_connections
  db_reserved_connections        = var.db_reserved_connections
  node_instance_type             = var.node_instance_type
  node_min_size                  = var.node_min_size
  node_max_size                  = var.node_max_size
  node_desired_size              = var.node_desired_size
  pod_cpu_request_millicores     = var.pod_cpu_request_millicores
  pod_memory_request_mib         = var.pod_memory_request_mib
}

locals {
  service_name = "headroom-order-service"
  nodes        = module.capacity.eks_node_group_scaling_config
  hpa          = module.capacity.kubernetes_hpa
}

resource "aws_eks_node_group" "service" {
  cluster_name    = var.cluster_name
  node_group_name = local.service_name
  node_role_arn   = var.node_role_arn
  subnet_ids      = var.subnet_ids
  instance_types  = local.nodes.instance_types

  scaling_config {
    min_size     = local.nodes.min_size
    max_size     = local.nodes.max_size
    desired_size = local.nodes.desired_size
  }

  lifecycle {
    # desired_size is only the starting size: the cluster autoscaler owns it afterwards, and a
    # later apply must not undo its choice.
    ignore_changes = [scaling_config[0].desired_size]
  }
}

# The Deployment itself (resources with limits equal to requests, the pool size variable, maxSurge
# 25 % and maxUnavailable 0, the topology spread for survive node or zone) and the
# PodDisruptionBudget are in kubernetes/capacity.yaml next to the tfvars file; in Terraform the
# container takes module.capacity.kubernetes_container_resources and
# module.capacity.service_environment, and the budget module.capacity.kubernetes_pod_disruption_budget.
resource "kubernetes_horizontal_pod_autoscaler_v2" "service" {
  metadata {
    name = local.service_name
  }

  spec {
    min_replicas = local.hpa.min_replicas
    max_replicas = local.hpa.max_replicas

    scale_target_ref {
      api_version = "apps/v1"
      kind        = "Deployment"
      name        = local.service_name
    }

    metric {
      type = "Resource"
      resource {
        name = "cpu"
        target {
          type                = "Utilization"
          average_utilization = local.hpa.target_cpu_utilization_percent
        }
      }
    }

    # Kubernetes' defaults, written out because the sizing's scale-out lag assumes them: no
    # stabilization on the way up, 300 s on the way down.
    behavior {
      scale_up {
        stabilization_window_seconds = 0
        select_policy                = "Max"
        policy {
          type           = "Pods"
          value          = 4
          period_seconds = 15
        }
        policy {
          type           = "Percent"
          value          = 100
          period_seconds = 15
        }
      }
      scale_down {
        stabilization_window_seconds = 300
        select_policy                = "Max"
        policy {
          type           = "Percent"
          value          = 100
          period_seconds = 15
        }
      }
    }
  }
}

# max_connections is pinned to the value the connection budget was checked against: the default
# {DBInstanceClassMemory/12582880} depends on memory RDS does not publish per class.
resource "aws_db_parameter_group" "orders" {
  name   = "${local.service_name}-mysql8"
  family = "mysql8.0"

  dynamic "parameter" {
    for_each = var.db_max_connections == null ? [] : [var.db_max_connections]
    content {
      name  = "max_connections"
      value = tostring(parameter.value)
    }
  }
}

resource "aws_db_instance" "orders" {
  identifier                  = "${local.service_name}-db"
  engine                      = "mysql"
  engine_version              = "8.0"
  instance_class              = coalesce(var.db_instance_class, var.existing_db_instance_class)
  allocated_storage           = 20
  username                    = "orders"
  manage_master_user_password = true
  parameter_group_name        = aws_db_parameter_group.orders.name
  skip_final_snapshot         = true
}

output "connection_budget" {
  description = "Connections (count) the service can open at once, checked against db_max_connections."
  value       = module.capacity.connection_budget
}

# The variables Headroom's sizer writes to capacity.auto.tfvars.json (dev.headroom.sizing.TerraformVariables).
# The names are a public contract: they are added to, never renamed.
#
# A value the sizing could not establish (memory not measured, a pool size not evaluated) is left
# out of the file, and Terraform uses the default here: the software's own default where it has one,
# null ("leave it as it is") where a made-up number would look measured.
#
# Platform-specific variables default to null so that the module accepts the file of any platform;
# main.tf checks that the chosen platform's own variables are set.
#
# The validations use conditionals, not `x == null || ...`: Terraform before 1.12 evaluates both
# sides of `||` and fails on a comparison with null.

# ---------------------------------------------------------------------------------------------
# Every platform
# ---------------------------------------------------------------------------------------------

variable "platform" {
  type        = string
  description = "Where the service runs: eks (pods on a managed node group, scaled by an HPA), ec2-asg (one JVM per instance in an Auto Scaling group) or ecs-fargate (ECS tasks on Fargate)."

  validation {
    condition     = contains(["eks", "ec2-asg", "ecs-fargate"], var.platform)
    error_message = "The platform must be one of eks, ec2-asg, ecs-fargate."
  }
}

variable "region" {
  type        = string
  description = "The AWS region the plan was sized and priced for, e.g. us-east-1."

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", var.region))
    error_message = "The region must be an AWS region code such as us-east-1."
  }
}

variable "availability_zones" {
  type        = number
  description = "Availability zones (count) the replicas spread over; the plan's spare capacity assumes this spread."

  validation {
    condition     = var.availability_zones >= 1 && var.availability_zones <= 6 && floor(var.availability_zones) == var.availability_zones
    error_message = "The availability zones must be a whole number from 1 to 6."
  }
}

variable "survive" {
  type        = string
  description = "The failure the plan rides out at the peak within the SLO: none, node (one node or instance) or zone (one availability zone). With node or zone, replicas_min and the node, instance or task minimums are the counts that still carry the peak after that loss, so the spare runs all day; on EKS the pods are spread over that domain and a PodDisruptionBudget keeps replicas_for_peak of them through voluntary disruptions. Default none: what a file written before this variable existed deployed, no spare kept running."
  default     = "none"

  validation {
    condition     = contains(["none", "node", "zone"], var.survive)
    error_message = "survive must be one of none, node, zone."
  }
}

variable "replicas_min" {
  type        = number
  description = "Fewest service replicas (pods, instances or tasks; count): the everyday load at the CPU target, plus the spare for the failure the plan rides out."

  validation {
    condition     = var.replicas_min >= 1 && floor(var.replicas_min) == var.replicas_min
    error_message = "The min replicas must be a whole number >= 1."
  }
}

variable "replicas_for_peak" {
  type        = number
  description = "Replicas (count) that carry the peak at the CPU target, without the spare: not a bound, but what a voluntary disruption (a node drain, a node group update) must leave running. On EKS the PodDisruptionBudget's minAvailable when survive is node or zone and replicas_min is above it. Null (the default) in files written before this variable existed."
  default     = null

  validation {
    condition     = var.replicas_for_peak == null ? true : var.replicas_for_peak >= 1 && floor(var.replicas_for_peak) == var.replicas_for_peak
    error_message = "The replicas for the peak must be a whole number >= 1."
  }
}

variable "replicas_max" {
  type        = number
  description = "Most service replicas (count): the peak at the CPU target, the spare and the headroom above the forecast. The connection budget counts these."

  validation {
    condition     = var.replicas_max >= 1 && floor(var.replicas_max) == var.replicas_max
    error_message = "The max replicas must be a whole number >= 1."
  }
}

variable "cpu_target_utilization_percent" {
  type        = number
  description = "Autoscaling target (percent, whole) of the replica's CPU: of the pod's CPU request on EKS, of the instance's or task's CPU on EC2 and Fargate. The highest that still absorbs the load growth during the scale-out lag."

  validation {
    condition     = var.cpu_target_utilization_percent >= 1 && var.cpu_target_utilization_percent <= 100 && floor(var.cpu_target_utilization_percent) == var.cpu_target_utilization_percent
    error_message = "The CPU target must be a whole percent from 1 to 100."
  }
}

variable "pool_size" {
  type        = number
  description = "HikariCP maximumPoolSize of one replica (connections). Default 10, HikariCP's own default, used when the sizing could not evaluate the pool (no connection hold time measured)."
  default     = 10

  validation {
    condition     = var.pool_size >= 1 && floor(var.pool_size) == var.pool_size
    error_message = "The pool size must be a whole number >= 1."
  }
}

variable "jvm_max_heap_mib" {
  type        = number
  description = "Heap maximum (MiB) the service's JVM was measured with, for -Xmx: the memory request holds that heap, and a JVM left to choose takes 25 % of its container's limit. Null (the default) when the service is not a JVM or its metrics did not say: its heap is left as it is configured."
  default     = null

  validation {
    condition     = var.jvm_max_heap_mib == null ? true : var.jvm_max_heap_mib >= 1 && floor(var.jvm_max_heap_mib) == var.jvm_max_heap_mib
    error_message = "The JVM heap maximum must be a whole number of MiB >= 1."
  }
}

variable "db_instance_class" {
  type        = string
  description = "RDS instance class of the database, e.g. db.t4g.medium. Null (the default) when the sizing did not size the database: leave it as it is."
  default     = null

  validation {
    condition     = var.db_instance_class == null ? true : can(regex("^db\\.[a-z0-9-]+\\.[a-z0-9]+$", var.db_instance_class))
    error_message = "The DB instance class must look like db.<family>.<size>, e.g. db.t4g.medium."
  }
}

variable "db_max_connections" {
  type        = number
  description = "The database's max_connections (connections): the parameter group's value, or the RDS default {DBInstanceClassMemory/12582880} for the class. Null (the default) when unknown: the connection budget is then not checked."
  default     = null

  validation {
    condition     = var.db_max_connections == null ? true : var.db_max_connections >= 1 && floor(var.db_max_connections) == var.db_max_connections
    error_message = "The DB max connections must be a whole number >= 1."
  }
}

variable "db_reserved_connections" {
  type        = number
  description = "Connections (count) that other clients of the database hold (batch jobs, administrators, migrations), added to the replicas' pools in the connection budget. Default 0."
  default     = 0

  validation {
    condition     = var.db_reserved_connections >= 0 && floor(var.db_reserved_connections) == var.db_reserved_connections
    error_message = "The reserved connections must be a whole number >= 0."
  }
}

# ---------------------------------------------------------------------------------------------
# EKS: pods on a managed node group, scaled by a HorizontalPodAutoscaler
# ---------------------------------------------------------------------------------------------

variable "node_instance_type" {
  type        = string
  description = "EC2 instance type of the EKS managed node group, e.g. m7g.large (eks only)."
  default     = null
}

variable "node_min_size" {
  type        = number
  description = "Fewest nodes (count) of the node group: scaling_config.min_size (eks only)."
  default     = null

  validation {
    condition     = var.node_min_size == null ? true : var.node_min_size >= 0 && floor(var.node_min_size) == var.node_min_size
    error_message = "The node min size must be a whole number >= 0."
  }
}

variable "node_max_size" {
  type        = number
  description = "Most nodes (count) of the node group: scaling_config.max_size; holds max replicas and the spare node (eks only)."
  default     = null

  validation {
    condition     = var.node_max_size == null ? true : var.node_max_size >= 1 && floor(var.node_max_size) == var.node_max_size
    error_message = "The node max size must be a whole number >= 1."
  }
}

variable "node_desired_size" {
  type        = number
  description = "Nodes (count) the node group starts with: scaling_config.desired_size, equal to the min; the cluster autoscaler owns it afterwards (eks only)."
  default     = null

  validation {
    condition     = var.node_desired_size == null ? true : var.node_desired_size >= 0 && floor(var.node_desired_size) == var.node_desired_size
    error_message = "The node desired size must be a whole number >= 0."
  }
}

variable "pod_cpu_request_millicores" {
  type        = number
  description = "CPU request of one pod (millicores); the CPU limit equals it, the CFS quota the capacity was measured under, and the HPA's utilization is a percentage of it (eks only)."
  default     = null

  validation {
    condition     = var.pod_cpu_request_millicores == null ? true : var.pod_cpu_request_millicores >= 1 && floor(var.pod_cpu_request_millicores) == var.pod_cpu_request_millicores
    error_message = "The pod CPU request must be a whole number of millicores >= 1."
  }
}

variable "pod_memory_request_mib" {
  type        = number
  description = "Memory request of one pod (MiB); the memory limit equals it, as Robusta KRR and the VPA set memory. Null (the default) when the sizing measured no memory: no request or limit is set (eks only)."
  default     = null

  validation {
    condition     = var.pod_memory_request_mib == null ? true : var.pod_memory_request_mib >= 1 && floor(var.pod_memory_request_mib) == var.pod_memory_request_mib
    error_message = "The pod memory request must be a whole number of MiB >= 1."
  }
}

# ---------------------------------------------------------------------------------------------
# EC2 Auto Scaling: one service JVM per instance
# ---------------------------------------------------------------------------------------------

variable "instance_type" {
  type        = string
  description = "EC2 instance type of the Auto Scaling group's launch template, e.g. c7g.large (ec2-asg only)."
  default     = null
}

variable "asg_min_size" {
  type        = number
  description = "Fewest instances (count) of the Auto Scaling group: min_size (ec2-asg only)."
  default     = null

  validation {
    condition     = var.asg_min_size == null ? true : var.asg_min_size >= 0 && floor(var.asg_min_size) == var.asg_min_size
    error_message = "The ASG min size must be a whole number >= 0."
  }
}

variable "asg_max_size" {
  type        = number
  description = "Most instances (count) of the Auto Scaling group: max_size (ec2-asg only)."
  default     = null

  validation {
    condition     = var.asg_max_size == null ? true : var.asg_max_size >= 1 && floor(var.asg_max_size) == var.asg_max_size
    error_message = "The ASG max size must be a whole number >= 1."
  }
}

variable "asg_desired_capacity" {
  type        = number
  description = "Instances (count) the group starts with: desired_capacity, equal to the min; target tracking owns it afterwards (ec2-asg only)."
  default     = null

  validation {
    condition     = var.asg_desired_capacity == null ? true : var.asg_desired_capacity >= 0 && floor(var.asg_desired_capacity) == var.asg_desired_capacity
    error_message = "The ASG desired capacity must be a whole number >= 0."
  }
}

variable "jvm_active_processor_count" {
  type        = number
  description = "Processors (count) for -XX:ActiveProcessorCount: the JVM sizes its GC and common-pool threads from it, as it did under the measured CPU quota (ec2-asg only)."
  default     = null

  validation {
    condition     = var.jvm_active_processor_count == null ? true : var.jvm_active_processor_count >= 1 && floor(var.jvm_active_processor_count) == var.jvm_active_processor_count
    error_message = "The active processor count must be a whole number >= 1."
  }
}

# ---------------------------------------------------------------------------------------------
# ECS on Fargate: tasks scaled by Application Auto Scaling target tracking
# ---------------------------------------------------------------------------------------------

variable "task_cpu_units" {
  type        = number
  description = "CPU of one task (CPU units, 1024 per vCPU): the task definition's cpu (ecs-fargate only)."
  default     = null

  validation {
    condition     = var.task_cpu_units == null ? true : contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.task_cpu_units)
    error_message = "Fargate tasks take 256, 512, 1024, 2048, 4096, 8192 or 16384 CPU units."
  }
}

variable "task_memory_mib" {
  type        = number
  description = "Memory of one task (MiB): the task definition's memory, a size Fargate allows with task_cpu_units. Null (the default) when the sizing measured no memory: the smallest size Fargate allows with that CPU (ecs-fargate only)."
  default     = null

  validation {
    condition     = var.task_memory_mib == null ? true : var.task_memory_mib >= 512 && floor(var.task_memory_mib) == var.task_memory_mib
    error_message = "The task memory must be a whole number of MiB >= 512."
  }
}

variable "service_min_count" {
  type        = number
  description = "Fewest tasks (count): the scalable target's min_capacity (ecs-fargate only)."
  default     = null

  validation {
    condition     = var.service_min_count == null ? true : var.service_min_count >= 0 && floor(var.service_min_count) == var.service_min_count
    error_message = "The service min count must be a whole number >= 0."
  }
}

variable "service_max_count" {
  type        = number
  description = "Most tasks (count): the scalable target's max_capacity (ecs-fargate only)."
  default     = null

  validation {
    condition     = var.service_max_count == null ? true : var.service_max_count >= 1 && floor(var.service_max_count) == var.service_max_count
    error_message = "The service max count must be a whole number >= 1."
  }
}

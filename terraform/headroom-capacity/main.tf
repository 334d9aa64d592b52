locals {
  # Extra replicas a rolling update runs beside the old ones, each opening a full pool, as
  # dev.headroom.sizing.Rollout counts them: a Deployment's default maxSurge of 25 % rounded up;
  # an ECS service's default maximumPercent of 200 %, a whole second set of tasks; none for an EC2
  # instance refresh, which replaces instances in place.
  surge_replicas = {
    "eks"         = ceil(var.replicas_max * 0.25)
    "ec2-asg"     = 0
    "ecs-fargate" = var.replicas_max
  }[var.platform]

  # Every connection that can be open at once: all replicas at their max during a rollout, each
  # with a full pool (HikariCP's minimumIdle defaults to maximumPoolSize), plus other clients'.
  connection_budget = (var.replicas_max + local.surge_replicas) * var.pool_size + var.db_reserved_connections

  # The variables a platform cannot do without; the others default to null for the platforms that
  # do not use them.
  missing_variables = {
    "eks" = [for name, value in {
      node_instance_type         = var.node_instance_type
      node_min_size              = var.node_min_size
      node_max_size              = var.node_max_size
      node_desired_size          = var.node_desired_size
      pod_cpu_request_millicores = var.pod_cpu_request_millicores
    } : name if value == null]
    "ec2-asg" = [for name, value in {
      instance_type              = var.instance_type
      asg_min_size               = var.asg_min_size
      asg_max_size               = var.asg_max_size
      asg_desired_capacity       = var.asg_desired_capacity
      jvm_active_processor_count = var.jvm_active_processor_count
    } : name if value == null]
    "ecs-fargate" = [for name, value in {
      task_cpu_units    = var.task_cpu_units
      service_min_count = var.service_min_count
      service_max_count = var.service_max_count
    } : name if value == null]
  }[var.platform]
  complete = length(local.missing_variables) == 0

  eks         = local.complete && var.platform == "eks"
  ec2_asg     = local.complete && var.platform == "ec2-asg"
  ecs_fargate = local.complete && var.platform == "ecs-fargate"

  # Fargate's task sizes: the memory (MiB) allowed with each CPU value (CPU units), ascending.
  # Amazon ECS Developer Guide, task definition parameters for Fargate, "Task size".
  fargate_memory_mib_by_cpu_units = {
    "256"   = [512, 1024, 2048]
    "512"   = range(1024, 4096 + 1, 1024)
    "1024"  = range(2048, 8192 + 1, 1024)
    "2048"  = range(4096, 16384 + 1, 1024)
    "4096"  = range(8192, 30720 + 1, 1024)
    "8192"  = range(16384, 61440 + 1, 4096)
    "16384" = range(32768, 122880 + 1, 8192)
  }
  fargate_memory_mib_allowed = var.task_cpu_units == null ? [] : local.fargate_memory_mib_by_cpu_units[tostring(var.task_cpu_units)]
  # Unmeasured memory: the smallest size Fargate allows with the task's CPU, the cheapest valid one.
  task_memory_mib = var.task_cpu_units == null ? null : coalesce(var.task_memory_mib, local.fargate_memory_mib_allowed[0])

  # The spare for a lost node or zone is deployed when the minimum runs more replicas than the peak
  # needs; only then can a disruption budget keep the peak's replicas and still let drains finish
  # (dev.headroom.report.SpareManifests, which writes the same budget into kubernetes/capacity.yaml).
  spare_deployed = var.survive == "none" || var.replicas_for_peak == null ? false : var.replicas_for_peak < var.replicas_min

  # Limits equal to requests: memory as Robusta KRR and the VPA set it; CPU because the capacity
  # was measured under a CFS quota of exactly the request.
  pod_quantities = local.eks ? merge(
    { cpu = "${var.pod_cpu_request_millicores}m" },
    var.pod_memory_request_mib == null ? {} : { memory = "${var.pod_memory_request_mib}Mi" },
  ) : null
}

# A warning, not an error: an unknown max_connections is not a wrong plan, but the budget that
# would catch "Too many connections" before the first rollout at the peak went unchecked.
check "connection_budget_checked" {
  assert {
    condition     = var.db_max_connections != null
    error_message = "db_max_connections is unknown, so the connection budget of ${local.connection_budget} was not checked against the database: set it to the parameter group's max_connections."
  }
}

output "replicas" {
  description = "Replica bounds (count), the replicas that carry the peak without the spare (count; null when not given), and the extra replicas (count) a rolling update adds at the max."
  value = {
    min      = var.replicas_min
    for_peak = var.replicas_for_peak
    max      = var.replicas_max
    surge    = local.surge_replicas
  }

  precondition {
    condition     = local.complete
    error_message = "The ${var.platform} platform needs these variables, which are not set: ${join(", ", local.missing_variables)}."
  }
  precondition {
    condition     = var.replicas_min <= var.replicas_max
    error_message = "replicas_min (${var.replicas_min}) is above replicas_max (${var.replicas_max})."
  }
  precondition {
    condition     = var.replicas_for_peak == null ? true : var.replicas_for_peak <= var.replicas_max
    error_message = "replicas_for_peak (${coalesce(var.replicas_for_peak, 0)}) is above replicas_max (${var.replicas_max}): the peak would never be reached."
  }
}

output "connection_budget" {
  description = "Connections (count) that can be open at once: (replicas_max + surge) x pool_size + db_reserved_connections. It must fit db_max_connections, or the database refuses connections during a rollout at the peak."
  value       = local.connection_budget

  precondition {
    condition     = var.db_max_connections == null ? true : local.connection_budget <= var.db_max_connections
    error_message = "The connection budget (${var.replicas_max} + ${local.surge_replicas} surge replicas) x pool ${var.pool_size} + ${var.db_reserved_connections} reserved = ${local.connection_budget} exceeds db_max_connections ${coalesce(var.db_max_connections, 0)}: lower the pool or max replicas, raise max_connections, or choose a larger DB class."
  }
}

output "service_environment" {
  description = "Environment variables for the service's container or unit: the pool size (connections) through Spring Boot's relaxed binding of spring.datasource.hikari.maximum-pool-size, and, when the heap it was measured with is known, JDK_JAVA_OPTIONS with that -Xmx (the java launcher puts it before its command line: an -Xmx of the image's own command line still wins)."
  value = merge(
    {
      SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE = tostring(var.pool_size)
    },
    var.jvm_max_heap_mib == null ? {} : { JDK_JAVA_OPTIONS = "-Xmx${var.jvm_max_heap_mib}m" },
  )
}

output "eks_node_group_scaling_config" {
  description = "aws_eks_node_group scaling_config (nodes, count) and instance_types; null on other platforms."
  value = local.eks ? {
    instance_types = [var.node_instance_type]
    min_size       = var.node_min_size
    max_size       = var.node_max_size
    desired_size   = var.node_desired_size
  } : null

  precondition {
    condition     = local.eks ? var.node_min_size <= var.node_desired_size && var.node_desired_size <= var.node_max_size : true
    error_message = "The node group needs node_min_size <= node_desired_size <= node_max_size."
  }
}

output "kubernetes_container_resources" {
  description = "The container's resources in Kubernetes quantities (cpu in millicores, memory in Mi), limits equal to requests; null on other platforms."
  value = local.eks ? {
    requests = local.pod_quantities
    limits   = local.pod_quantities
  } : null
}

output "kubernetes_hpa" {
  description = "HorizontalPodAutoscaler (autoscaling/v2) bounds (replicas, count) and CPU target (percent of the CPU request); null on other platforms."
  value = local.eks ? {
    min_replicas                   = var.replicas_min
    max_replicas                   = var.replicas_max
    target_cpu_utilization_percent = var.cpu_target_utilization_percent
  } : null
}

output "kubernetes_pod_disruption_budget" {
  description = "PodDisruptionBudget (policy/v1) for voluntary disruptions (pods, count), as kubernetes/capacity.yaml writes it: min_available = replicas_for_peak when the spare is deployed (survive node or zone, replicas_min above it), so drains take the spare and never the peak's replicas; else max_unavailable = 1. The other is null. Null on other platforms."
  value = local.eks ? {
    min_available   = local.spare_deployed ? var.replicas_for_peak : null
    max_unavailable = local.spare_deployed ? null : 1
  } : null
}

output "asg_scaling" {
  description = "aws_autoscaling_group sizes (instances, count), instance type, and the target tracking policy's target (percent CPU); null on other platforms."
  value = local.ec2_asg ? {
    instance_type                  = var.instance_type
    min_size                       = var.asg_min_size
    max_size                       = var.asg_max_size
    desired_capacity               = var.asg_desired_capacity
    target_cpu_utilization_percent = var.cpu_target_utilization_percent
  } : null

  precondition {
    condition     = local.ec2_asg ? var.asg_min_size <= var.asg_desired_capacity && var.asg_desired_capacity <= var.asg_max_size : true
    error_message = "The Auto Scaling group needs asg_min_size <= asg_desired_capacity <= asg_max_size."
  }
}

output "jvm_options" {
  description = "JVM flags for the instance's service (JAVA_TOOL_OPTIONS); null on other platforms."
  value       = local.ec2_asg ? "-XX:ActiveProcessorCount=${var.jvm_active_processor_count}" : null
}

output "ecs_task_size" {
  description = "aws_ecs_task_definition cpu (CPU units) and memory (MiB), as the strings the resource takes; null on other platforms."
  value = local.ecs_fargate ? {
    cpu    = tostring(var.task_cpu_units)
    memory = tostring(local.task_memory_mib)
  } : null

  precondition {
    condition     = local.ecs_fargate ? contains(local.fargate_memory_mib_allowed, local.task_memory_mib) : true
    error_message = "Fargate does not allow ${coalesce(local.task_memory_mib, 0)} MiB with ${coalesce(var.task_cpu_units, 0)} CPU units; allowed: ${join(", ", local.fargate_memory_mib_allowed)}."
  }
}

output "ecs_service_scaling" {
  description = "aws_appautoscaling_target capacity (tasks, count) and the target tracking policy's target (percent CPU); null on other platforms."
  value = local.ecs_fargate ? {
    min_capacity                   = var.service_min_count
    max_capacity                   = var.service_max_count
    target_cpu_utilization_percent = var.cpu_target_utilization_percent
  } : null

  precondition {
    condition     = local.ecs_fargate ? var.service_min_count <= var.service_max_count : true
    error_message = "The ECS service needs service_min_count <= service_max_count."
  }
}

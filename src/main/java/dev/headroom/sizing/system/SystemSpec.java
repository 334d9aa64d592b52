package dev.headroom.sizing.system;

import dev.headroom.sizing.DaemonOverhead;
import dev.headroom.sizing.MeasuredStep;
import dev.headroom.sizing.Platform;
import dev.headroom.sizing.SearchEnd;
import dev.headroom.sizing.SizingRequest;
import dev.headroom.sizing.TestBed;
import dev.headroom.sizing.WarmupEnd;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A system to size: services on one platform sharing node groups and databases, deployed with one
 * strategy. Built (and checked field by field, with file and line) by the system file reader; the
 * constructors here guard the model's own invariants only.
 */
public record SystemSpec(
        Platform platform,
        String region,
        int availabilityZones,
        SizingRequest.FailureDomain survive,
        Deployment deployment,
        List<NodeGroupSpec> nodeGroups,
        List<DatabaseSpec> databases,
        List<ServiceSpec> services) {

    public SystemSpec {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(deployment, "deployment");
        nodeGroups = List.copyOf(nodeGroups);
        databases = List.copyOf(databases);
        services = List.copyOf(services);
        if (services.isEmpty()) throw new IllegalArgumentException("a system has at least one service");
        unique("service", services.stream().map(ServiceSpec::name).toList());
        unique("database", databases.stream().map(DatabaseSpec::name).toList());
        unique("node group", nodeGroups.stream().map(NodeGroupSpec::name).toList());
        // In a compact constructor the fields are not yet set: check against the parameters.
        Set<String> dbNames =
                new HashSet<>(databases.stream().map(DatabaseSpec::name).toList());
        Set<String> groupNames =
                new HashSet<>(nodeGroups.stream().map(NodeGroupSpec::name).toList());
        for (ServiceSpec s : services) {
            s.database().filter(d -> !dbNames.contains(d)).ifPresent(d -> {
                throw new IllegalArgumentException(s.name() + " names no declared database: " + d);
            });
            if (platform == Platform.EKS && !groupNames.contains(s.nodeGroup()))
                throw new IllegalArgumentException(s.name() + " names no declared node group: " + s.nodeGroup());
        }
    }

    public DatabaseSpec database(String name) {
        return databases.stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no database named " + name));
    }

    public NodeGroupSpec nodeGroup(String name) {
        return nodeGroups.stream()
                .filter(g -> g.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node group named " + name));
    }

    /** The services that open connections to {@code database}. */
    public List<ServiceSpec> servicesOf(String database) {
        return services.stream()
                .filter(s -> s.database().filter(database::equals).isPresent())
                .toList();
    }

    private static void unique(String what, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String n : names) if (!seen.add(n)) throw new IllegalArgumentException(what + " " + n + " is named twice");
    }

    /**
     * How a new version replaces the old: both run for a while, each with its full pool.
     *
     * @param maxSurgeFraction rolling only: extra replicas during the update, of the max (0.25 = 25 %)
     */
    public record Deployment(Strategy strategy, double maxSurgeFraction) {
        public enum Strategy {
            ROLLING,
            BLUE_GREEN
        }

        public Deployment {
            Objects.requireNonNull(strategy, "strategy");
            if (strategy == Strategy.ROLLING && !(maxSurgeFraction >= 0 && maxSurgeFraction <= 1))
                throw new IllegalArgumentException("max surge must be from 0 to 100 %");
        }

        /**
         * The platform's default rolling update: Kubernetes maxSurge 25 % (apps/v1
         * RollingUpdateDeployment); ECS maximumPercent 200 %, a surge of 100 % (ECS API,
         * DeploymentConfiguration); EC2 instance refresh replaces in place, no surge.
         */
        public static Deployment rollingDefault(Platform platform) {
            return new Deployment(
                    Strategy.ROLLING,
                    switch (platform) {
                        case EKS -> 0.25;
                        case ECS_FARGATE -> 1.0;
                        case EC2_ASG -> 0.0;
                    });
        }

        /**
         * Replicas running beside {@code replicas} during an update, each opening its pool before the
         * old ones close. Rolling: the surge rounded up, as Kubernetes rounds maxSurge. Blue/green: a
         * whole second set, since CodeDeploy creates the green task set at desiredCount and deletes the
         * blue one only after the termination wait (CodeDeploy API, ECSTaskSet,
         * BlueInstanceTerminationOption).
         */
        public int surgeReplicas(int replicas) {
            return switch (strategy) {
                case ROLLING -> (int) Math.ceil(replicas * maxSurgeFraction - 1e-9);
                case BLUE_GREEN -> replicas;
            };
        }

        /**
         * The replicas a service runs beside its {@code maxReplicas} during a release: the one rule
         * both the connection budget and the node group's maximum count. Every service's surge is
         * counted at once, since a release may deploy them together (a release train, or a rollout
         * stalled with its surge up while the next one starts), and a limit that holds only when
         * services deploy one by one is a limit the deploy pipeline must enforce, which the
         * system file cannot state. Lower {@code max_surge_pct} to count less.
         */
        public int releaseSurge(int maxReplicas) {
            return surgeReplicas(maxReplicas);
        }

        public String describe() {
            return strategy == Strategy.BLUE_GREEN
                    ? "blue/green (a full second set)"
                    : String.format("rolling, maxSurge %.0f %%", maxSurgeFraction * 100);
        }
    }

    /** A container every pod (or task) of a service carries beside the service: a mesh proxy, a log agent. */
    public record Sidecar(String name, int cpuMillicores, int memoryMib) {
        public Sidecar {
            Objects.requireNonNull(name, "name");
            if (cpuMillicores < 0 || memoryMib < 0)
                throw new IllegalArgumentException(name + ": requests must be >= 0");
        }
    }

    /**
     * An EKS node group: the types it may use and the DaemonSets every node runs besides aws-node
     * and kube-proxy.
     *
     * @param instanceTypes candidate types; empty means every type in the catalog
     */
    public record NodeGroupSpec(String name, List<String> instanceTypes, DaemonOverhead daemons) {
        public NodeGroupSpec {
            Objects.requireNonNull(name, "name");
            instanceTypes = List.copyOf(instanceTypes);
            Objects.requireNonNull(daemons, "daemons");
        }
    }

    /**
     * A database the services share.
     *
     * @param classes candidate classes; empty means every class in the catalog
     * @param maxReadReplicas how many read replicas the team allows (0: none)
     * @param maxConnections the parameter group's value, when set; else the engine's default
     * @param targetCpuUtilization the highest sustained CPU of the writer and of each replica
     */
    public record DatabaseSpec(
            String name,
            Engine engine,
            boolean multiAz,
            int maxReadReplicas,
            int reservedConnections,
            OptionalInt maxConnections,
            List<String> classes,
            double targetCpuUtilization) {
        /** RDS for MySQL and PostgreSQL allow up to 15 read replicas per source (RDS User Guide, 2022-10-20). */
        public static final int MAX_READ_REPLICAS = 15;

        public DatabaseSpec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(engine, "engine");
            if (maxReadReplicas < 0 || maxReadReplicas > MAX_READ_REPLICAS)
                throw new IllegalArgumentException("read replicas must be 0.." + MAX_READ_REPLICAS);
            if (reservedConnections < 0) throw new IllegalArgumentException("reserved connections must be >= 0");
            classes = List.copyOf(classes);
            if (!(targetCpuUtilization > 0 && targetCpuUtilization <= 1))
                throw new IllegalArgumentException("DB target CPU must be in (0, 1]");
        }
    }

    /**
     * One service: its measured run, its load, and what it shares.
     *
     * @param request the single-service request it is sized with (its peak and baseline, the system's
     *     platform, region, zones and failure domain)
     * @param poolSize the pool the team runs; empty: the sizer's pool
     * @param minReplicas the team's lower bound, when it has one
     * @param maxReplicas the team's upper bound, when it has one
     * @param database the database it writes to (and reads from); empty when it has none
     * @param readShare the share of its database work that is reads, as declared (NaN: not declared)
     * @param nodeGroup its EKS node group; empty on Fargate
     * @param searchEnd how its run's capacity search ended, when its steps are a search's trials
     *     (run.json beside its steps.csv): as for one service, a search that did not end found gives
     *     a lower bound
     * @param warmup how its run's warm-up ended: one that never settled is a finding, as for one service
     */
    public record ServiceSpec(
            String name,
            String source,
            List<MeasuredStep> steps,
            TestBed testBed,
            SizingRequest request,
            OptionalInt poolSize,
            OptionalInt minReplicas,
            OptionalInt maxReplicas,
            List<Sidecar> sidecars,
            Optional<String> database,
            double readShare,
            String nodeGroup,
            Optional<SearchEnd> searchEnd,
            Optional<WarmupEnd> warmup) {
        public ServiceSpec {
            Objects.requireNonNull(name, "name");
            steps = List.copyOf(steps);
            Objects.requireNonNull(testBed, "testBed");
            Objects.requireNonNull(request, "request");
            sidecars = List.copyOf(sidecars);
            Objects.requireNonNull(database, "database");
            if (!Double.isNaN(readShare) && !(readShare >= 0 && readShare <= 1))
                throw new IllegalArgumentException(name + ": read share must be in [0, 1]");
            if (minReplicas.isPresent() && maxReplicas.isPresent() && minReplicas.getAsInt() > maxReplicas.getAsInt())
                throw new IllegalArgumentException(name + ": min replicas above max");
            nodeGroup = nodeGroup == null ? "" : nodeGroup;
            Objects.requireNonNull(searchEnd, "searchEnd");
            Objects.requireNonNull(warmup, "warmup");
        }

        public int sidecarCpuMillicores() {
            return sidecars.stream().mapToInt(Sidecar::cpuMillicores).sum();
        }

        public int sidecarMemoryMib() {
            return sidecars.stream().mapToInt(Sidecar::memoryMib).sum();
        }
    }
}

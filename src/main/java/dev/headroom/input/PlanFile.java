package dev.headroom.input;

import dev.headroom.yaml.InputFileException;
import dev.headroom.yaml.Problems;
import dev.headroom.yaml.YamlDocument;
import dev.headroom.yaml.YamlSection;
import java.nio.file.Path;

/**
 * The user's current plan, from {@code --current-plan plan.yaml} or a request's
 * {@code current_plan:} section. The keys are those of the issue that asked for it:
 * {@code instance_type, max_replicas, pool_size, db_class, db_max_connections}, plus
 * {@code min_replicas}, {@code cpu_target_pct} (the autoscaling trigger) and {@code nodes} (how many
 * of {@code instance_type} run today, as in "3 x t3.medium") when known.
 */
public final class PlanFile {
    private PlanFile() {}

    public static PlanFields read(Path file) {
        Problems problems = new Problems(file.toString());
        PlanFields fields = YamlDocument.open(file, problems)
                .map(root -> read(root, file.toString()))
                .orElse(null);
        try {
            problems.throwIfAny();
        } catch (InputFileException e) {
            throw new InputException(e.problems().stream().map(Object::toString).toList());
        }
        return fields;
    }

    static PlanFields read(YamlSection s, String source) {
        PlanFields f = new PlanFields();
        f.source = source;
        f.instanceType = RequestFile.emptyToNull(s.text("instance_type", "an EC2 instance type", ""));
        f.instanceTypeLine = s.lineOfValue("instance_type");
        f.nodes = s.wholeNumber("nodes", 1, InputRanges.MAX_NODES, 0);
        f.minReplicas = s.wholeNumber("min_replicas", 1, InputRanges.MAX_REPLICAS, 0);
        f.maxReplicas = s.wholeNumber("max_replicas", 1, InputRanges.MAX_REPLICAS, 0);
        f.poolSize = s.wholeNumber("pool_size", 1, InputRanges.MAX_REPLICAS, 0);
        f.dbClass = RequestFile.emptyToNull(s.text("db_class", "an RDS class such as db.t3.small", ""));
        f.dbClassLine = s.lineOfValue("db_class");
        f.dbMaxConnections = s.wholeNumber("db_max_connections", 1, InputRanges.MAX_CONNECTIONS, 0);
        f.cpuTargetPct = RequestFile.n(s.number("cpu_target_pct", InputRanges.CPU_TARGET_PCT, Double.NaN));
        if (f.minReplicas != null
                && f.maxReplicas != null
                && f.minReplicas > 0
                && f.maxReplicas > 0
                && f.minReplicas > f.maxReplicas)
            s.problemAt("min_replicas", "is above max_replicas (" + f.maxReplicas + ")");
        if (s.readable() && s.keys().isEmpty())
            s.problemHere("the plan is empty: give at least instance_type or max_replicas");
        s.finish();
        return f;
    }

    /** The plan as written; 0, NaN and null mean "not given". */
    public static final class PlanFields {
        String source = "";
        String instanceType, dbClass;
        int instanceTypeLine, dbClassLine;
        Integer nodes, minReplicas, maxReplicas, poolSize, dbMaxConnections;
        double cpuTargetPct = Double.NaN;
    }
}

package dev.headroom.report;

import dev.headroom.sizing.DbClassCatalog;
import dev.headroom.sizing.InstanceCatalog;
import dev.headroom.sizing.PriceTable;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads a user's price file (YAML) and merges it over the prices Headroom ships, so that the sizer
 * can price RDS, the EKS control plane, Fargate and regions other than us-east-1 with numbers the
 * user vouches for. The shape, with {@code scenarios/prices/example-prices.yaml} as the worked
 * example:
 *
 * <pre>
 * region: us-east-1                          # an AWS commercial region code
 * currency: USD                              # only USD
 * source: "where these numbers came from, and when"
 * ec2_usd_per_hour: { m6i.large: 0.096 }     # instance type: USD per instance-hour
 * rds_usd_per_hour: { db.t3.small: ... }     # DB class: USD per DB instance-hour, single-AZ
 * eks_cluster_usd_per_hour: ...              # USD per cluster-hour
 * fargate:                                   # USD per vCPU-hour and per GB-hour, in pairs
 *   vcpu_usd_per_hour: ...
 *   gb_usd_per_hour: ...
 *   arm64_vcpu_usd_per_hour: ...
 *   arm64_gb_usd_per_hour: ...
 * </pre>
 *
 * Every section but region, currency and source is optional; a price not given is unknown, never
 * zero. Every problem is reported at once with its file, line and field.
 */
public final class PriceFiles {
    private PriceFiles() {}

    /**
     * The file's prices merged over {@link CatalogFiles#builtInPrices} for its region: the file's
     * price wins where both have one.
     *
     * @param instances the types an {@code ec2_usd_per_hour} key may name
     * @param dbClasses the classes an {@code rds_usd_per_hour} key may name
     * @throws CatalogFileException listing every problem, each with file, line and field
     */
    public static PriceTable load(Path file, InstanceCatalog instances, DbClassCatalog dbClasses) {
        String source = file.toString();
        FileProblems problems = new FileProblems(source);
        String text = read(file, problems);
        Node document = text == null ? null : compose(text, problems);
        PriceTable prices =
                document == null ? null : new PriceFileReader(source, problems, instances, dbClasses).read(document);
        problems.throwIfAny();
        return CatalogFiles.builtInPrices(prices.region()).overriddenBy(prices);
    }

    private static String read(Path file, FileProblems problems) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add(0, "", "no such file");
        } catch (CharacterCodingException e) {
            problems.add(0, "", "not UTF-8; save the file as UTF-8");
        } catch (IOException e) {
            problems.add(0, "", "cannot be read: " + e);
        }
        return null;
    }

    private static Node compose(String text, FileProblems problems) {
        try {
            Node document = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
            if (document == null) {
                problems.add(1, "", "the file is empty; a price file is a mapping with region, currency, source");
            }
            return document;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() == null ? e.getContext() : e.getProblem();
            problems.add(mark == null ? 0 : mark.getLine() + 1, "", "YAML syntax: " + problem);
        } catch (YAMLException e) {
            problems.add(0, "", "YAML: " + e.getMessage());
        }
        return null;
    }
}

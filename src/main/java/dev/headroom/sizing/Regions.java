package dev.headroom.sizing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The AWS commercial regions (partition {@code aws}), so that a typo in a region is caught while a
 * real region without a price table is accepted and simply has no prices. China, GovCloud, the
 * European Sovereign Cloud and the ISO partitions are other partitions with their own prices and are
 * not listed.
 *
 * @see "boto/botocore botocore/data/partitions.json at c870f2c1, partition aws"
 */
public final class Regions {
    private static final Map<String, String> NAMES = names();

    private Regions() {}

    /** Region codes, in the source's order: {@code af-south-1, ap-east-1, ...}. */
    public static Set<String> codes() {
        return NAMES.keySet();
    }

    public static boolean isKnown(String code) {
        return NAMES.containsKey(code);
    }

    /** {@code "Asia Pacific (Seoul)"} for {@code ap-northeast-2}. */
    public static String nameOf(String code) {
        return NAMES.get(require(code));
    }

    /**
     * @return {@code code}, when it is a commercial region
     * @throws IllegalArgumentException naming the nearest codes
     */
    public static String require(String code) {
        if (code != null && NAMES.containsKey(code)) return code;
        throw new IllegalArgumentException("unknown AWS region '" + code + "'"
                + (code == null ? "" : NearMatches.hint(code, NAMES.keySet()))
                + "; AWS commercial regions: " + String.join(", ", NAMES.keySet()));
    }

    private static Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("af-south-1", "Africa (Cape Town)");
        names.put("ap-east-1", "Asia Pacific (Hong Kong)");
        names.put("ap-east-2", "Asia Pacific (Taipei)");
        names.put("ap-northeast-1", "Asia Pacific (Tokyo)");
        names.put("ap-northeast-2", "Asia Pacific (Seoul)");
        names.put("ap-northeast-3", "Asia Pacific (Osaka)");
        names.put("ap-south-1", "Asia Pacific (Mumbai)");
        names.put("ap-south-2", "Asia Pacific (Hyderabad)");
        names.put("ap-southeast-1", "Asia Pacific (Singapore)");
        names.put("ap-southeast-2", "Asia Pacific (Sydney)");
        names.put("ap-southeast-3", "Asia Pacific (Jakarta)");
        names.put("ap-southeast-4", "Asia Pacific (Melbourne)");
        names.put("ap-southeast-5", "Asia Pacific (Malaysia)");
        names.put("ap-southeast-6", "Asia Pacific (New Zealand)");
        names.put("ap-southeast-7", "Asia Pacific (Thailand)");
        names.put("ca-central-1", "Canada (Central)");
        names.put("ca-west-1", "Canada West (Calgary)");
        names.put("eu-central-1", "Europe (Frankfurt)");
        names.put("eu-central-2", "Europe (Zurich)");
        names.put("eu-north-1", "Europe (Stockholm)");
        names.put("eu-south-1", "Europe (Milan)");
        names.put("eu-south-2", "Europe (Spain)");
        names.put("eu-west-1", "Europe (Ireland)");
        names.put("eu-west-2", "Europe (London)");
        names.put("eu-west-3", "Europe (Paris)");
        names.put("il-central-1", "Israel (Tel Aviv)");
        names.put("me-central-1", "Middle East (UAE)");
        names.put("me-south-1", "Middle East (Bahrain)");
        names.put("mx-central-1", "Mexico (Central)");
        names.put("sa-east-1", "South America (Sao Paulo)");
        names.put("us-east-1", "US East (N. Virginia)");
        names.put("us-east-2", "US East (Ohio)");
        names.put("us-west-1", "US West (N. California)");
        names.put("us-west-2", "US West (Oregon)");
        return Collections.unmodifiableMap(names);
    }
}

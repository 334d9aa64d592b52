package dev.headroom.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * The Chart.js UMD bundle from its WebJar on the classpath, to inline into the report so it opens
 * offline. The version is read from the WebJar's own pom.properties, so the pom is the one place
 * it is written down.
 */
public final class ChartJs {
    private static final String POM_PROPERTIES = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
    private static final String BUNDLE_PATH = "META-INF/resources/webjars/chart.js/%s/dist/chart.umd.min.js";

    private ChartJs() {}

    public static String version() {
        return Loaded.VERSION;
    }

    public static String bundle() {
        return Loaded.BUNDLE;
    }

    /** Read once, on first use: the bundle is 200 kB and the same for every report. */
    private static final class Loaded {
        static final String VERSION = readVersion();
        static final String BUNDLE = inlineable(read(String.format(BUNDLE_PATH, VERSION)), "the Chart.js bundle");
    }

    private static String readVersion() {
        Properties pom = new Properties();
        try (InputStream in = open(POM_PROPERTIES)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = pom.getProperty("version");
        if (version == null || version.isBlank()) throw new IllegalStateException(POM_PROPERTIES + " names no version");
        return version;
    }

    private static String read(String resource) {
        try (InputStream in = open(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A script inlined into a page must not contain {@code </script}: the HTML parser would end the
     * element there. Refused rather than patched, because patching minified code could change it.
     */
    public static String inlineable(String script, String what) {
        if (script.toLowerCase(Locale.ROOT).contains("</script"))
            throw new IllegalStateException(what + " contains </script and cannot be inlined");
        return script;
    }

    private static InputStream open(String resource) {
        InputStream in = ChartJs.class.getClassLoader().getResourceAsStream(resource);
        if (in == null)
            throw new IllegalStateException(
                    resource + " is not on the classpath (is the chart.js WebJar a dependency?)");
        return in;
    }
}

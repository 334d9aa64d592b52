package dev.headroom.scenario;

import dev.headroom.yaml.InputFileException;
import dev.headroom.yaml.InputFileException.Problem;
import dev.headroom.yaml.Problems;
import dev.headroom.yaml.YamlText;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads a scenario file and checks every field against what is accepted. All problems are reported
 * at once in a {@link InputFileException}, each with its file, line and field; a bad value is never
 * clamped or replaced by a default.
 *
 * <p>The document is composed with SnakeYAML into nodes, not bound to objects, because nodes keep
 * the line each field and value came from.
 */
public final class ScenarioLoader {
    private static final String EXTENSION = ".yaml";

    private ScenarioLoader() {}

    /**
     * @param nameOrPath a scenario name ({@code quick}: {@code <scenariosDir>/quick.yaml}), or a path
     *     to a file when it ends in {@code .yaml} or {@code .yml} or contains a path separator
     * @throws InputFileException listing every problem found, or the available names for an unknown one
     */
    public static Scenario load(String nameOrPath, Path scenariosDir) {
        Objects.requireNonNull(nameOrPath, "nameOrPath");
        Path file = resolve(nameOrPath, scenariosDir);
        String source = file.toString();
        Problems problems = new Problems(source);
        byte[] bytes = YamlText.read(file, problems);
        problems.throwIfAny();
        String text = YamlText.decode(bytes, problems);
        Node document = text == null ? null : YamlText.compose(text, problems);
        Scenario scenario =
                document == null ? null : ScenarioReader.read(document, nameOf(file), source, sha256(bytes), problems);
        problems.throwIfAny();
        return scenario;
    }

    /** The scenarios in {@code scenariosDir}: its {@code *.yaml} file names without the extension, sorted. */
    public static List<String> available(Path scenariosDir) {
        if (!Files.isDirectory(scenariosDir)) return List.of();
        try (Stream<Path> files = Files.list(scenariosDir)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(EXTENSION))
                    .map(f -> f.substring(0, f.length() - EXTENSION.length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static boolean isPath(String nameOrPath) {
        return nameOrPath.endsWith(".yaml")
                || nameOrPath.endsWith(".yml")
                || nameOrPath.contains("/")
                || nameOrPath.contains(File.separator);
    }

    private static Path resolve(String nameOrPath, Path scenariosDir) {
        if (isPath(nameOrPath)) return Path.of(nameOrPath);
        Path file = scenariosDir.resolve(nameOrPath + EXTENSION);
        if (Files.isRegularFile(file)) return file;
        List<String> names = available(scenariosDir);
        String message = "no scenario named '" + nameOrPath + "' in " + scenariosDir + "; available: "
                + (names.isEmpty() ? "none" : String.join(", ", names));
        throw new InputFileException(List.of(new Problem(file.toString(), 0, "", message)));
    }

    private static String nameOf(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".yaml")) return name.substring(0, name.length() - ".yaml".length());
        if (name.endsWith(".yml")) return name.substring(0, name.length() - ".yml".length());
        return name;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

package dev.headroom.scenario;

import dev.headroom.scenario.InputFileException.Problem;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

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
        byte[] bytes = read(file, problems);
        problems.throwIfAny();
        String text = decode(bytes, problems);
        Node document = text == null ? null : compose(text, problems);
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

    static byte[] read(Path file, Problems problems) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            problems.add(0, "", "no such file");
        } catch (IOException e) {
            problems.add(0, "", "cannot be read: " + e);
        }
        return null;
    }

    /** Strict UTF-8, as YAML requires; a lenient decoder would hash one text and read another. */
    static String decode(byte[] bytes, Problems problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            problems.add(lineAt(bytes, at), "", "not UTF-8 at byte " + at + "; save the file as UTF-8");
            return null;
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    static Node compose(String text, Problems problems) {
        try {
            Node document = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
            if (document == null) {
                problems.add(
                        1, "", "the file is empty; a scenario is a mapping with name, description, mix, load, slo");
            }
            return document;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(mark == null ? 0 : mark.getLine() + 1, "", "YAML syntax: " + syntaxMessage(e));
        } catch (ReaderException e) {
            String line = text.substring(0, text.offsetByCodePoints(0, e.getPosition()));
            problems.add(
                    (int) line.chars().filter(c -> c == '\n').count() + 1,
                    "",
                    "YAML: " + e.getMessage() + String.format(" (U+%04X)", e.getCodePoint()));
        } catch (YAMLException e) {
            problems.add(0, "", "YAML: " + e.getMessage());
        }
        return null;
    }

    private static String syntaxMessage(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? e.getContext() : e.getProblem();
        if (e.getProblem() == null || e.getContext() == null) return problem;
        Mark context = e.getContextMark();
        return problem + " (" + e.getContext() + (context == null ? "" : " on line " + (context.getLine() + 1)) + ")";
    }

    private static int lineAt(byte[] bytes, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) if (bytes[i] == '\n') line++;
        return line;
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

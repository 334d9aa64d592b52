package dev.headroom.yaml;

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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * A YAML file's bytes, text and node tree, each step reporting what went wrong to {@link Problems}
 * with its line instead of throwing. The document is composed with SnakeYAML into nodes, not bound
 * to objects, because nodes keep the line each field and value came from.
 */
public final class YamlText {
    private YamlText() {}

    public static byte[] read(Path file, Problems problems) {
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
    public static String decode(byte[] bytes, Problems problems) {
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

    public static Node compose(String text, Problems problems) {
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
}

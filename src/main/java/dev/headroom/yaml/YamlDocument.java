package dev.headroom.yaml;

import java.nio.file.Path;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Any Headroom YAML file (a scenario, a sizing request, a price table) read the way scenarios are:
 * into nodes that keep their lines, so every problem can name file, line and field.
 */
public final class YamlDocument {
    private YamlDocument() {}

    /**
     * The top-level mapping of {@code file}, or empty when the file cannot be read or parsed or is
     * not a mapping; the reason is then in {@code problems}.
     */
    public static Optional<YamlSection> open(Path file, Problems problems) {
        byte[] bytes = YamlText.read(file, problems);
        if (!problems.isEmpty()) return Optional.empty();
        String text = YamlText.decode(bytes, problems);
        Node document = text == null ? null : YamlText.compose(text, problems);
        if (document == null) return Optional.empty();
        if (!(document instanceof MappingNode mapping)) {
            problems.add(
                    YamlSection.lineOf(document),
                    "",
                    "must be a mapping of fields, was " + YamlSection.shown(document));
            return Optional.empty();
        }
        return Optional.of(YamlSection.root(problems, mapping));
    }
}

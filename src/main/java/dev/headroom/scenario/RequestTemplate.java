package dev.headroom.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path or body of one of the user's own requests, with placeholders filled in per request so a
 * staircase does not read one cached row thousands of times: {@code ${random:1-500}} (a whole
 * number in the range, both ends included) and {@code ${uuid}} (a random UUID, for keys that must
 * be unique). {@code ${} always starts a placeholder; anything else is sent as written.
 */
public final class RequestTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern RANDOM = Pattern.compile("random:(0|[1-9][0-9]{0,17})-(0|[1-9][0-9]{0,17})");
    static final String ACCEPTED = "${random:FROM-TO} (whole numbers, FROM <= TO) or ${uuid}";

    private sealed interface Part {}

    private record Literal(String text) implements Part {}

    private record RandomWhole(long from, long to) implements Part {}

    private record Uuid() implements Part {}

    private final String text;
    private final List<Part> parts;

    private RequestTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /** @throws IllegalArgumentException saying which placeholder is wrong and what is accepted */
    public static RequestTemplate parse(String text) {
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int end = 0;
        while (m.find()) {
            if (m.start() > end) parts.add(new Literal(text.substring(end, m.start())));
            parts.add(placeholder(m.group(1)));
            end = m.end();
        }
        String rest = text.substring(end);
        if (rest.contains("${")) {
            throw new IllegalArgumentException(
                    "unclosed placeholder \"" + rest.substring(rest.indexOf("${")) + "\"; accepted: " + ACCEPTED);
        }
        if (!rest.isEmpty()) parts.add(new Literal(rest));
        return new RequestTemplate(text, parts);
    }

    private static Part placeholder(String inside) {
        if (inside.equals("uuid")) return new Uuid();
        Matcher r = RANDOM.matcher(inside);
        if (r.matches()) {
            long from = Long.parseLong(r.group(1));
            long to = Long.parseLong(r.group(2));
            if (from > to) {
                throw new IllegalArgumentException(
                        "${" + inside + "}: FROM must not be above TO; accepted: " + ACCEPTED);
            }
            return new RandomWhole(from, to);
        }
        throw new IllegalArgumentException("unknown placeholder ${" + inside + "}; accepted: " + ACCEPTED);
    }

    /** The text with every placeholder filled in afresh. */
    public String render(RandomGenerator random) {
        if (parts.size() == 1 && parts.get(0) instanceof Literal l) return l.text();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (Part part : parts) {
            if (part instanceof Literal l) out.append(l.text());
            else if (part instanceof RandomWhole r) out.append(random.nextLong(r.from(), r.to() + 1));
            else out.append(new UUID(random.nextLong(), random.nextLong()));
        }
        return out.toString();
    }

    /** As written in the scenario file. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}

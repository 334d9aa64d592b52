package dev.headroom.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A text file read strictly as UTF-8: a byte that is not UTF-8 (a Latin-1 {@code é} or {@code µ}
 * from a spreadsheet) is refused with its line, never replaced by {@code U+FFFD}; a leading byte
 * order mark, which Excel writes, is dropped. Knows the line of every character, for messages.
 */
final class Utf8File {
    private static final char BOM = '\uFEFF';

    private final String text;
    private final int[] lineStarts;

    private Utf8File(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') starts.add(i + 1);
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The file's text; every line that holds a byte that is not UTF-8 is reported at once. */
    static Utf8File read(Path path, String file) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never decodes to more chars than bytes
        List<String> problems = new ArrayList<>();
        long lastBadLine = 0;
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (!result.isError()) break;
            int at = in.position();
            long line = lineOfByte(bytes, at);
            if (line != lastBadLine) problems.add(notUtf8(bytes, at, line, file));
            lastBadLine = line;
            in.position(at + result.length());
        }
        decoder.flush(out);
        if (!problems.isEmpty()) throw new InputException(problems);
        out.flip();
        String text = out.toString();
        return new Utf8File(text.isEmpty() || text.charAt(0) != BOM ? text : text.substring(1));
    }

    String text() {
        return text;
    }

    /**
     * The 1-based line of the first character at or after {@code position} that is not a line
     * break: a CSV record's position can point at the empty lines the parser skipped before it.
     */
    long lineAt(long position) {
        int p = (int) Math.min(position, text.length());
        while (p < text.length() && (text.charAt(p) == '\n' || text.charAt(p) == '\r')) p++;
        int found = Arrays.binarySearch(lineStarts, p);
        return found >= 0 ? found + 1 : -found - 1;
    }

    private static long lineOfByte(byte[] bytes, int at) {
        long line = 1;
        for (int i = 0; i < at; i++) if (bytes[i] == '\n') line++;
        return line;
    }

    private static String notUtf8(byte[] bytes, int at, long line, String file) {
        int lineStart = at;
        while (lineStart > 0 && bytes[lineStart - 1] != '\n') lineStart--;
        boolean utf16 = bytes.length >= 2
                && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                        || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF));
        return InputException.at(
                file,
                line,
                "encoding",
                String.format(
                                Locale.ROOT,
                                "byte 0x%02X (byte %d of the line) is not UTF-8",
                                bytes[at],
                                at - lineStart + 1)
                        + (utf16
                                ? "; the file looks like UTF-16"
                                : "; a Latin-1 or Windows-1252 character, like é or µ?")
                        + " Save the file as UTF-8 (with or without a byte order mark)");
    }
}

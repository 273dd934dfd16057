package it.io.agenthost.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a PostgreSQL client sends, read as the protocol frames it (version 3): the SQL of each statement it executes,
 * whether sent as text (Query) or, once the driver has prepared it, by the name it was parsed under (Parse, Bind).
 */
final class FrontendMessages {

    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;

    private byte[] pending = new byte[0];
    /** The startup messages have no type byte; an SSL or GSS request is followed by another. */
    private boolean started;
    private final Map<String, String> prepared = new HashMap<>();

    /** Takes the next bytes the client sent; answers the SQL of the statements they complete, in order. */
    List<String> add(byte[] bytes, int length) {
        byte[] all = Arrays.copyOf(pending, pending.length + length);
        System.arraycopy(bytes, 0, all, pending.length, length);
        List<String> executed = new ArrayList<>();
        int at = 0;
        while (true) {
            int header = started ? 5 : 4;
            if (all.length - at < header) {
                break;
            }
            ByteBuffer frame = ByteBuffer.wrap(all, at, all.length - at);
            byte type = started ? frame.get() : 0;
            int size = frame.getInt();
            int end = at + header - 4 + size;
            if (end > all.length) {
                break;
            }
            if (!started) {
                int code = frame.getInt();
                started = code != SSL_REQUEST && code != GSS_REQUEST;
            } else {
                read(type, Arrays.copyOfRange(all, at + 5, end), executed);
            }
            at = end;
        }
        pending = Arrays.copyOfRange(all, at, all.length);
        return executed;
    }

    private void read(byte type, byte[] body, List<String> executed) {
        List<String> strings = strings(body);
        switch (type) {
            case 'Q' -> executed.add(strings.get(0));
            case 'P' -> prepared.put(strings.get(0), strings.get(1));
            case 'B' -> executed.add(prepared.getOrDefault(strings.get(1), ""));
            default -> {
                // neither runs a statement
            }
        }
    }

    /** The body's leading NUL-terminated strings (those of Query, Parse and Bind come first). */
    private static List<String> strings(byte[] body) {
        List<String> strings = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < body.length && strings.size() < 2; i++) {
            if (body[i] == 0) {
                strings.add(new String(body, from, i - from, UTF_8));
                from = i + 1;
            }
        }
        return strings;
    }
}

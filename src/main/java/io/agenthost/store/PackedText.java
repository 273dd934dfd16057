package io.agenthost.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Text kept as deflated UTF-8 bytes. Stream events are JSON that repeats itself (ids, keys, the response object of
 * each event) and shrink to about a sixth; and a database writes bytes far faster than characters (Derby encodes a
 * CLOB character by character: a 19 KB row of events took 1.4 ms to insert as a CLOB, 0.3 ms deflated as a BLOB).
 */
final class PackedText {

    private PackedText() {
    }

    static byte[] pack(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        ByteArrayOutputStream packed = new ByteArrayOutputStream(utf8.length / 4 + 64);
        try (DeflaterOutputStream out = new DeflaterOutputStream(packed, deflater)) {
            out.write(utf8);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // never, in memory
        } finally {
            deflater.end();
        }
        return packed.toByteArray();
    }

    static String unpack(byte[] packed) {
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(packed))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("stored text that is not deflated: " + e.getMessage(), e);
        }
    }
}

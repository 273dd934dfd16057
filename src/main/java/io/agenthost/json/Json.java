package io.agenthost.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.Reader;
import java.util.Map;

/**
 * The factory methods of {@link jakarta.json.Json}, on a provider looked up once. Each of {@code jakarta.json.Json}'s
 * methods looks the provider up again through the {@link java.util.ServiceLoader}, which scans the class path: about
 * 50 microseconds a call on a class path of this application's size, against well under one for the builder itself,
 * and a streamed response builds several JSON objects per event. A provider is stateless and safe to share.
 */
public final class Json {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Json() {
    }

    public static JsonObjectBuilder createObjectBuilder() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonObjectBuilder createObjectBuilder(JsonObject object) {
        return PROVIDER.createObjectBuilder(object);
    }

    public static JsonArrayBuilder createArrayBuilder() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonReader createReader(Reader reader) {
        return PROVIDER.createReader(reader);
    }

    public static JsonParser createParser(Reader reader) {
        return PROVIDER.createParser(reader);
    }

    public static JsonReaderFactory createReaderFactory(Map<String, ?> config) {
        return PROVIDER.createReaderFactory(config);
    }

    public static JsonString createValue(String value) {
        return PROVIDER.createValue(value);
    }

    public static JsonNumber createValue(int value) {
        return PROVIDER.createValue(value);
    }
}

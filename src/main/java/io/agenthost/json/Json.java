package io.agenthost.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.Reader;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;

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

    /** Reads JSON text that this application wrote, as a stored response or item: any JSON value. */
    public static JsonValue read(String text) {
        try (JsonReader reader = createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /** Reads JSON text that this application wrote and that holds an object. */
    public static JsonObject readObject(String text) {
        return read(text).asJsonObject();
    }

    /** The object that text from elsewhere holds; empty if it is no JSON or another value. */
    public static Optional<JsonObject> objectIn(String text) {
        try (JsonReader reader = createReader(new StringReader(text))) {
            return reader.readValue() instanceof JsonObject object ? Optional.of(object) : Optional.empty();
        } catch (JsonException | IllegalStateException notJson) {
            return Optional.empty();
        }
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

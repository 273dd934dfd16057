package io.agenthost.testing.mcp;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How recorded requests travel from the control endpoint to the integration tests. */
final class RecordedRequestJson {

    private RecordedRequestJson() {
    }

    static JsonArray toJson(List<RecordedRequest> requests) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (RecordedRequest request : requests) {
            array.add(toJson(request));
        }
        return array.build();
    }

    static JsonObject toJson(RecordedRequest request) {
        JsonObjectBuilder headers = Json.createObjectBuilder();
        request.headers().forEach((name, values) -> headers.add(name, Json.createArrayBuilder(values)));
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("method", request.method())
                .add("path", request.path())
                .add("headers", headers)
                .add("body", request.body())
                .add("arrival", request.arrival().toString());
        if (request.query() != null) {
            json.add("query", request.query());
        }
        String rpcMethod = request.rpcMethod();
        if (rpcMethod != null) {
            json.add("rpcMethod", rpcMethod);
        }
        return json.build();
    }

    static List<RecordedRequest> fromJson(JsonArray array) {
        List<RecordedRequest> requests = new ArrayList<>();
        for (JsonValue value : array) {
            JsonObject json = value.asJsonObject();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            json.getJsonObject("headers").forEach((name, values) -> {
                List<String> list = new ArrayList<>();
                values.asJsonArray().forEach(v -> list.add(((JsonString) v).getString()));
                headers.put(name, list);
            });
            requests.add(new RecordedRequest(json.getString("method"), json.getString("path"),
                    json.getString("query", null), headers, json.getString("body", ""),
                    Instant.parse(json.getString("arrival"))));
        }
        return requests;
    }
}

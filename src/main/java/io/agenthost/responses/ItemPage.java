package io.agenthost.responses;

import io.agenthost.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One page of a list of items in OpenAI's shape: {@code data}, {@code first_id}, {@code last_id}, {@code has_more}. */
public final class ItemPage {

    private ItemPage() {
    }

    /**
     * @param items oldest first
     * @param limit 1 to 100
     * @param order {@code asc} or {@code desc}
     * @param after the id of the item the page starts after, or null
     * @param where what holds the items, for the message when {@code after} names none of them
     */
    public static JsonObject of(List<JsonObject> items, int limit, String order, String after, String where) {
        List<JsonObject> ordered = new ArrayList<>(items);
        if (order.equals("desc")) {
            Collections.reverse(ordered);
        }
        int start = 0;
        if (after != null) {
            start = indexOf(ordered, after) + 1;
            if (start == 0) {
                throw ApiException.badRequest("No item '" + after + "' in " + where + ".", "after");
            }
        }
        List<JsonObject> page = ordered.subList(start, Math.min(ordered.size(), start + limit));
        return list(page, start + page.size() < ordered.size());
    }

    /** A list of these items, whole or not. */
    public static JsonObject list(List<JsonObject> page, boolean hasMore) {
        JsonArrayBuilder data = Json.createArrayBuilder();
        page.forEach(data::add);
        return Json.createObjectBuilder()
                .add("object", "list")
                .add("data", data)
                .add("first_id", page.isEmpty() ? JsonValue.NULL : Json.createValue(page.get(0).getString("id")))
                .add("last_id", page.isEmpty() ? JsonValue.NULL
                        : Json.createValue(page.get(page.size() - 1).getString("id")))
                .add("has_more", hasMore)
                .build();
    }

    private static int indexOf(List<JsonObject> items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (id.equals(items.get(i).getString("id", null))) {
                return i;
            }
        }
        return -1;
    }
}

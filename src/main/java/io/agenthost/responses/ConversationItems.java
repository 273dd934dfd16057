package io.agenthost.responses;

import io.agenthost.json.Json;
import io.agenthost.store.ConversationItemRecord;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Items of a conversation as they are stored: in order, each under its own id. */
public final class ConversationItems {

    /** Items added at once get sequence numbers this far apart from the next instant's. */
    private static final int PER_MICROSECOND = 1000;

    private ConversationItems() {
    }

    /** Records of items added now, in their order. */
    public static List<ConversationItemRecord> records(String conversationId, List<JsonObject> items) {
        long base = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) * PER_MICROSECOND;
        List<ConversationItemRecord> records = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.get(i);
            String id = item.containsKey("id") ? item.getString("id") : Ids.next("item");
            records.add(new ConversationItemRecord(conversationId, id, base + Math.min(i, PER_MICROSECOND - 1),
                    item.toString()));
        }
        return records;
    }

    /** The items of records, in their order. */
    public static List<JsonObject> items(List<ConversationItemRecord> records) {
        return records.stream().map(record -> Json.readObject(record.itemJson())).toList();
    }
}

package io.agenthost.background;

import io.agenthost.json.Json;
import io.agenthost.store.EventRecord;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** Stream events in the rows they are stored in: those of a response written together, one event per line. */
final class StoredEvents {

    private StoredEvents() {
    }

    /** One row for events of a response that follow one another. */
    static EventRecord record(String responseId, List<StreamEvent> events, long now) {
        StringBuilder data = new StringBuilder();
        for (StreamEvent event : events) {
            if (!data.isEmpty()) {
                data.append('\n'); // JSON text as written here has no line break of its own
            }
            data.append(event.data());
        }
        StreamEvent last = events.get(events.size() - 1);
        return new EventRecord(responseId, events.get(0).sequence(), last.sequence(), last.type(), data.toString(),
                now);
    }

    /** The events of a row. */
    static List<StreamEvent> events(EventRecord record) {
        if (record.sequence() == record.lastSequence()) {
            return List.of(new StreamEvent(record.sequence(), record.type(), record.data()));
        }
        String[] lines = record.data().split("\n");
        List<StreamEvent> events = new ArrayList<>(lines.length);
        for (String line : lines) {
            events.add(parse(line));
        }
        return events;
    }

    /** An event from its JSON, which begins with its {@code type} and {@code sequence_number}. */
    private static StreamEvent parse(String json) {
        String type = null;
        Integer sequence = null;
        try (JsonParser parser = Json.createParser(new StringReader(json))) {
            parser.next(); // the object
            while ((type == null || sequence == null) && parser.hasNext()
                    && parser.next() == JsonParser.Event.KEY_NAME) {
                String key = parser.getString();
                JsonParser.Event value = parser.next();
                if (key.equals("type")) {
                    type = parser.getString();
                } else if (key.equals("sequence_number")) {
                    sequence = parser.getInt();
                } else if (value == JsonParser.Event.START_OBJECT) {
                    parser.skipObject();
                } else if (value == JsonParser.Event.START_ARRAY) {
                    parser.skipArray();
                }
            }
        }
        if (type == null || sequence == null) {
            throw new IllegalStateException("A stored stream event without its type or sequence number");
        }
        return new StreamEvent(sequence, type, json);
    }
}

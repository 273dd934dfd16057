package io.agenthost.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

    private final List<ServerSentEvents.Event> events = new ArrayList<>();
    private final ServerSentEvents reader = new ServerSentEvents(events::add);

    @Test
    void dataLinesJoinAndAnEventEndsAtItsBlankLine() {
        reader.read("event: message\nid: 7\ndata: {\"a\":\ndata:1}\n\n: a comment\ndata: second\n\n");

        assertEquals(2, events.size());
        assertEquals(new ServerSentEvents.Event("7", "message", "{\"a\":\n1}"), events.get(0));
        assertTrue(events.get(0).isMessage());
        assertEquals(new ServerSentEvents.Event("7", null, "second"), events.get(1), "the last id holds until another");
        assertEquals(2, reader.count());
        assertEquals("7", reader.lastId());
    }

    @Test
    void carriageReturnsEndLinesToo() {
        reader.read("data: one\r\n\r\ndata: two\r\r");

        assertEquals(List.of("one", "two"), events.stream().map(ServerSentEvents.Event::data).toList());
    }

    @Test
    void anEventWithoutItsBlankLineIsDropped() {
        reader.read("data: whole\n\ndata: cut off\n");

        assertEquals(List.of("whole"), events.stream().map(ServerSentEvents.Event::data).toList());
    }

    @Test
    void otherTypesAreNotMessagesAndAnIdWithANulIsIgnored() {
        reader.read("event: endpoint\nid: a\u0000b\nretry: 10\ndata: /x\n\nid\ndata\n\n");

        assertEquals(2, events.size());
        assertFalse(events.get(0).isMessage());
        assertNull(events.get(0).lastId());
        assertEquals("", events.get(1).data(), "a field without a colon has an empty value");
        assertEquals("", reader.lastId());
    }
}

package io.agenthost.background;

import io.agenthost.json.Json;
import jakarta.json.JsonValue;

/** A stored response's JSON ended from outside its run: cancelled where it was not running, or expired. */
public final class EndedResponses {

    private EndedResponses() {
    }

    public static String cancelled(String responseJson) {
        return with(responseJson, "cancelled", JsonValue.NULL);
    }

    /** Failed because the server running it stopped heartbeating. */
    public static String restarted(String responseJson) {
        return with(responseJson, "failed", Json.createObjectBuilder().add("code", "server_restarted")
                .add("message", "The server running this response stopped before it ended.").build());
    }

    private static String with(String responseJson, String status, JsonValue error) {
        return Json.createObjectBuilder(Json.readObject(responseJson)).add("status", status).add("error", error).build()
                .toString();
    }
}

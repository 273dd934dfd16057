package io.agenthost.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A provider-independent token estimate: a token is a run of non-space characters with the spaces that follow
 * it. The echo model streams one such token per delta, so its usage figures and its {@code max_output_tokens}
 * cut-off agree with what a client sees on the wire.
 */
public final class TokenCounter {

    private static final Pattern TOKEN = Pattern.compile("\\s*\\S+\\s*|\\s+");

    private TokenCounter() {
    }

    public static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    public static long count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return split(text).size();
    }

    /** The tokens of messages as a model is given them: the input tokens of a model call. */
    public static long ofMessages(List<ChatMessage> messages) {
        return messages.stream().mapToLong(TokenCounter::ofMessage).sum();
    }

    private static long ofMessage(ChatMessage message) {
        if (message instanceof ChatMessage.System s) {
            return count(s.text());
        }
        if (message instanceof ChatMessage.User u) {
            return count(u.text());
        }
        if (message instanceof ChatMessage.Assistant a) {
            return count(a.text()) + a.toolCalls().stream().mapToLong(c -> count(c.arguments()) + 1).sum();
        }
        return count(((ChatMessage.ToolResult) message).output());
    }
}

package io.agenthost.responses;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random ids with the OpenAI prefixes ({@code resp_}, {@code msg_}, {@code fc_}, ...). */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String next(String prefix) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return prefix + "_" + HexFormat.of().formatHex(bytes);
    }
}

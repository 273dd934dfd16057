package io.agenthost.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5));

    @Test
    void retriesTooManyRequestsAndServerErrorsOnly() {
        assertTrue(policy.retryable(429));
        assertTrue(policy.retryable(500));
        assertTrue(policy.retryable(503));
        assertFalse(policy.retryable(400));
        assertFalse(policy.retryable(401));
        assertFalse(policy.retryable(404));
    }

    @Test
    void retryAfterInSecondsOrAsADateIsHonouredUpToTheMaximum() {
        assertEquals(Duration.ofSeconds(2), policy.delay(1, Optional.of("2")));
        assertEquals(Duration.ofSeconds(5), policy.delay(1, Optional.of("120")));
        String inThreeSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(3));
        long millis = policy.delay(1, Optional.of(inThreeSeconds)).toMillis();
        assertTrue(millis > 1000 && millis <= 3000, String.valueOf(millis));
    }

    @Test
    void withoutRetryAfterTheDelayGrowsExponentially() {
        for (int i = 0; i < 20; i++) {
            long first = policy.delay(1, Optional.empty()).toMillis();
            long third = policy.delay(3, Optional.empty()).toMillis();
            assertTrue(first >= 100 && first <= 150, String.valueOf(first));
            assertTrue(third >= 400 && third <= 600, String.valueOf(third));
        }
        assertEquals(Duration.ofSeconds(5), policy.delay(30, Optional.empty()));
        assertTrue(policy.delay(1, Optional.of("soon")).toMillis() <= 150);
    }
}

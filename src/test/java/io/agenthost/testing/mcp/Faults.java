package io.agenthost.testing.mcp;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The misbehaviour a test MCP server shows on its HTTP requests. Settings may change while requests are in flight:
 * each request sees one consistent verdict.
 */
final class Faults {

    /** What to do with one request. */
    record Verdict(Duration delay, int status, Integer retryAfterSeconds, String location) {

        boolean passes() {
            return status == 0;
        }
    }

    private static final Verdict PASS = new Verdict(Duration.ZERO, 0, null, null);

    private volatile int failFirstCount;
    private volatile int failFirstStatus;
    private volatile Integer failFirstRetryAfter;
    private final AtomicInteger postsSeen = new AtomicInteger();
    private volatile int failAlwaysStatus;
    private volatile Duration delay = Duration.ZERO;
    private volatile String redirectTo;
    private volatile Set<String> consentFor = Set.of();
    private volatile Set<String> garbageFor = Set.of();
    private volatile String authorizedBy;

    synchronized void failFirst(int count, int status, Integer retryAfterSeconds) {
        failFirstCount = count;
        failFirstStatus = status;
        failFirstRetryAfter = retryAfterSeconds;
        postsSeen.set(0);
    }

    void failAlways(int status) {
        failAlwaysStatus = status;
    }

    void delay(Duration delay) {
        this.delay = delay == null ? Duration.ZERO : delay;
    }

    void redirectTo(String url) {
        redirectTo = url;
    }

    /** JSON-RPC requests of these methods are answered with a CONSENT_REQUIRED error, as the toolbox proxy does. */
    void consentRequired(Set<String> rpcMethods) {
        consentFor = Set.copyOf(rpcMethods);
    }

    boolean consentRequired(String rpcMethod) {
        return rpcMethod != null && consentFor.contains(rpcMethod);
    }

    /** JSON-RPC requests of these methods are answered 200 with a body that is no JSON at all. */
    void garbage(Set<String> rpcMethods) {
        garbageFor = Set.copyOf(rpcMethods);
    }

    boolean garbage(String rpcMethod) {
        return rpcMethod != null && garbageFor.contains(rpcMethod);
    }

    /** Requests need a bearer token of this authorization server; null lets them all through. */
    void authorizedBy(String authorizationServer) {
        authorizedBy = authorizationServer;
    }

    String authorizedBy() {
        return authorizedBy;
    }

    synchronized void clear() {
        consentFor = Set.of();
        garbageFor = Set.of();
        authorizedBy = null;
        failFirst(0, 0, null);
        failAlwaysStatus = 0;
        delay = Duration.ZERO;
        redirectTo = null;
    }

    /** Makes failFirst count from zero again, so the next POSTs fail as the first ones did. */
    void resetCounters() {
        postsSeen.set(0);
    }

    Verdict judge(String method) {
        Duration wait = delay;
        String location = redirectTo;
        if (location != null) {
            return new Verdict(wait, 307, null, location);
        }
        int always = failAlwaysStatus;
        if (always != 0) {
            return new Verdict(wait, always, null, null);
        }
        if ("POST".equals(method)) {
            synchronized (this) {
                if (failFirstCount > 0 && postsSeen.incrementAndGet() <= failFirstCount) {
                    return new Verdict(wait, failFirstStatus, failFirstRetryAfter, null);
                }
            }
        }
        return wait.isZero() ? PASS : new Verdict(wait, 0, null, null);
    }
}

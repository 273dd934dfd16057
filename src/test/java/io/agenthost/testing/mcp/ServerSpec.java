package io.agenthost.testing.mcp;

import java.security.KeyStore;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One server as declared on the command line: {@code name=port[:option]...}, with the options
 * <ul>
 * <li>{@code closed}: declared but not listening until opened through the control endpoint;</li>
 * <li>{@code failFirst=n,status[,retryAfterSeconds]}, {@code failAlways=status}, {@code delay=PT40S}: faults;</li>
 * <li>{@code prefix=p}: the standard tools are named {@code p}add, {@code p}whoami, ...;</li>
 * <li>{@code path=/p/mcp}: serves MCP there instead of {@code /mcp};</li>
 * <li>{@code stateless}: speaks MCP 2026-07-28 only (the SDK's stateless server), not 2025-11-25;</li>
 * <li>{@code consentTool}: offers a tool {@code consent} that asks for the user's consent at {@link #CONSENT_LINK}
 * with MCP's URL elicitation, as a server that acts for the user does;</li>
 * <li>{@code foundryProxy}: checks requests as the Foundry toolbox proxy does ({@link ProxyGate});</li>
 * <li>{@code tls=good}, {@code tls=revoked}: serves HTTPS with a certificate of the tests' CA, which its CRL revokes
 * or not ({@link TestMcpServers} writes the CA's trust store and serves the CRL);</li>
 * <li>{@code consent=method+method}: answers those JSON-RPC methods with CONSENT_REQUIRED;</li>
 * <li>{@code garbage=method+method}: answers those JSON-RPC methods 200 with a body that is no JSON;</li>
 * <li>{@code redirectTo=url}, {@code authorizedBy=url} (requests need a bearer token of the authorization server at
 * url, see {@link BearerGuard}): must come last, since the url has colons of its own.</li>
 * </ul>
 */
record ServerSpec(String name, int port, boolean closed, String prefix, String path, boolean foundryProxy,
        String tls, boolean stateless, boolean consentTool, List<String> faults) {

    /** Where the {@code consent} tool sends the user. */
    static final String CONSENT_LINK = "https://consent.example.test/elicit?server=";

    static ServerSpec parse(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("expected name=port[:option]..., got: " + text);
        }
        String name = text.substring(0, equals);
        String rest = text.substring(equals + 1);
        int colon = rest.indexOf(':');
        int port = parsePort(name, colon < 0 ? rest : rest.substring(0, colon));
        boolean closed = false;
        String prefix = "";
        String path = TestMcpServer.PATH;
        boolean foundryProxy = false;
        String tls = null;
        boolean stateless = false;
        boolean consentTool = false;
        List<String> faults = new ArrayList<>();
        for (String option : options(colon < 0 ? "" : rest.substring(colon + 1))) {
            if (option.equals("closed")) {
                closed = true;
            } else if (option.startsWith("prefix=")) {
                prefix = option.substring("prefix=".length());
            } else if (option.startsWith("path=")) {
                path = option.substring("path=".length());
            } else if (option.equals("stateless")) {
                stateless = true;
            } else if (option.equals("consentTool")) {
                consentTool = true;
            } else if (option.equals("foundryProxy")) {
                foundryProxy = true;
            } else if (option.equals("tls=good") || option.equals("tls=revoked")) {
                tls = option.substring("tls=".length());
            } else {
                checkFault(option);
                faults.add(option);
            }
        }
        return new ServerSpec(name, port, closed, prefix, path, foundryProxy, tls, stateless, consentTool,
                List.copyOf(faults));
    }

    /** Splits options on colons, except inside a trailing redirectTo or authorizedBy url. */
    static List<String> options(String text) {
        List<String> options = new ArrayList<>();
        String rest = text;
        while (!rest.isEmpty()) {
            if (rest.startsWith("redirectTo=") || rest.startsWith("authorizedBy=")) {
                options.add(rest);
                break;
            }
            int colon = rest.indexOf(':');
            options.add(colon < 0 ? rest : rest.substring(0, colon));
            rest = colon < 0 ? "" : rest.substring(colon + 1);
        }
        return options;
    }

    /** Whether it serves HTTPS with a certificate of the tests' CA that the CRL revokes ({@code tls=revoked}). */
    boolean revoked() {
        return "revoked".equals(tls);
    }

    /**
     * @param identity whose tokens a {@code foundryProxy} server takes
     * @param keys     the key store of its certificate when it serves HTTPS ({@code tls=}), else null
     */
    TestMcpServer build(ManagedIdentityEndpoint identity, KeyStore keys) {
        TestMcpServer.Builder builder = TestMcpServer.builder().name(name).port(port).toolPrefix(prefix).path(path)
                .tls(keys).stateless(stateless);
        if (foundryProxy) {
            builder.foundryProxy(new ProxyGate(identity::issued));
        }
        if (consentTool) {
            builder.tool(new TestTool("consent", "Needs the user's consent before it answers.",
                    TestTools.NO_ARGUMENTS, call -> TestTool.Answer.consent(CONSENT_LINK + name,
                            "Let the agent act for you on " + name + ".")));
        }
        TestMcpServer server = builder.build();
        faults.forEach(fault -> apply(server, fault));
        return server;
    }

    /** Applies one fault option, e.g. "failFirst=2,429,1", to a server. */
    static void apply(TestMcpServer server, String fault) {
        int equals = fault.indexOf('=');
        String kind = equals < 0 ? fault : fault.substring(0, equals);
        String value = equals < 0 ? "" : fault.substring(equals + 1);
        switch (kind) {
            case "failFirst":
                String[] parts = value.split(",");
                if (parts.length < 2 || parts.length > 3) {
                    throw new IllegalArgumentException("failFirst=count,status[,retryAfterSeconds], got: " + fault);
                }
                server.failFirst(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                        parts.length == 3 ? Integer.valueOf(parts[2].trim()) : null);
                break;
            case "failAlways":
                server.failAlways(Integer.parseInt(value.trim()));
                break;
            case "delay":
                server.delay(duration(value));
                break;
            case "redirectTo":
                server.redirectTo(value);
                break;
            case "consent":
                server.consentRequired(value.split("\\+"));
                break;
            case "garbage":
                server.garbage(value.split("\\+"));
                break;
            case "authorizedBy":
                server.authorizedBy(value);
                break;
            default:
                throw new IllegalArgumentException("unknown option " + fault
                        + " (known: closed, prefix=, failFirst=, failAlways=, delay=, redirectTo=, consent=method+method,"
                        + " garbage=method+method, authorizedBy=)");
        }
    }

    private static void checkFault(String fault) {
        apply(TestMcpServer.builder().standardTools(false).build(), fault);
    }

    private static Duration duration(String value) {
        try {
            return Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("delay takes an ISO-8601 duration such as PT40S, got: " + value, e);
        }
    }

    private static int parsePort(String name, String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("server " + name + ": not a port: " + text, e);
        }
    }
}

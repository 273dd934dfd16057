package it.io.agenthost.reliability;

/** The faults of a request's MCP server of 2026-07-28, stateless: the test server {@code faultymodern}. */
class StatelessFaultsIT extends McpServerFaults {

    StatelessFaultsIT() {
        super("faultymodern");
    }
}

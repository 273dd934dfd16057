package io.agenthost.run;

/**
 * Who is calling, by the name of the container's principal: the subject of a MicroProfile JWT when callers
 * authenticate (README: Who the caller is). Runs act for that name, and stored responses belong to it.
 */
@FunctionalInterface
public interface CallerIdentity {

    /** Every caller anonymous, as in a server where nobody authenticates. */
    CallerIdentity ANONYMOUS = () -> null;

    /** The current caller's name; null when the caller is anonymous or there is no request. */
    String name();
}

package io.agenthost.run;

/**
 * Who is calling, by the name of the container's principal: the subject of a MicroProfile JWT when callers
 * authenticate (README: Who the caller is). Runs act for that name, and stored responses belong to it.
 */
@FunctionalInterface
public interface CallerIdentity {

    /** The current caller's name; null when the caller is anonymous or there is no request. */
    String name();

    /**
     * The token the current caller authenticated with, as presented (a MicroProfile JWT's raw form): what
     * enterprise-managed authorization exchanges at the caller's identity provider. Null when there is none.
     */
    default String token() {
        return null;
    }
}

package io.agenthost.toolbox;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Declares a host toolbox and injects it: {@code @Inject @Toolbox("calendar") McpToolbox calendar;}. Every
 * toolbox declared this way is opened at startup and its tools are offered to the agents.
 */
@Qualifier
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, METHOD, TYPE})
public @interface Toolbox {

    /** The toolbox's name: one path segment. */
    @Nonbinding
    String value();

    /** A pinned version; empty for the toolbox's default version. */
    @Nonbinding
    String version() default "";
}

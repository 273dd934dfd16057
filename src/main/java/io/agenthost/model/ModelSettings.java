package io.agenthost.model;

/**
 * How a client asked the model to answer, passed to it as they were asked; null where the client said nothing, so
 * that the model's own default applies.
 *
 * @param temperature       0 to 2
 * @param topP              0 to 1
 * @param format            the form of the answer
 * @param parallelToolCalls whether the model may call several tools at once
 * @param reasoningEffort   {@code none}, {@code minimal}, {@code low}, {@code medium}, {@code high} or {@code xhigh}
 * @param promptCacheKey    groups requests whose prompts share a prefix, for the provider's cache
 * @param safetyIdentifier  a stable, hashed id of the end user, for the provider's abuse detection
 */
public record ModelSettings(Double temperature, Double topP, OutputFormat format, Boolean parallelToolCalls,
        String reasoningEffort, String promptCacheKey, String safetyIdentifier) {

    public static final ModelSettings DEFAULTS = new ModelSettings(null, null, OutputFormat.TEXT, null, null, null,
            null);

    public ModelSettings {
        format = format == null ? OutputFormat.TEXT : format;
    }
}

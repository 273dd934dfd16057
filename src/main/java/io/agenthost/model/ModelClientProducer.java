package io.agenthost.model;

import com.azure.identity.AuthenticationUtil;
import com.azure.identity.DefaultAzureCredentialBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Chooses the model client once, from the environment: an OpenAI-compatible endpoint, Azure OpenAI, or the
 * offline echo model when neither is configured.
 */
@ApplicationScoped
public class ModelClientProducer {

    private static final Logger LOG = Logger.getLogger(ModelClientProducer.class.getName());
    private static final String AZURE_SCOPE = "https://cognitiveservices.azure.com/.default";
    private static final int MAX_RETRIES = 2;

    private final Optional<String> openAiBaseUrl;
    private final Optional<String> openAiApiKey;
    private final Optional<String> azureEndpoint;
    private final Optional<String> azureApiKey;
    private final Optional<String> azureApiVersion;
    private final Duration timeout;

    @Inject
    public ModelClientProducer(
            @ConfigProperty(name = "OPENAI_BASE_URL") Optional<String> openAiBaseUrl,
            @ConfigProperty(name = "OPENAI_API_KEY") Optional<String> openAiApiKey,
            @ConfigProperty(name = "AZURE_OPENAI_ENDPOINT") Optional<String> azureEndpoint,
            @ConfigProperty(name = "AZURE_OPENAI_API_KEY") Optional<String> azureApiKey,
            @ConfigProperty(name = "AZURE_OPENAI_API_VERSION") Optional<String> azureApiVersion,
            @ConfigProperty(name = "agent.model.timeout", defaultValue = "PT120S") Duration timeout) {
        this.openAiBaseUrl = openAiBaseUrl.filter(s -> !s.isBlank());
        this.openAiApiKey = openAiApiKey.filter(s -> !s.isBlank());
        this.azureEndpoint = azureEndpoint.filter(s -> !s.isBlank());
        this.azureApiKey = azureApiKey.filter(s -> !s.isBlank());
        this.azureApiVersion = azureApiVersion.filter(s -> !s.isBlank());
        this.timeout = timeout;
    }

    /** For CDI proxies only. */
    protected ModelClientProducer() {
        this(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ZERO);
    }

    @Produces
    @ApplicationScoped
    public ModelClient modelClient() {
        if (openAiBaseUrl.isPresent() || openAiApiKey.isPresent()) {
            LOG.info("Model: OpenAI-compatible Chat Completions at " + openAiBaseUrl.orElse("api.openai.com"));
            return new OpenAiChatModel(ChatCompletionsEndpoint.openAi(openAiBaseUrl.orElse(null),
                    openAiApiKey.orElse(null)), timeout, MAX_RETRIES);
        }
        if (azureEndpoint.isPresent()) {
            ChatCompletionsEndpoint endpoint = azureApiKey.isPresent()
                    ? ChatCompletionsEndpoint.azureKey(azureEndpoint.get(), azureApiVersion.orElse(null),
                            azureApiKey.get())
                    : ChatCompletionsEndpoint.azureEntra(azureEndpoint.get(), azureApiVersion.orElse(null),
                            AuthenticationUtil.getBearerTokenSupplier(new DefaultAzureCredentialBuilder().build(),
                                    AZURE_SCOPE));
            LOG.info("Model: Azure OpenAI at " + azureEndpoint.get());
            return new OpenAiChatModel(endpoint, timeout, MAX_RETRIES);
        }
        LOG.info("Model: offline echo model (set OPENAI_BASE_URL/OPENAI_API_KEY or AZURE_OPENAI_ENDPOINT for a real one)");
        return new EchoModel();
    }

    public void close(@Disposes ModelClient client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.fine("closing the model client failed: " + e);
            }
        }
    }

}

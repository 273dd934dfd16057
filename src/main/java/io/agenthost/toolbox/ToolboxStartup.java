package io.agenthost.toolbox;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

/**
 * Opens every host toolbox when the application starts, in parallel on the managed executor. It returns at once:
 * readiness reports {@code Pending} until the opens finish or the startup timeout passes.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ToolboxStartup {

    @Inject
    ToolboxRegistry registry;

    @Resource
    ManagedExecutorService executor;

    @PostConstruct
    void open() {
        registry.openAll(executor);
    }
}

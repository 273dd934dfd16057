package io.agenthost.responses;

import io.agenthost.agent.RunRequest;

/** A request that passed every check, with its response already recorded when it is to be stored. */
record PreparedRun(CreateResponseRequest request, RunRequest run, ResponseObject response) {
}

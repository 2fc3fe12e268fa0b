package io.switchboard.sip.core.internal.trunk;

import java.util.List;
import java.util.Optional;

import io.switchboard.sip.api.TrunkHealth;
import io.switchboard.sip.api.TrunkState;
import io.switchboard.sip.api.provisioning.TrunkService;

/** Each provisioned trunk's live state (reachable, channels in use), as routing and the API read it. */
public final class TrunkStates implements TrunkHealth {

    private final TrunkService table;
    private final Trunks trunks;

    public TrunkStates(TrunkService table, Trunks trunks) {
        this.table = table;
        this.trunks = trunks;
    }

    @Override
    public List<TrunkState> states() {
        return table.trunks().stream().map(trunks::snapshot).toList();
    }

    @Override
    public Optional<TrunkState> state(String trunk) {
        return table.trunk(trunk).map(trunks::snapshot);
    }
}

package io.switchboard.sip.core.internal.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;

import javax.sql.DataSource;

import io.switchboard.sip.core.internal.events.EventPoster;
import io.switchboard.sip.core.internal.settings.SipSettings;
import io.switchboard.sip.core.internal.settings.StackSettings;
import io.switchboard.sip.guard.Guard;
import io.switchboard.sip.guard.Limits;
import io.switchboard.sip.guard.Networks;
import io.switchboard.sip.guard.TrunkAddresses;
import io.switchboard.sip.stack.EdgeProxies;

/** Makes the switch's {@link Guard} from its settings, each checked and a bad one named. */
public final class Guards {

    private Guards() {
    }

    /**
     * @param pid the settings' PID, for messages
     * @param db where lockouts are kept, shared by every server
     * @param registeredFrom a user's bindings' sources ({@code transport:address:port}) now
     * @param writer runs the guard's database writes
     */
    public static Guard create(String pid, SipSettings config, TrunkAddresses trunks, EventPoster events,
            DataSource db, Function<String, List<String>> registeredFrom, Executor writer) {
        Limits limits = new Limits(StackSettings.positive("lockoutFailures", config.lockoutFailures()),
                StackSettings.positive("lockoutWindow", config.lockoutWindow()) * 1000L,
                StackSettings.positive("lockoutTime", config.lockoutTime()) * 1000L,
                StackSettings.positive("floodRequests", config.floodRequests()),
                StackSettings.positive("floodWindow", config.floodWindow()) * 1000L);
        // the edge proxies' own packets are never limited as one sender: the clients behind them are
        // judged by their own addresses (EdgeProxies), and the edge carries all of them
        List<String> entries = new ArrayList<>(List.of(config.trustedNetworks()));
        entries.addAll(EdgeProxies.parse(pid + " edgeProxies",
                List.of(config.edgeProxies())).hosts());
        Networks trusted = Networks.parse(pid + " trustedNetworks", entries);
        Guard guard = new Guard(limits, trusted, trunks, events::lockout, db, writer, System::currentTimeMillis,
                user -> phones(registeredFrom.apply(user)));
        guard.restore();
        return guard;
    }

    /** @return the addresses the user's phones registered from (bindings keep transport:address:port) */
    static Set<InetAddress> phones(List<String> sources) {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (String source : sources) {
            if (source == null) {
                continue;
            }
            int first = source.indexOf(':');
            int last = source.lastIndexOf(':');
            if (first < 0 || last <= first) {
                continue;
            }
            String host = source.substring(first + 1, last);
            if (host.matches("[0-9a-fA-F:.]+")) {
                try {
                    addresses.add(InetAddress.getByName(host));
                } catch (UnknownHostException e) {
                    // not an address: nothing to trust
                }
            }
        }
        return addresses;
    }
}

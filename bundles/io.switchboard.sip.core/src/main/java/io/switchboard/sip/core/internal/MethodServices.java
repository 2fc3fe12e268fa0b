package io.switchboard.sip.core.internal;

import java.util.concurrent.ScheduledExecutorService;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.switchboard.sip.core.internal.call.CallContext;
import io.switchboard.sip.handler.api.SwitchFacilities;

/**
 * The methods served beside calls and REGISTER, by bundles of their own (MESSAGE:
 * {@code io.switchboard.messaging.sip}; SUBSCRIBE and PUBLISH: {@code io.switchboard.subscription.sip}):
 * the switch's {@link SwitchFacilities} offered to them while it runs, and their handlers tracked.
 */
final class MethodServices {

    final RequestHandlers handlers = new RequestHandlers();
    private final SwitchFacilitiesService facilities;
    private ServiceRegistration<SwitchFacilities> facilitiesService;
    private boolean stopped;

    MethodServices(SwitchFacilitiesService.Parts p, CallContext.Sip sip) {
        facilities = new SwitchFacilitiesService(p, sip);
    }

    void start(ScheduledExecutorService timer, BundleContext context) {
        handlers.open(context);
        // offered once the switch is active: the bundles that need them bind back to it at once
        timer.execute(() -> offer(context));
    }

    private synchronized void offer(BundleContext context) {
        if (!stopped) {
            facilitiesService = context.registerService(SwitchFacilities.class, facilities, null);
        }
    }

    void stop() {
        synchronized (this) {
            stopped = true;
            if (facilitiesService != null) {
                facilitiesService.unregister();
            }
        }
        handlers.close();
    }
}

package io.switchboard.emergency.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.emergency.api.DispatchLocation;
import io.switchboard.emergency.api.EmergencyCall;
import io.switchboard.emergency.api.EmergencyCaller;
import io.switchboard.phone.api.MediaLeg;
import io.switchboard.phone.api.PhoneEngine;
import io.switchboard.phone.api.PhoneException;
import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;
import io.switchboard.sip.api.provisioning.NumberService;

/**
 * The emergency test number (933 in the US): the switch answers it itself, resolves the caller's
 * location as an emergency call would, logs the test with the address it would send, and tells the
 * caller whether an address is on file. Nothing leaves for the emergency services.
 */
@Component(service = CallTarget.class, property = CallTarget.NAME + "=emergency-test")
public class TestNumberTarget implements CallTarget {

    private static final Logger LOG = System.getLogger(TestNumberTarget.class.getName());

    private final EmergencyService locations;
    private final EmergencyLog log;
    private final PhoneEngine engine;
    private final NumberService numbers;
    private final Path found;
    private final Path missing;
    private final Map<String, MediaLeg> legs = new ConcurrentHashMap<>();

    @Activate
    public TestNumberTarget(@Reference EmergencyService locations, @Reference EmergencyLog log,
            @Reference PhoneEngine engine, @Reference NumberService numbers, BundleContext context) {
        this.locations = locations;
        this.log = log;
        this.engine = engine;
        this.numbers = numbers;
        this.found = prompt(context, "e911-found");
        this.missing = prompt(context, "e911-missing");
    }

    /** The engine plays files: the bundle's prompt is copied to its data area once. */
    private static Path prompt(BundleContext context, String name) {
        Path file = context.getDataFile(name + ".wav").toPath();
        try (InputStream in = TestNumberTarget.class.getResourceAsStream("/prompts/en/" + name + ".wav")) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("Prompt " + name + ": " + e.getMessage(), e));
        }
    }

    @Override
    public TargetAnswer offer(TargetCall call) {
        if (call.sdpOffer() == null) {
            return TargetAnswer.refuse(488, "The emergency test needs an SDP offer");
        }
        String number = numbers.numberOf(call.caller()).orElse(null);
        DispatchLocation l = locations.locate(new EmergencyCaller(call.caller(), number,
                locations.lastSource(call.caller())));
        try {
            MediaLeg leg = engine.answer(call.sdpOffer(), engine.hostFor(call.sdpOffer()), call.source(),
                    engine.play(l.location() != null ? found : missing), null, digit -> { }, null);
            legs.put(call.callId(), leg);
            log.test(new EmergencyCall(call.callId(), Instant.now(), Instant.now(), null, call.caller(), l.callback(),
                    call.dialled(), true, l.location() == null ? null : l.location().name(), l.address(), l.how(), null,
                    "answered"));
            LOG.log(Level.INFO, "Emergency test call of " + call.caller() + ": " + (l.address() == null ? l.how()
                    : l.address() + " (" + l.how() + ")"));
            return TargetAnswer.answer(leg.sdpAnswer());
        } catch (PhoneException e) {
            return TargetAnswer.refuse(488, "The emergency test cannot take this call: " + e.getMessage());
        }
    }

    @Override
    public void ended(String callId, boolean byCaller) {
        MediaLeg leg = legs.remove(callId);
        if (leg != null) {
            leg.close();
            log.testEnded(callId);
        }
    }
}

package io.switchboard.console.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneAccount;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneEngine;
import io.switchboard.phone.api.PhoneListener;
import io.switchboard.phone.api.Transport;

/**
 * The parking lot in the real console against a real server: bob's phone (the console's own phone engine) parks
 * alice's call by transferring it to 700, and the view shows slot 701 taken by alice, parked by bob, the other
 * slots free. The run draws the view for the tour.
 */
class ParkingUiTest {

    private static final String PASSWORD = "parking-ui-test";
    private static final String PHONES = "parking-ui-phones-1";

    private final ConsoleDriver console = new ConsoleDriver();
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(PASSWORD, Map.of());
        AdminApi api = new AdminApi(server, PASSWORD);
        api.put("sip/users/alice", "{\"password\":\"" + PHONES + "\",\"displayName\":\"Alice Archer\"}");
        api.put("sip/users/bob", "{\"password\":\"" + PHONES + "\"}");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aReceptionistSeesWhoWaitsInWhichSlot(TestInfo test) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceReference<PhoneEngine> ref = context.getServiceReference(PhoneEngine.class);
        PhoneEngine engine = context.getService(ref);
        try (Phone alice = engine.open(account("alice"), new PhoneListener() {
        });
                Phone bob = engine.open(account("bob"), new PhoneListener() {
                    @Override
                    public void incoming(PhoneCall call) {
                        call.answer(engine.tone(660), null);
                    }
                })) {
            ConsoleDriver.await("both phones registered", () -> alice.registered() && bob.registered() ? bob : null);
            PhoneCall call = alice.dial("bob", engine.tone(440), null);
            ConsoleDriver.await("bob answered", () -> call.state() == CallState.CONNECTED ? call : null);
            bob.calls().get(0).transfer("700");

            Shell window = console.window();
            console.addServer("switch", server.url(), PASSWORD);
            console.awaitText(window, "overview.heading",
                    t -> t.contains(server.url()) && t.contains("connected as admin"));
            console.showPart("io.switchboard.parking.ui.part.lot");
            console.awaitText(window, "parking.number", t -> t.startsWith("Transfer a call to 700"));
            Table slots = console.find(window, "parking.slots", Table.class);
            int row = console.awaitRow("slot 701 listed", slots, 0, "701"::equals);
            ConsoleDriver.await("alice waits on 701, parked by bob", () -> console.ui(() -> "parked".equals(slots
                    .getItem(row).getText(1)) && slots.getItem(row).getText(2).contains("alice")
                    && "bob".equals(slots.getItem(row).getText(3)) ? slots : null));
            assertEquals("free", console.ui(() -> slots.getItem(row + 1).getText(1)), "702 is free");
            console.tour("parking");
            alice.calls().forEach(PhoneCall::hangup);
        } catch (Throwable t) {
            console.screenshot(test.getDisplayName());
            throw t;
        } finally {
            context.ungetService(ref);
        }
    }

    private PhoneAccount account(String user) {
        return new PhoneAccount(user, "127.0.0.1", PHONES, "127.0.0.1", server.sipPort, Transport.UDP, null, 300);
    }
}

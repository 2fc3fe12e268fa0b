package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

/**
 * The calls set-up several SIP tests share: a carrier trunk known by its address (127.0.0.1 and
 * its SIPp port, not probed), user bob registered from a SIPp phone, and a number that goes to
 * bob, so that the carrier's calls to the number ring bob.
 */
final class CarrierToBob {

    private CarrierToBob() {
    }

    /**
     * @param number the DID in E.164 ("+15550100000")
     * @param calls how many calls bob's SIPp answers
     * @return bob's SIPp, answering
     */
    static Sipp provision(ServerProcess server, String[] admin, Path sipp, int carrierPort, int bobPort, String number,
            int calls) throws Exception {
        assertEquals(201, server.put("/sip/users/bob", "{\"password\":\"bob-password-22\"}", admin).statusCode());
        assertEquals(201, server.put("/sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":" + carrierPort
                + ",\"addresses\":[\"127.0.0.1:" + carrierPort + "\"],\"probe\":false,\"maxChannels\":0}", admin).statusCode());
        assertEquals(201, server.put("/sip/numbers/" + number.replace("+", "%2B"), "{\"destination\":\"bob\"}", admin)
                .statusCode());
        Sipp reg = Sipp.start(sipp, "sipp-register.xml", server.sipPort, bobPort, "u1", "-s", "bob", "-au", "bob",
                "-ap", "bob-password-22", "-key", "expires", "3600", "-m", "1");
        assertEquals(0, reg.await(60), reg.report());
        Sipp bob = Sipp.start(sipp, "sipp-answer.xml", server.sipPort, bobPort, "u1", "-m", Integer.toString(calls));
        Thread.sleep(300);
        return bob;
    }
}

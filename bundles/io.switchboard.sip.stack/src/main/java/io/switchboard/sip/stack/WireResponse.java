package io.switchboard.sip.stack;

import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.ladder.Wire;

/** A response as parsed off the wire, with the bytes it arrived as. */
public final class WireResponse extends SIPResponse implements Wire {

    private static final long serialVersionUID = 1L;

    private transient byte[] wire;

    @Override
    public byte[] wire() {
        return wire;
    }

    void wire(byte[] received) {
        wire = received;
    }
}

package io.switchboard.sip.transport;

import java.util.Properties;

import javax.sip.PeerUnavailableException;

import gov.nist.javax.sip.SipStackImpl;

/**
 * jain-sip's stack with {@link TlsLayer} as its network layer. The stack would load a layer by class
 * name, which its bundle cannot see in OSGi; the field it keeps the layer in is set here instead,
 * before any listening point opens a socket.
 */
public final class SwitchboardStack extends SipStackImpl {

    public SwitchboardStack(Properties properties, TlsLayer layer) throws PeerUnavailableException {
        super(properties);
        this.networkLayer = layer;
    }
}

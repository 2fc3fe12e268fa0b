package io.switchboard.sip.transport;

import java.util.Properties;

import javax.sip.PeerUnavailableException;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.SIPServerTransaction;

/**
 * jain-sip's stack with {@link TlsLayer} as its network layer. The stack would load a layer by class
 * name, which its bundle cannot see in OSGi; the field it keeps the layer in is set here instead,
 * before any listening point opens a socket. Its server transactions are {@link ServerTransaction}s.
 */
public final class SwitchboardStack extends SipStackImpl {

    public SwitchboardStack(Properties properties, TlsLayer layer) throws PeerUnavailableException {
        super(properties);
        this.networkLayer = layer;
    }

    /**
     * Stops the stack without waiting for it: every socket is closed now, so that a switch started again
     * at once can bind its ports; jain-sip's own stop, which then sleeps a second to let its threads see
     * the flag (twice per stop, two seconds of every restart), runs on a thread of its own.
     */
    public void stopBeside() {
        for (MessageProcessor processor : getMessageProcessors()) {
            removeMessageProcessor(processor);
        }
        closeAllSockets();
        Thread.ofPlatform().daemon().name(getStackName() + "-stop").start(this::stop);
    }

    /** As the stack's own: past the table's high-water mark, new transactions are refused at random. */
    @Override
    public SIPServerTransaction createServerTransaction(MessageChannel channel) {
        if (!unlimitedServerTransactionTableSize) {
            float threshold = ((float) (serverTransactionTable.size() - serverTransactionTableLowaterMark))
                    / (serverTransactionTableHighwaterMark - serverTransactionTableLowaterMark);
            if (Math.random() > 1.0 - threshold) {
                return null;
            }
        }
        return new ServerTransaction(this, channel);
    }
}

package io.switchboard.sip.transport;

import gov.nist.javax.sip.ReleaseReferencesStrategy;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPServerTransactionImpl;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * jain-sip's server transaction under the stack's "Aggressive" strategy, which drops a finished
 * transaction's request instead of keeping it as bytes to parse again (StackProperties). A request
 * without RFC 3261's branch cookie (RFC 2543) is matched by the stack against every transaction by
 * their requests' headers: one whose request is gone threw a NullPointerException inside the stack,
 * and the message was lost (Rfc4475IT). Such a transaction is no match; an RFC 2543 transaction keeps
 * its own request, so that its retransmissions still find it.
 */
final class ServerTransaction extends SIPServerTransactionImpl {

    ServerTransaction(SIPTransactionStack stack, MessageChannel channel) {
        super(stack, channel);
    }

    @Override
    public void setOriginalRequest(SIPRequest request) {
        if (!rfc3261(request)) {
            setReleaseReferencesStrategy(ReleaseReferencesStrategy.None);
        }
        super.setOriginalRequest(request);
    }

    @Override
    public boolean isMessagePartOfTransaction(SIPMessage message) {
        if (getOriginalRequest() == null && !rfc3261(message)) {
            return false;
        }
        return super.isMessagePartOfTransaction(message);
    }

    private static boolean rfc3261(SIPMessage message) {
        Via via = message.getTopmostVia();
        String branch = via == null ? null : via.getBranch();
        return branch != null && branch.regionMatches(true, 0, "z9hG4bK", 0, 7);
    }
}

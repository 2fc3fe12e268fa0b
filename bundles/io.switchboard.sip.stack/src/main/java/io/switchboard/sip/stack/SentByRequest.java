package io.switchboard.sip.stack;

import java.util.Locale;

import javax.sip.header.ViaHeader;

import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.sip.ladder.Wire;

/**
 * A request as parsed off the wire, whose transaction is named by its branch and its sent-by, as
 * RFC 3261 17.2.3 matches them: two requests with the same branch from different sent-by addresses
 * are different transactions. jain-sip names a server transaction by the branch alone, so that
 * a second client that happens to use a branch already seen (the RFC 4475 corpus does it on
 * purpose) had its request taken for a retransmission of the first and never answered.
 */
public final class SentByRequest extends SIPRequest implements Wire {

    private static final long serialVersionUID = 1L;
    private static final String MAGIC_COOKIE = "z9hg4bk";

    private transient byte[] wire;
    /** What {@link PacketSource#of} found, asked several times per request. */
    transient PacketSource source;
    /** The last transaction id and the Via it was made of: the stack asks for it several times per message. */
    private transient ViaHeader idVia;
    private transient String idBranch;
    private transient String id;

    @Override
    public byte[] wire() {
        return wire;
    }

    void wire(byte[] received) {
        wire = received;
    }

    @Override
    public String getTransactionId() {
        ViaHeader via = (ViaHeader) getHeader(ViaHeader.NAME);
        String branch = via == null ? null : via.getBranch();
        if (id != null && via == idVia && branch == idBranch) {
            return id;
        }
        id = transactionId(via, branch);
        idVia = via;
        idBranch = branch;
        return id;
    }

    private String transactionId(ViaHeader via, String branch) {
        String id = super.getTransactionId();
        if (branch == null || !branch.toLowerCase(Locale.ROOT).startsWith(MAGIC_COOKIE)) {
            return id; // RFC 2543 matching already compares the whole Via
        }
        return id + "@" + (via.getHost() == null ? "" : via.getHost().toLowerCase(Locale.ROOT)) + ":" + via.getPort();
    }
}

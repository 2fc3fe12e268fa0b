package io.switchboard.sip.core.internal.call;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.core.internal.dispatch.InitialRequestDispatcher;
import io.switchboard.sip.core.internal.trunk.Trunks;
import io.switchboard.sip.stack.DisplayNames;

/**
 * Leg B's INVITE as the switch builds it from leg A's: new Call-ID, tags and Via, addresses made
 * from parsed values, the caller ID a trunk gets (its own number or the caller's, privacy kept),
 * who forwarded the call, an attended transfer's Replaces mapped to the switch's other leg; sent as
 * the call's leg B or as one more branch of it.
 */
final class LegB extends CallPart {

    private final CallSetup setup;

    LegB(CallPart shared, CallSetup setup) {
        super(shared);
        this.setup = setup;
    }

    /**
     * Sends leg B's INVITE.
     *
     * @param route the proxies the request goes through first (a phone's Path), or empty
     * @param trunk the carrier trunk, or null for a user's phone
     */
    void invite(Call call, URI target, List<Address> route, byte[] offer, Trunk trunk, int maxForwards, boolean fork,
            String member) throws Exception {
        URI next = route.isEmpty() ? target : route.get(0).getURI();
        String transport = LegAddresses.transport(next);
        SipProvider provider = providers.apply(transport);
        if (provider == null) {
            throw new SipException("no " + transport + " listening point");
        }
        ListeningPoint lp = provider.getListeningPoint(transport);
        Request a = call.aInvite;
        FromHeader aFrom = (FromHeader) a.getHeader(FromHeader.NAME);
        ToHeader aTo = (ToHeader) a.getHeader(ToHeader.NAME);
        String peer = next instanceof SipURI s ? s.getHost() : null;
        String us = legs.host(lp, peer);
        CallIdHeader callId = headers.createCallIdHeader(Trunks.newCallId(us));
        List<ViaHeader> via = new ArrayList<>();
        via.add(headers.createViaHeader(us, lp.getPort(), transport, null));
        // leg B's addresses are made from parsed values, never copied as received text
        Address fromAddress = addresses.createAddress((URI) aFrom.getAddress().getURI().clone());
        fromAddress.setDisplayName(DisplayNames.quoted(call.callerName));
        Address toAddress = addresses.createAddress((URI) aTo.getAddress().getURI().clone());
        toAddress.setDisplayName(DisplayNames.quoted(DisplayNames.plain(aTo.getAddress().getDisplayName())));
        boolean privacy = false;
        String asserted = null;
        if (trunk != null) {
            Header privacyHeader = a.getHeader("Privacy");
            CallerId shown = CallerId.toCarrier(trunk, call.trunkIn == null ? provisioning.policies().apply(call.caller)
                    : null, call.callerE164, call.caller, call.callerName,
                    privacyHeader == null ? null : privacyHeader.toString());
            if (call.emergency != null) {
                // the emergency service calls back on this number, and never sees an anonymous caller
                shown = new CallerId(callback(call), shown.name(), false);
            }
            privacy = shown.withheld();
            fromAddress = privacy ? addresses.createAddress("\"Anonymous\" <sip:anonymous@anonymous.invalid>")
                    : addresses.createAddress(addresses.createSipURI(shown.number(), us));
            if (shown.name() != null) {
                fromAddress.setDisplayName(DisplayNames.quoted(shown.name()));
            }
            asserted = "<sip:" + shown.number() + "@" + us + ">";
            toAddress = addresses.createAddress(target);
        }
        Request b = messages.createRequest(target, Request.INVITE, callId, headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(fromAddress, tag()), headers.createToHeader(toAddress, null), via,
                headers.createMaxForwardsHeader(maxForwards));
        b.addHeader(legs.contact(us, lp.getPort(), transport, target instanceof SipURI s && s.isSecure()));
        for (Address hop : route) {
            b.addHeader(headers.createRouteHeader(hop));
        }
        b.addHeader(headers.createAllowHeader(InitialRequestDispatcher.ALLOW));
        if (trunk != null && trunk.pai()) {
            b.addHeader(headers.createHeader("P-Asserted-Identity", asserted));
        }
        if (privacy) {
            b.addHeader(headers.createHeader("Privacy", "id"));
        }
        CallForward forwarding = setup.forward;
        if (forwarding != null && !call.forwards.isEmpty()) {
            forwarding.annotate(call, b, trunk == null ? null : trunk.name(), us);
        }
        if (call.intercom && trunk == null) {
            Intercom.mark(b, headers, us);
        }
        String replaces = replacesOtherLeg(a.getHeader("Replaces"));
        if (replaces != null) {
            b.addHeader(headers.createHeader("Replaces", replaces));
        }
        ContentTypeHeader type = (ContentTypeHeader) a.getHeader(ContentTypeHeader.NAME);
        if (offer != null && offer.length > 0 && type != null) {
            b.setContent(offer, headers.createContentTypeHeader(type.getContentType(), type.getContentSubType()));
            if (trunk != null && call.emergency != null) {
                withLocation(call, b, trunk, offer, us);
            }
        }
        if (fork) {
            ClientTransaction ct = provider.getNewClientTransaction(b);
            synchronized (call) {
                Call.Fork f = new Call.Fork(call, provider, ct, provider.getNewDialog(ct),
                        ((CallIdHeader) b.getHeader(CallIdHeader.NAME)).getCallId(), target.toString(), member);
                call.forks.add(f);
                ct.setApplicationData(f);
            }
            ladders.leg(call.aCallId(), ((CallIdHeader) b.getHeader(CallIdHeader.NAME)).getCallId());
            ladders.sent(b);
            ct.sendRequest();
        } else {
            sendB(call, provider, b, target.toString());
        }
    }

    /** @return the number an emergency call shows: its location's ELIN, else the caller's own number */
    private static String callback(Call call) {
        var l = call.location;
        return l != null && l.callback() != null ? l.callback() : call.callerE164 != null ? call.callerE164 : call.caller;
    }

    /**
     * Conveys an emergency call's location by value (RFC 6442) to a trunk that takes it: the offer and
     * the PIDF-LO in one multipart body, the Geolocation header pointing at the PIDF-LO's part.
     */
    private void withLocation(Call call, Request b, Trunk trunk, byte[] offer, String us)
            throws ParseException {
        var l = call.location;
        var service = provisioning.locations().get();
        if (l == null || l.pidfLo() == null || service == null || !service.takesLocation(trunk.name())) {
            return;
        }
        String contentId = "location-" + call.id + "@" + us;
        String boundary = "switchboard-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        String body = "--" + boundary + "\r\nContent-Type: application/sdp\r\n\r\n"
                + new String(offer, StandardCharsets.UTF_8) + "\r\n--" + boundary
                + "\r\nContent-Type: application/pidf+xml\r\nContent-ID: <" + contentId + ">\r\n\r\n" + l.pidfLo()
                + "\r\n--" + boundary + "--\r\n";
        ContentTypeHeader multipart = headers.createContentTypeHeader("multipart", "mixed");
        multipart.setParameter("boundary", boundary);
        b.setContent(body.getBytes(StandardCharsets.UTF_8), multipart);
        b.addHeader(headers.createHeader("Geolocation", "<cid:" + contentId + ">"));
        b.addHeader(headers.createHeader("Geolocation-Routing", "yes"));
        call.serviceTags.put("emergencyLocationSent", "by value to " + trunk.name());
    }

    /**
     * An attended transfer's INVITE names, in its Replaces (RFC 3891), the dialog the transferor has
     * with this switch; the phone it goes to knows only its own dialog with the switch, the other leg
     * of that call. @return Replaces for that leg (its Call-ID, the phone's tag as to-tag and the
     * switch's as from-tag), or null when the named dialog is not one of the switch's calls
     */
    private String replacesOtherLeg(Header header) {
        if (header == null) {
            return null;
        }
        String value = header.toString().substring(header.toString().indexOf(':') + 1).trim();
        String callId = value.split(";", 2)[0].trim();
        Call named = byACallId.get(callId);
        Dialog other = named == null ? null : named.bDialog;
        String otherId = named == null ? null : named.bCallId;
        if (named == null) {
            for (Call c : calls.values()) {
                if (callId.equals(c.bCallId)) {
                    other = c.aDialog;
                    otherId = c.aCallId();
                }
            }
        }
        if (other == null || otherId == null || other.getRemoteTag() == null) {
            return null;
        }
        return otherId + ";to-tag=" + other.getRemoteTag() + ";from-tag=" + other.getLocalTag();
    }

    void sendB(Call call, SipProvider provider, Request b, String target) throws SipException {
        ClientTransaction ct = provider.getNewClientTransaction(b);
        synchronized (call) {
            if (call.bDialog != null) {
                byDialog.remove(call.bDialog);
            }
            call.bProvider = provider;
            call.bTx = ct;
            call.bDialog = provider.getNewDialog(ct);
            call.bCallId = ((CallIdHeader) b.getHeader(CallIdHeader.NAME)).getCallId();
            call.target = target;
            call.state = Call.State.SETUP;
            byDialog.put(call.bDialog, call);
            ct.setApplicationData(call);
        }
        ladders.leg(call.aCallId(), call.bCallId);
        ladders.sent(b);
        ct.sendRequest();
    }

}

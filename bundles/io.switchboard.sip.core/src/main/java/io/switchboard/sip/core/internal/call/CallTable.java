package io.switchboard.sip.core.internal.call;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.Dialog;

/**
 * The calls in progress, found by the switch's id, by leg A's Call-ID and by either leg's dialog,
 * and the counts the switch's status shows. One table for all parts of the calls' handling.
 */
final class CallTable {

    final Map<String, Call> calls = new ConcurrentHashMap<>();
    final Map<Dialog, Call> byDialog = new ConcurrentHashMap<>();
    final Map<String, Call> byACallId = new ConcurrentHashMap<>();
    /** Calls between start and answer or end, kept as a count so an INVITE need not scan every call. */
    final AtomicInteger inSetup = new AtomicInteger();
    final AtomicLong rejectedOverload = new AtomicLong();
    final AtomicLong completed = new AtomicLong();
    /** Calls whose setup threw (a bad offer, say), ended with 488 or 500. */
    final AtomicLong failedSetups = new AtomicLong();
    /** Users' calls through trunks, against their calling policies. */
    final UserLimits userLimits = new UserLimits();
}

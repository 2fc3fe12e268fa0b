/**
 * Ring groups, hunt groups and follow-me: an extension that rings several phones at once or one
 * after another. A group service makes each call's plan; the switch rings it.
 */
package io.switchboard.sip.api.hunting;

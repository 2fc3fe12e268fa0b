/**
 * Text messages (SIP MESSAGE, RFC 3428) between users: the message, its delivery state, the store
 * that keeps a message for a user whose phones cannot take it now, the switch's delivery of a
 * stored one, the events of each state, and the search of the history.
 */
package io.switchboard.messaging.api;

package io.switchboard.sip.stack;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

/** A stack's listener in a test that only answers requests: the stack's other events are of no interest there. */
interface RequestListener extends SipListener {

    @Override
    default void processResponse(ResponseEvent event) {
    }

    @Override
    default void processTimeout(TimeoutEvent event) {
    }

    @Override
    default void processIOException(IOExceptionEvent event) {
    }

    @Override
    default void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    default void processDialogTerminated(DialogTerminatedEvent event) {
    }
}

package io.switchboard.sip.ui.internal;

import java.util.Set;

/**
 * A record editor whose kind the server keeps versions of: a save refused over another admin's change (412) sets
 * the form beside the stored record in the Changed meanwhile dialog ({@link ConflictDialog}), field by field.
 *
 * @param <T> what the editor's table holds
 */
interface Versioned<T> {

    /** @return the record's fields the dialog sets side by side */
    Record fields(T record);

    /** @return the record with these fields ({@link #fields}'s kind, merged), to be saved again */
    T withFields(T record, Record fields);

    /** @return the fields the dialog never shows: the key, the version, what the server keeps of its own */
    Set<String> notMerged();

    /** The record the form shows is no longer stored: the next save makes it anew, against no version. */
    void forgetVersion();
}

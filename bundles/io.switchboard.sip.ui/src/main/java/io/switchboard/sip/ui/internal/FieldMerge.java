package io.switchboard.sip.ui.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Two changes made to one version of a record, set side by side field by field after the server refused the
 * second (412): what the form was made from (base), the admin's form (mine) and what is stored now (theirs).
 */
final class FieldMerge {

    /** One field that differs between mine and theirs. */
    record Field(String name, Object base, Object mine, Object theirs) {

        boolean mineChanged() {
            return !same(mine, base);
        }

        /** Both changed it, each their own way: the admin must choose. */
        boolean conflict() {
            return mineChanged() && !same(theirs, base);
        }
    }

    private FieldMerge() {
    }

    /** @return the fields, outside {@code skip}, whose values differ between mine and theirs, in the record's order */
    static <R extends Record> List<Field> differing(R base, R mine, R theirs, Set<String> skip) {
        List<Field> out = new ArrayList<>();
        for (RecordComponent c : mine.getClass().getRecordComponents()) {
            if (skip.contains(c.getName())) {
                continue;
            }
            Object m = value(c, mine);
            Object t = value(c, theirs);
            if (!same(m, t)) {
                out.add(new Field(c.getName(), base == null ? null : value(c, base), m, t));
            }
        }
        return out;
    }

    /** @return theirs with the fields named in {@code keepMine} taken from mine: its version is theirs */
    @SuppressWarnings("unchecked")
    static <R extends Record> R merged(R mine, R theirs, Set<String> keepMine) {
        RecordComponent[] components = theirs.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(components[i], keepMine.contains(components[i].getName()) ? mine : theirs);
        }
        try {
            Constructor<?> canonical = theirs.getClass().getDeclaredConstructor(Arrays.stream(components)
                    .map(RecordComponent::getType).toArray(Class<?>[]::new));
            return (R) canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot merge " + theirs.getClass().getSimpleName() + ": " + e, e);
        }
    }

    /** A form writes an empty field where the server keeps none: the two are the same value. */
    static boolean same(Object a, Object b) {
        return Objects.equals(normal(a), normal(b));
    }

    private static Object normal(Object v) {
        if (v instanceof String s) {
            return s.isBlank() ? null : s.trim();
        }
        if (v instanceof Collection<?> c) {
            return c.isEmpty() ? null : List.copyOf(c);
        }
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros(); // 1.5 typed is the 1.50 stored
        }
        return v;
    }

    static Object value(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + c.getName() + ": " + e, e);
        }
    }
}

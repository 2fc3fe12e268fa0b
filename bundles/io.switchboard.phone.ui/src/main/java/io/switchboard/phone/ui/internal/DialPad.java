package io.switchboard.phone.ui.internal;

import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;

import io.switchboard.console.ui.widgets.Widgets;

/** The twelve keys of a phone, with their letters; a key press goes to the softphone. */
final class DialPad {

    private static final String[][] KEYS = { { "1", "" }, { "2", "ABC" }, { "3", "DEF" }, { "4", "GHI" },
            { "5", "JKL" }, { "6", "MNO" }, { "7", "PQRS" }, { "8", "TUV" }, { "9", "WXYZ" }, { "*", "" },
            { "0", "+" }, { "#", "" } };

    private DialPad() {
    }

    /** Makes the keys; each press gives its digit, whose button has the id phone.key.&lt;digit&gt;. */
    static Composite create(Composite parent, Consumer<Character> pressed) {
        Composite pad = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).equalWidth(true).spacing(4, 4).applyTo(pad);
        for (String[] key : KEYS) {
            char digit = key[0].charAt(0);
            String label = key[1].isEmpty() ? key[0] : key[0] + "  " + key[1];
            var button = Widgets.button(pad, label, "phone.key." + digit, () -> pressed.accept(digit));
            GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 34).applyTo(button);
        }
        return pad;
    }
}

package io.switchboard.phone.ui.internal;

import java.util.List;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.osgi.service.prefs.BackingStoreException;

import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.phone.api.AudioSource;
import io.switchboard.phone.api.PhoneException;

/** The softphone's microphone and speaker choice, remembered for the next start of the console. */
final class AudioPicker {

    private static final String NODE = "io.switchboard.phone.ui";
    private final Phones phones;
    private final Combo microphone;
    private final Combo speaker;

    AudioPicker(Composite parent, Phones phones) {
        this.phones = phones;
        microphone = combo(parent, "Microphone:", "phone.microphone");
        speaker = combo(parent, "Speaker:", "phone.speaker");
        try {
            fill(microphone, AudioChoices.sources(phones.engine()), "microphone");
            fill(speaker, AudioChoices.sinks(phones.engine()), "speaker");
        } catch (PhoneException noEngine) {
            microphone.setEnabled(false);
            speaker.setEnabled(false);
            microphone.setToolTipText(noEngine.getMessage());
        }
    }

    private static Combo combo(Composite parent, String label, String id) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(label);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(l);
        Combo c = Widgets.id(new Combo(parent, SWT.READ_ONLY), id);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(c);
        return c;
    }

    /** Offers the choices, selects the one remembered (if the machine still has it) and remembers the next. */
    private static void fill(Combo combo, List<String> choices, String key) {
        combo.setItems(choices.toArray(String[]::new));
        String remembered = prefs().get(key, null);
        // the machine's first device, or the test tone and the level meter where it has none
        combo.setText(remembered != null && choices.contains(remembered) ? remembered : choices.get(0));
        combo.addListener(SWT.Selection, e -> {
            prefs().put(key, combo.getText());
            try {
                prefs().flush();
            } catch (BackingStoreException ignored) {
                // the choice holds for this session; it is only not remembered
            }
        });
    }

    AudioSource source() {
        return AudioChoices.source(phones.engine(), microphone.getText());
    }

    LevelMeter sink() {
        return AudioChoices.sink(phones.engine(), speaker.getText());
    }

    private static IEclipsePreferences prefs() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }
}

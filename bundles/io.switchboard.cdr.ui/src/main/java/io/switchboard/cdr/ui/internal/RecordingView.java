package io.switchboard.cdr.ui.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Clip;
import javax.sound.sampled.LineEvent;
import javax.sound.sampled.LineUnavailableException;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;

import io.switchboard.console.ui.widgets.Widgets;

/**
 * A record's recording tab: both channels' waveforms (the caller left, the callee right), their
 * levels, a player that plays, pauses and seeks where the waveform is clicked, and Save.
 */
public final class RecordingView {

    private static final String[] CHANNELS = { "Caller (left)", "Callee (right)" };

    private final Composite body;
    private final Label levels;
    private final Label position;
    private final Label status;
    private final Button play;
    private final Button save;
    private final Canvas waveform;
    private byte[] file;
    private boolean wav;
    private Recording recording;
    private Clip clip;
    private boolean playing;
    private long frame;
    private int[][] peaks;

    RecordingView(Composite parent) {
        body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(body);
        Composite bar = new Composite(body, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).applyTo(bar);
        Widgets.fillWidth(bar);
        play = Widgets.button(bar, "Play", "recording.play", this::playOrPause);
        position = Widgets.id(new Label(bar, SWT.NONE), "recording.position");
        GridDataFactory.fillDefaults().hint(110, SWT.DEFAULT).applyTo(position);
        levels = Widgets.id(new Label(bar, SWT.NONE), "recording.levels");
        Widgets.fillWidth(levels);
        save = Widgets.button(bar, "Save…", "recording.save", this::save);
        status = Widgets.id(new Label(body, SWT.WRAP), "recording.status");
        status.setText("Reading the recording…");
        Widgets.fillWidth(status);
        waveform = Widgets.id(new Canvas(body, SWT.DOUBLE_BUFFERED | SWT.BORDER), "recording.waveform");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(waveform);
        waveform.setBackground(waveform.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        waveform.addListener(SWT.Paint, e -> paint(e.gc));
        waveform.addListener(SWT.MouseDown, e -> seek((double) e.x / Math.max(1, waveform.getClientArea().width)));
        body.addListener(SWT.Dispose, e -> close());
        play.setEnabled(false);
        save.setEnabled(false);
    }

    Composite control() {
        return body;
    }

    /** A recording as read off the UI thread: its bytes, and its samples when it is a WAV the console reads. */
    record Loaded(byte[] file, boolean wav, Recording recording, String problem) {

        static Loaded of(byte[] file) {
            boolean wav = file.length > 12 && new String(file, 0, 4, StandardCharsets.US_ASCII).equals("RIFF");
            if (!wav) {
                return new Loaded(file, false, null, null);
            }
            try {
                return new Loaded(file, true, Recording.of(file), null);
            } catch (IOException e) {
                return new Loaded(file, true, null, e.getMessage());
            }
        }
    }

    /** Says why the recording could not be read. */
    void failed(String reason) {
        status.setText("The recording cannot be read: " + reason);
    }

    /** Shows the recording, or says why there is none; a capture of another codec can only be saved. */
    void show(Optional<Loaded> kept) {
        if (kept.isEmpty()) {
            status.setText("This call was not recorded (recordCalls in io.switchboard.sip.cfg names what is), "
                    + "or its recording is past the records' retention.");
            return;
        }
        file = kept.get().file();
        wav = kept.get().wav();
        save.setEnabled(true);
        if (!wav) {
            status.setText("The recording is an RTP capture (the call's codec is not G.711): Save… it and open it "
                    + "in Wireshark (Telephony > RTP > RTP Streams, then Play Streams).");
            return;
        }
        recording = kept.get().recording();
        if (recording == null) {
            status.setText("The recording cannot be shown: " + kept.get().problem() + ". Save… keeps it as it is.");
            return;
        }
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < recording.channelCount() && c < CHANNELS.length; c++) {
            text.append(c == 0 ? "" : "  ·  ").append(CHANNELS[c]).append(' ')
                    .append(String.format("%.1f dBFS", recording.levelDb(c)));
        }
        levels.setText(text.toString());
        status.setText(String.format("%.1f s, %d channel%s, %.0f Hz. A click on the waveform moves the red line: "
                + "Play plays from there.", recording.seconds(), recording.channelCount(),
                recording.channelCount() == 1 ? "" : "s", recording.format().getSampleRate()));
        play.setEnabled(true);
        showPosition();
        waveform.redraw();
    }

    public String status() {
        return status.getText();
    }

    /** @return where playing starts or has come to, in seconds */
    public double seconds() {
        return recording == null ? 0 : frame / recording.format().getFrameRate();
    }

    private void playOrPause() {
        if (clip == null && !openClip()) {
            return;
        }
        if (playing) {
            clip.stop(); // its STOP event sets the button back
        } else {
            clip.setFramePosition((int) (frame >= clip.getFrameLength() ? 0 : frame));
            clip.start();
            playing = true;
            play.setText("Pause");
            tick();
        }
    }

    private boolean openClip() {
        try {
            clip = AudioSystem.getClip();
            clip.open(recording.stream());
            Display display = waveform.getDisplay();
            // the line says when it stops (Pause, or the end), from its own thread
            clip.addLineListener(event -> {
                if (event.getType() == LineEvent.Type.STOP && !display.isDisposed()) {
                    display.asyncExec(this::stopped);
                }
            });
            return true;
        } catch (LineUnavailableException | IOException | IllegalArgumentException | SecurityException e) {
            clip = null;
            status.setText("This machine has no sound output the console can use: Save… the recording and play it "
                    + "elsewhere.");
            status.setToolTipText(e.getMessage()); // Java Sound's own words, for whoever sets up the machine
            return false;
        }
    }

    private void stopped() {
        if (waveform.isDisposed() || clip == null) {
            return;
        }
        playing = false;
        frame = clip.getLongFramePosition();
        play.setText("Play");
        showPosition();
        waveform.redraw();
    }

    private void tick() {
        if (!playing || waveform.isDisposed()) {
            return;
        }
        frame = clip.getLongFramePosition();
        showPosition();
        waveform.redraw();
        waveform.getDisplay().timerExec(100, this::tick);
    }

    /** Moves the player to a fraction of the recording's length. */
    public void seek(double fraction) {
        if (recording == null) {
            return;
        }
        frame = (long) (Math.max(0, Math.min(1, fraction)) * recording.channel(0).length);
        if (clip != null) {
            clip.setFramePosition((int) frame);
        }
        showPosition();
        waveform.redraw();
    }

    private void showPosition() {
        position.setText(clock(seconds()) + " / " + clock(recording.seconds()));
    }

    private static String clock(double seconds) {
        long s = (long) seconds;
        return s / 60 + ":" + String.format("%02d", s % 60);
    }

    private void paint(GC gc) {
        if (recording == null) {
            return;
        }
        Rectangle area = waveform.getClientArea();
        int lanes = recording.channelCount();
        int height = area.height / lanes;
        if (peaks == null || peaks[0].length != area.width) {
            peaks = peaks(area.width); // once per width: playing repaints ten times a second
        }
        for (int c = 0; c < lanes; c++) {
            gc.setForeground(waveform.getDisplay().getSystemColor(SWT.COLOR_LIST_SELECTION));
            int middle = c * height + height / 2;
            for (int x = 0; x < area.width; x++) {
                int max = peaks[2 * c][x];
                int min = peaks[2 * c + 1][x];
                gc.drawLine(x, middle - max * (height / 2 - 4) / 32768, x, middle - min * (height / 2 - 4) / 32768);
            }
            gc.setForeground(waveform.getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
            gc.drawText(c < CHANNELS.length ? CHANNELS[c] : "Channel " + (c + 1), 6, c * height + 4, true);
        }
        gc.setForeground(waveform.getDisplay().getSystemColor(SWT.COLOR_RED));
        int at = (int) ((double) frame / recording.channel(0).length * area.width);
        gc.drawLine(at, 0, at, area.height);
    }

    /** @return per channel, the highest and the lowest sample under each column of the waveform */
    private int[][] peaks(int width) {
        int[][] out = new int[2 * recording.channelCount()][width];
        for (int c = 0; c < recording.channelCount(); c++) {
            short[] samples = recording.channel(c);
            double per = (double) samples.length / Math.max(1, width);
            for (int x = 0; x < width; x++) {
                for (int i = (int) (x * per); i < Math.min(samples.length, (int) ((x + 1) * per)); i++) {
                    out[2 * c][x] = Math.max(out[2 * c][x], samples[i]);
                    out[2 * c + 1][x] = Math.min(out[2 * c + 1][x], samples[i]);
                }
            }
        }
        return out;
    }

    private void save() {
        FileDialog dialog = new FileDialog(body.getShell(), SWT.SAVE);
        dialog.setText("Save the recording");
        dialog.setFileName(wav ? "recording.wav" : "recording.pcap");
        dialog.setOverwrite(true);
        String name = dialog.open();
        if (name != null) {
            saveTo(Path.of(name));
        }
    }

    public void saveTo(Path target) {
        try {
            Files.write(target, file);
            status.setText("Saved to " + target + ".");
        } catch (IOException e) {
            status.setText("Cannot write " + target + ": " + e.getMessage());
        }
    }

    private void close() {
        if (clip != null) {
            clip.close();
        }
    }
}

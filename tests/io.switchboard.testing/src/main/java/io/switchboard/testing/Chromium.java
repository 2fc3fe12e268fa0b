package io.switchboard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, opening a page the server serves: the page as a browser renders it once its scripts
 * have run for a few seconds of the browser's virtual time (its timers and fetches, without waiting that long), as
 * HTML or as a picture. A profile of its own in the given folder; no connection of its own to anywhere (the flags
 * this machine's closed network needs).
 */
public final class Chromium {

    private static final String BINARY = "chromium";
    private final Path profile;

    /** @param folder where the browser keeps its profile, a test's own */
    public Chromium(Path folder) throws IOException {
        this.profile = Files.createDirectories(folder.resolve("chromium-profile"));
    }

    /**
     * @param virtualMillis how long the page's scripts run, in the browser's virtual time
     * @return the page's DOM as HTML after that
     */
    public String dom(String url, int virtualMillis) throws IOException, InterruptedException {
        return run(List.of("--dump-dom"), url, virtualMillis);
    }

    /** Writes a picture of the page as it is after {@code virtualMillis}, in a window of that size. */
    public void screenshot(String url, int virtualMillis, Path png, int width, int height)
            throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars"), url, virtualMillis);
        if (!Files.isRegularFile(png)) {
            throw new IOException("Chromium wrote no picture of " + url);
        }
    }

    private String run(List<String> what, String url, int virtualMillis) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=" + virtualMillis));
        command.addAll(what);
        command.add(url);
        Path out = Files.createTempFile(profile, "page", ".html");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("Chromium did not finish with " + url + " within 60 s");
        }
        String page = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        if (p.exitValue() != 0) {
            throw new IOException("Chromium ended with " + p.exitValue() + " on " + url);
        }
        return page;
    }
}

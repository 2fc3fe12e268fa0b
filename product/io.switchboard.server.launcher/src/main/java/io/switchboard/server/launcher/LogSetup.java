package io.switchboard.server.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Logging for the whole server goes through java.util.logging: Switchboard's bundles use
 * {@code System.Logger}, the libraries reach it through slf4j-jdk14. One readable line per event,
 * on the console and in {@code <data>/logs/switchboard.log} (rotated, 10 files of 10 MB).
 */
final class LogSetup {

    /** java.util.logging keeps loggers weakly: hold the tuned ones, or their levels are lost. */
    private static final List<Logger> TUNED = new ArrayList<>();

    private LogSetup() {
    }

    static void configure(Path logs) throws IOException {
        Files.createDirectories(logs);
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        Formatter formatter = new LineFormatter();
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(formatter);
        console.setLevel(Level.INFO);
        root.addHandler(console);
        FileHandler file = new FileHandler(logs.resolve("switchboard.%g.log").toString(), 10_000_000, 10, true);
        file.setFormatter(formatter);
        file.setEncoding("UTF-8");
        root.addHandler(file);
        // Chatty libraries: their INFO lines say nothing an admin needs.
        for (String quiet : new String[] { "liquibase", "com.zaxxer.hikari", "org.eclipse.jetty",
                "org.apache.felix.http", "org.apache.aries.spifly" }) {
            Logger logger = Logger.getLogger(quiet);
            logger.setLevel(Level.WARNING);
            TUNED.add(logger);
        }
        // Lucene says at every start that the incubating vector API is not enabled; we know.
        Logger vectors = Logger.getLogger("org.apache.lucene.internal.vectorization");
        vectors.setLevel(Level.SEVERE);
        TUNED.add(vectors);
    }

    static final class LineFormatter extends Formatter {
        @Override
        public String format(LogRecord r) {
            String name = r.getLoggerName() == null ? "" : r.getLoggerName();
            int dot = name.lastIndexOf('.');
            StringBuilder sb = new StringBuilder(160);
            sb.append(String.format("%1$tF %1$tT.%1$tL %1$tz %2$-7s [%3$s] %4$s%n", r.getMillis(),
                    r.getLevel().getName(), dot >= 0 ? name.substring(dot + 1) : name, formatMessage(r)));
            if (r.getThrown() != null) {
                StringWriter w = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(w));
                sb.append(w);
            }
            return sb.toString();
        }
    }
}

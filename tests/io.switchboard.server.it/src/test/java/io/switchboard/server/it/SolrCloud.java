package io.switchboard.server.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real SolrCloud cluster (ZooKeeper and Solr nodes, Solr's own MiniSolrCloudCluster) in a
 * process of its own, with the configset Switchboard ships, started from the tests'
 * {@code io.switchboard.solr.cloud} module: Solr's Lucene never meets the server's.
 */
final class SolrCloud implements AutoCloseable {

    private static final Path MODULE = Path.of(System.getProperty("user.dir"))
            .resolve("../io.switchboard.solr.cloud/target").normalize();
    static final Path CONFIGSET = Path.of(System.getProperty("user.dir"))
            .resolve("../../bundles/io.switchboard.cdr.search.solr/solr/conf").normalize();

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Path log;
    private final String urls;

    private SolrCloud(Process process, Path log) throws Exception {
        this.process = process;
        this.log = log;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("SOLR ") || line.startsWith("STOPPED") || line.startsWith("STARTED")) {
                        answers.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "solr-cloud-output");
        reader.setDaemon(true);
        reader.start();
        this.urls = await("SOLR ", 180).substring(5);
    }

    /** Starts the cluster and waits until its collection {@code cdr} is active on every shard. */
    static SolrCloud start(Path folder, int nodes, int shards) throws Exception {
        Files.createDirectories(folder);
        String classpath = MODULE.resolve("classes") + ":" + Files.readString(MODULE.resolve("classpath.txt")).trim();
        Path log = folder.resolve("solr.log");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-Dsolr.log.dir=" + folder.resolve("logs"), "-cp", classpath,
                "io.switchboard.solr.cloud.Main", folder.resolve("cluster").toString(), Integer.toString(nodes),
                CONFIGSET.toString(), "cdr", Integer.toString(shards))).redirectError(log.toFile()).start();
        return new SolrCloud(p, log);
    }

    /** @return the nodes' base URLs, comma-separated, as the server's setting takes them */
    String urls() {
        return urls;
    }

    /** Stops every Solr node (ZooKeeper stays up). */
    void stop() throws Exception {
        command("stop", "STOPPED");
    }

    /** Starts every node again on its port and waits until the collection is active. */
    void start() throws Exception {
        command("start", "STARTED");
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private void command(String command, String answer) throws Exception {
        commands.write(command + "\n");
        commands.flush();
        await(answer, 120);
    }

    private String await(String prefix, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = answers.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line == null && !process.isAlive()) {
                break;
            }
        }
        throw new AssertionError("Solr did not say " + prefix.trim() + " within " + seconds + " s:\n" + tail());
    }

    private String tail() throws IOException {
        String all = log();
        return all.length() > 6000 ? all.substring(all.length() - 6000) : all;
    }

    @Override
    public void close() throws Exception {
        commands.close(); // the end of its input shuts the cluster down
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

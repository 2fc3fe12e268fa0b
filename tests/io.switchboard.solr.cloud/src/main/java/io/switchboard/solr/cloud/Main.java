package io.switchboard.solr.cloud;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A SolrCloud cluster of real Solr nodes and ZooKeeper, for the tests: Solr's own
 * {@link MiniSolrCloudCluster}, in a JVM of its own so that Solr's Lucene never meets the server's.
 * Arguments: folder, nodes, configset folder, collection, shards. Prints {@code SOLR <url>,<url>}
 * once the collection is active, then obeys {@code stop} and {@code start} on standard input (all
 * nodes down, all up again on the same ports) and shuts down at the end of the input.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: Main FOLDER NODES CONFIGSET COLLECTION SHARDS");
            System.exit(2);
        }
        Path folder = Path.of(args[0]);
        int nodes = Integer.parseInt(args[1]);
        String collection = args[3];
        int shards = Integer.parseInt(args[4]);
        MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(nodes, folder)
                .addConfig("switchboard", Path.of(args[2])).build();
        try {
            CollectionAdminRequest.createCollection(collection, "switchboard", shards, 1)
                    .process(cluster.getSolrClient());
            cluster.waitForActiveCollection(collection, shards, shards);
            System.out.println("SOLR " + urls(cluster));
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                List<JettySolrRunner> jetties = List.copyOf(cluster.getJettySolrRunners());
                switch (line.trim()) {
                    case "stop" -> {
                        for (JettySolrRunner j : jetties) {
                            j.stop();
                        }
                        System.out.println("STOPPED");
                    }
                    case "start" -> {
                        for (JettySolrRunner j : jetties) {
                            j.start(); // the same port again
                        }
                        cluster.waitForAllNodes(60);
                        cluster.waitForActiveCollection(collection, shards, shards);
                        System.out.println("STARTED " + urls(cluster));
                    }
                    default -> System.out.println("UNKNOWN " + line);
                }
                System.out.flush();
            }
        } finally {
            cluster.shutdown();
        }
        System.exit(0);
    }

    private static String urls(MiniSolrCloudCluster cluster) {
        return cluster.getJettySolrRunners().stream().map(j -> j.getBaseUrl().toString())
                .collect(Collectors.joining(","));
    }
}

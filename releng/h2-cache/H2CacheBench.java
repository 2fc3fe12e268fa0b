import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * H2's page cache and the id's column type against insert speed: rows shaped like sb_cdr (33
 * columns, a growing sequence key and a unique, time-ordered id) in batches of 5,000 with a commit
 * each and WRITE_DELAY=0, as the CDR writer stores them, into a new file per variant
 * ({@code CACHE_KB:VARCHAR} or {@code CACHE_KB:UUID}). Run by releng/bench-h2-cache.sh.
 */
public class H2CacheBench {

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        String folder = args[1];
        for (int i = 2; i < args.length; i++) {
            String[] variant = args[i].split(":");
            run(Integer.parseInt(variant[0]), variant.length > 1 && variant[1].equalsIgnoreCase("UUID"), rows,
                    folder + "/variant" + i);
        }
    }

    private static void run(int cacheKb, boolean uuid, int rows, String file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file + ";WRITE_DELAY=0;CACHE_SIZE=" + cacheKb)) {
            StringBuilder cols = new StringBuilder("seq BIGINT AUTO_INCREMENT PRIMARY KEY, id "
                    + (uuid ? "UUID" : "VARCHAR(36)") + " NOT NULL UNIQUE");
            StringBuilder names = new StringBuilder("id");
            for (String[] kind : new String[][] { { "s", "VARCHAR(64)", "10" }, { "t", "TIMESTAMP WITH TIME ZONE", "4" },
                    { "n", "BIGINT", "3" }, { "d", "DOUBLE PRECISION", "8" }, { "e", "VARCHAR(16)", "6" } }) {
                for (int i = 0; i < Integer.parseInt(kind[2]); i++) {
                    cols.append(", ").append(kind[0]).append(i).append(' ').append(kind[1]);
                    names.append(", ").append(kind[0]).append(i);
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (" + cols + ")");
            }
            c.setAutoCommit(false);
            String insert = "INSERT INTO t (" + names + ") VALUES (?" + ", ?".repeat(31) + ")";
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                try (PreparedStatement p = c.prepareStatement(insert)) {
                    for (int i = 0; i < rows; i++) {
                        long k = round * (long) rows + i;
                        long ms = 1_700_000_000_000L + k * 10;
                        int j = 1;
                        // time first, as CdrTable.idOf makes it
                        String id = String.format("%08x-%04x-abcd-ef01-234567890abc", ms >>> 16, ms & 0xffff);
                        if (uuid) {
                            p.setObject(j++, UUID.fromString(id));
                        } else {
                            p.setString(j++, id);
                        }
                        for (int x = 0; x < 10; x++) {
                            p.setString(j++, "value-" + x + "-" + (k * 31 % 100_000));
                        }
                        for (int x = 0; x < 4; x++) {
                            p.setObject(j++, Instant.ofEpochMilli(ms + x).atOffset(ZoneOffset.UTC));
                        }
                        for (int x = 0; x < 3; x++) {
                            p.setLong(j++, k * x);
                        }
                        for (int x = 0; x < 8; x++) {
                            p.setDouble(j++, (k % 1000) / 7.0 + x);
                        }
                        for (int x = 0; x < 6; x++) {
                            p.setString(j++, "E" + (k % 5));
                        }
                        p.addBatch();
                        if ((i + 1) % 5000 == 0) {
                            p.executeBatch();
                            c.commit();
                        }
                    }
                }
                System.out.printf("CACHE_SIZE=%,7d KB  id %-7s  round %d (%,d rows before): %,8.0f rows/s%n",
                        cacheKb, uuid ? "UUID" : "VARCHAR", round, round * (long) rows, rows / ((System.nanoTime() - t0) / 1e9));
            }
        }
    }
}

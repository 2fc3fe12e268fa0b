package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPath;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import jdk.security.jarsigner.JarSigner;

/**
 * With {@code --plugin-signers}, a plugin runs only when signed by a certificate the admin put in
 * that folder: an unsigned plugin, one signed by a stranger and one altered after signing are
 * refused (installed, never resolved, the log says why); the same plugin signed by the trusted key
 * runs, and the plugin list names its signer. An unsigned plugin there at the start takes none of
 * the shipped bundles down, and it stays there while the trusted plugin runs. A settings file in the
 * plugins folder and a plugin in the settings folder are ignored, loudly. Keys are made with the
 * JDK's keytool, jars signed with its jarsigner API.
 */
class SignedPluginsIT {

    private static final String[] ADMIN = { "admin", "signed-plugins-it-secret" };
    private static final String PLUGIN = "acme-uk-dialplan";
    private static final String TAKEOVER = "taken-over-by-a-file-1";

    @TempDir
    Path base;

    @Test
    void onlyPluginsSignedByATrustedCertificateRun() throws Exception {
        Path keys = Files.createDirectories(base.resolve("keys-of-the-test"));
        KeyStore.PrivateKeyEntry vendor = keyPair(keys, "vendor", "CN=Acme Telecom Plugins,O=Acme Telecom");
        KeyStore.PrivateKeyEntry stranger = keyPair(keys, "stranger", "CN=Somebody Else");
        Path signers = Files.createDirectories(base.resolve("signers"));
        Files.writeString(signers.resolve("acme.pem"), pem(vendor.getCertificate()));

        Path sample = ServerProcess.sample("io.switchboard.sample.normalizer");
        Path unsigned = Files.copy(sample, keys.resolve("unsigned.jar"));
        Path strangers = sign(sample, stranger, keys.resolve("strangers.jar"));
        Path altered = alter(sign(sample, vendor, keys.resolve("signed-then-altered.jar")), keys.resolve("altered.jar"));
        Path trusted = sign(sample, vendor, keys.resolve("trusted.jar"));

        // there before the start: an unsigned plugin, and a settings file that would set the admin's password
        Path plugins = Files.createDirectories(base.resolve("plugins"));
        // another plugin than the one below: FileInstall updates a bundle of the same name and version
        Files.copy(ServerProcess.sample("io.switchboard.sample.pager"), plugins.resolve("there-at-start.jar"));
        Files.writeString(plugins.resolve("io.switchboard.mgmt.cfg"), ".adminPassword = " + TAKEOVER + "\n");
        Path settings = Files.createDirectories(base.resolve("etc"));
        Files.copy(trusted, settings.resolve("among-the-settings.jar"));

        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1],
                "SWITCHBOARD_PLUGIN_SIGNERS", signers.toString()))) {
            server.awaitOutput("Plugins must be signed by one of 1 certificate(s)");
            shippedBundlesRun(server);
            int builtIn = server.getJson("/plugins", ADMIN).size();
            misplacedFilesIgnored(server, settings);
            refused(server, builtIn, unsigned, "is not signed");
            refused(server, builtIn, strangers, "is signed by CN=Somebody Else, not a trusted signer");
            refused(server, builtIn, altered, "its signature does not match its content");

            Path deployed = Files.copy(trusted, server.plugins.resolve("acme-trusted.jar"));
            server.awaitOutput("Plugin acme-trusted.jar: signed by a trusted signer");
            JsonNode plugin = awaitPlugin(server, builtIn + 1);
            assertTrue(plugin.path("signer").asText().contains("CN=Acme Telecom Plugins"), plugin.toString());
            Files.delete(deployed);
        }
        // the folder of trusted signers holds no certificate: the server names it and does not start
        Path empty = Files.createDirectories(base.resolve("empty-signers"));
        Path other = Files.createDirectories(base.resolve("other"));
        try (ServerProcess server = ServerProcess.launch(other, ServerProcess.freePort(),
                Map.of("SWITCHBOARD_PLUGIN_SIGNERS", empty.toString()), List.of())) {
            assertEquals(2, server.waitForExit(60));
            assertTrue(server.output().contains("The plugin signers folder " + empty + " holds no certificate"),
                    server.output());
        }
    }

    /**
     * A refused plugin takes none of the server's own bundles down: it was installed by FileInstall's
     * first scan, before most of them started (43 of 140 ran when its refusal hid every resolved
     * bundle's capabilities from the resolver).
     */
    private static void shippedBundlesRun(ServerProcess server) throws Exception {
        String out = server.awaitOutput("Switchboard started in");
        assertTrue(out.contains("Plugin there-at-start.jar refused: "), out);
        int shipped = 0;
        for (JsonNode b : server.getJson("/status", ADMIN).path("bundles")) {
            if (b.path("location").asText().contains("/bundle/")) {
                shipped++;
                String expected = b.path("fragment").asBoolean() ? "RESOLVED" : "ACTIVE";
                assertEquals(expected, b.path("state").asText(), b + "\n" + out);
            } else if (b.path("location").asText().endsWith("there-at-start.jar")) {
                assertEquals("INSTALLED", b.path("state").asText(), "never resolved: " + b);
            }
        }
        assertTrue(shipped > 100, "the shipped bundles are listed: " + shipped);
        try (RawSip sip = new RawSip(5_000)) {
            assertEquals(200, sip.options(server.sipPort), "the switch answers SIP");
        }
    }

    /**
     * Settings come from the settings folder only and plugins from the plugins folder only: the
     * settings file among the plugins and the plugin among the settings are named and ignored, also
     * when they come while the server runs.
     */
    private static void misplacedFilesIgnored(ServerProcess server, Path settings) throws Exception {
        String out = server.output();
        assertTrue(out.contains(server.plugins.resolve("io.switchboard.mgmt.cfg") + " is ignored: settings are read "
                + "from the settings folder"), out);
        assertTrue(out.contains(settings.resolve("among-the-settings.jar") + " is ignored: plugins are installed from "
                + "the plugins folder"), out);
        Path later = Files.writeString(server.plugins.resolve("io.switchboard.sip.calling.cfg"),
                "callClass = premium\n");
        server.awaitOutput(later + " is ignored: settings are read from the settings folder");
        assertEquals(401, server.get("/status", new String[] { ADMIN[0], TAKEOVER }).statusCode(),
                "the password of the plugins folder's file is not the admin's");
        assertEquals(200, server.get("/status", ADMIN).statusCode(), "the admin's password is unchanged");
        for (JsonNode b : server.getJson("/status", ADMIN).path("bundles")) {
            assertFalse(b.path("location").asText().contains("among-the-settings"), "never installed: " + b);
        }
        // FileInstall names the file of each configuration it makes or changes
        assertFalse(server.output().contains("} from " + server.plugins), "no file of the plugins folder is a setting");
        Files.delete(later);
    }

    /** The plugin is dropped into plugins/, the log says why it is refused, and it never provides its service. */
    private static void refused(ServerProcess server, int builtIn, Path jar, String why) throws Exception {
        String name = jar.getFileName().toString().replace(".jar", "") + "-plugin.jar";
        Path deployed = Files.copy(jar, server.plugins.resolve(name));
        String out = server.awaitOutput("Plugin " + name + " refused");
        assertTrue(out.contains("Plugin " + name + " refused: ") && out.substring(out.indexOf("Plugin " + name))
                .lines().findFirst().orElseThrow().contains(why), why + "\n" + out);
        Thread.sleep(1_500); // FileInstall would have started it by now
        JsonNode plugins = server.getJson("/plugins", ADMIN);
        assertEquals(builtIn, plugins.size(), "the refused plugin provides nothing: " + plugins);
        JsonNode status = server.getJson("/status", ADMIN);
        for (JsonNode b : status.path("bundles")) {
            if (b.path("location").asText().endsWith(name) || b.path("symbolicName").asText()
                    .equals("io.switchboard.sample.normalizer")) {
                assertFalse(b.path("state").asText().equals("ACTIVE"), "never runs: " + b);
            }
        }
        Files.delete(deployed);
        Thread.sleep(1_500); // FileInstall uninstalls it before the next one comes
    }

    private static JsonNode awaitPlugin(ServerProcess server, int expected) throws Exception {
        for (int i = 0; i < 150; i++) {
            JsonNode plugins = server.getJson("/plugins", ADMIN);
            for (JsonNode p : plugins) {
                if (p.path("name").asText().equals(PLUGIN) && plugins.size() == expected) {
                    return p;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the signed plugin never came\n" + server.output());
    }

    private static KeyStore.PrivateKeyEntry keyPair(Path dir, String alias, String dname) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", alias, "-dname", dname,
                "-validity", "30", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return (KeyStore.PrivateKeyEntry) ks.getEntry(alias,
                new KeyStore.PasswordProtection("changeit".toCharArray()));
    }

    private static Path sign(Path jar, KeyStore.PrivateKeyEntry key, Path to) throws Exception {
        PrivateKey privateKey = key.getPrivateKey();
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(key.getCertificateChain()));
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream out = Files.newOutputStream(to)) {
            new JarSigner.Builder(privateKey, path).build().sign(in, out);
        }
        return to;
    }

    /** The signed jar with one class file's bytes changed, its signature files kept. */
    private static Path alter(Path signed, Path to) throws Exception {
        boolean changed = false;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(signed));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                byte[] bytes = in.readAllBytes();
                if (!changed && e.getName().endsWith(".class")) {
                    bytes[bytes.length - 1] ^= 1;
                    changed = true;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        assertTrue(changed, "a class altered");
        return to;
    }

    private static String pem(Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}

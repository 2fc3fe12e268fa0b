package io.switchboard.mgmt.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.osgi.framework.Bundle;

/**
 * Who signed a bundle, for the plugin list: the subject of the certificate that signed every class
 * of its jar, verified by the JDK as the jar is read; "" when it is unsigned, partly signed, or not
 * a jar file (built-in bundles of the runtime folder are listed as they are). Whether that signer is
 * trusted is the launcher's judgement ({@code --plugin-signers}); this only names it.
 */
final class BundleSigners {

    private final Map<String, String> byFile = new ConcurrentHashMap<>();

    String signer(Bundle bundle) {
        Path jar = file(bundle.getLocation());
        if (jar == null || !Files.isRegularFile(jar)) {
            return "";
        }
        try {
            String key = jar + "@" + Files.getLastModifiedTime(jar).toMillis();
            return byFile.computeIfAbsent(key, k -> read(jar));
        } catch (IOException gone) {
            return "";
        }
    }

    private static Path file(String location) {
        String uri = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        if (!uri.startsWith("file:")) {
            return null;
        }
        try {
            return Path.of(URI.create(uri));
        } catch (IllegalArgumentException notAPath) {
            return null;
        }
    }

    private static String read(Path jar) {
        String subject = null;
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null) {
                    return "";
                }
                Certificate first = signers[0].getSignerCertPath().getCertificates().get(0);
                String name = first instanceof X509Certificate x ? x.getSubjectX500Principal().getName() : first.getType();
                if (subject != null && !subject.equals(name)) {
                    return "";
                }
                subject = name;
            }
        } catch (IOException | SecurityException unreadableOrAltered) {
            return "";
        }
        return subject == null ? "" : subject;
    }
}

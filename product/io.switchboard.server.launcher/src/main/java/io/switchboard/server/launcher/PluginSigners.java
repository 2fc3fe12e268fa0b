package io.switchboard.server.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Signed plugins, when the admin asks for them ({@code --plugin-signers DIR}): a bundle installed
 * from the plugins folder resolves only when every file in it is signed by a certificate of that
 * folder, or by one such a certificate issued. An unsigned or altered plugin stays installed and
 * never runs, the log says why once, and the server's own bundles resolve as if it were not there.
 * The JDK's jar verification does the cryptography; the framework's own signer checks need a
 * security manager, which Java no longer has.
 */
final class PluginSigners implements ResolverHookFactory {

    private static final Logger LOG = System.getLogger(PluginSigners.class.getName());

    private final List<X509Certificate> trusted;
    private final Path plugins;
    /** Verdict per location and modification time: null when trusted, else why not. */
    private final Map<String, String> verdicts = new ConcurrentHashMap<>();

    private PluginSigners(List<X509Certificate> trusted, Path plugins) {
        this.trusted = trusted;
        this.plugins = plugins;
    }

    /** @throws IllegalArgumentException naming the folder when it holds no certificate that can be read */
    static PluginSigners of(Path folder, Path plugins) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory x509;
        try {
            x509 = CertificateFactory.getInstance("X.509");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.{pem,crt,cer}")) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (Certificate c : x509.generateCertificates(in)) {
                        certificates.add((X509Certificate) c);
                    }
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException("Plugin signer " + file + " is not a certificate: " + e.getMessage());
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("The plugin signers folder " + folder
                    + " holds no certificate (.pem, .crt or .cer)");
        }
        return new PluginSigners(List.copyOf(certificates), plugins);
    }

    List<X509Certificate> trusted() {
        return trusted;
    }

    /**
     * Refuses a plugin through the hook's two doors, each only where it is safe on Felix 7.0: a refused
     * plugin asked to resolve is taken out of the resolvable ones, and one that is not asked is never
     * offered as a provider nor given one. Felix keeps a list of what may resolve only once a hook takes
     * anything out of it, and that list holds only unresolved bundles: every capability of a resolved
     * bundle (the system bundle's packages and execution environment, Jetty's) then stops matching, so
     * a refused plugin taken out of every resolve left each shipped bundle started after it unresolved.
     */
    @Override
    public ResolverHook begin(Collection<BundleRevision> triggers) {
        Map<BundleRevision, Boolean> judged = new HashMap<>();
        Predicate<BundleRevision> refused = revision -> revision != null
                && !judged.computeIfAbsent(revision, r -> allowed(r.getBundle().getLocation()));
        List<BundleRevision> refusedTriggers = triggers.stream().filter(refused).toList();
        return new ResolverHook() {
            @Override
            public void filterResolvable(Collection<BundleRevision> candidates) {
                candidates.removeAll(refusedTriggers);
            }

            @Override
            public void filterSingletonCollisions(BundleCapability singleton,
                    Collection<BundleCapability> collisionCandidates) {
                // not judged here
            }

            @Override
            public void filterMatches(BundleRequirement requirement, Collection<BundleCapability> candidates) {
                if (refused.test(requirement.getRevision())) {
                    candidates.clear();
                } else {
                    candidates.removeIf(c -> refused.test(c.getRevision()));
                }
            }

            @Override
            public void end() {
                // nothing held
            }
        };
    }

    /** @return whether a bundle from this location may resolve: anything outside the plugins folder may */
    boolean allowed(String location) {
        Path jar = pluginFile(location);
        if (jar == null) {
            return true;
        }
        String key;
        try {
            key = jar + "@" + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException gone) {
            return false;
        }
        String why = verdicts.computeIfAbsent(key, k -> {
            String verdict = check(jar);
            if (!verdict.isEmpty()) {
                LOG.log(Level.WARNING, "Plugin " + jar.getFileName() + " refused: " + verdict
                        + " (plugins must be signed by a certificate of --plugin-signers)");
            } else {
                LOG.log(Level.INFO, "Plugin " + jar.getFileName() + ": signed by a trusted signer");
            }
            return verdict;
        });
        return why.isEmpty();
    }

    /** @return the plugin file of a location in the plugins folder, else null */
    private Path pluginFile(String location) {
        String uri = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        if (!uri.toLowerCase(Locale.ROOT).startsWith("file:")) {
            return null;
        }
        try {
            Path file = Path.of(URI.create(uri)).toAbsolutePath().normalize();
            return file.startsWith(plugins) ? file : null;
        } catch (IllegalArgumentException notAPath) {
            return null;
        }
    }

    /** @return "" when every entry is signed by a trusted signer, else the first reason it is not */
    String check(Path jar) {
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            int signed = 0;
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory() || signatureFile(entry.getName())) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    in.transferTo(OutputStream.nullOutputStream()); // reading to the end verifies the digest
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null) {
                    return entry.getName() + " is not signed";
                }
                if (!anyTrusted(signers)) {
                    return entry.getName() + " is signed by " + subject(signers[0]) + ", not a trusted signer";
                }
                signed++;
            }
            return signed == 0 ? "it holds nothing signed" : "";
        } catch (SecurityException e) {
            return "its signature does not match its content (" + e.getMessage() + ")";
        } catch (IOException e) {
            return "it cannot be read as a jar (" + e.getMessage() + ")";
        }
    }

    private boolean anyTrusted(CodeSigner[] signers) {
        for (CodeSigner signer : signers) {
            for (Certificate c : signer.getSignerCertPath().getCertificates()) {
                for (X509Certificate anchor : trusted) {
                    if (c.equals(anchor) || issuedBy(c, anchor)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean issuedBy(Certificate c, X509Certificate anchor) {
        if (!(c instanceof X509Certificate x) || !x.getIssuerX500Principal().equals(anchor.getSubjectX500Principal())) {
            return false;
        }
        try {
            x.verify(anchor.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String subject(CodeSigner signer) {
        Certificate first = signer.getSignerCertPath().getCertificates().get(0);
        return first instanceof X509Certificate x ? x.getSubjectX500Principal().getName() : first.getType();
    }

    private static boolean signatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.equals("META-INF/MANIFEST.MF") || upper.startsWith("META-INF/") && !upper.substring(9).contains("/")
                && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC")
                        || upper.startsWith("META-INF/SIG-"));
    }
}

package io.switchboard.server.launcher;

import java.nio.file.Path;
import java.util.Map;

/**
 * Command line and environment of the server. A command-line option wins over its environment
 * variable, which wins over the default; a bad value is named in the error.
 */
record Options(Path home, Path data, Path keys, Path plugins, Path conf, String httpHost, int httpPort, int sipPort,
        Tls tls, Path pluginSigners, String node) {

    /**
     * HTTPS of the management API.
     *
     * @param cert a PEM file of the certificate and its chain, or a PKCS#12 keystore (.p12, .pfx)
     * @param key the PEM file of the private key (PKCS#8), or null with a keystore
     * @param password the keystore's password, or null
     * @param httpAlso whether plain HTTP stays on beside HTTPS
     */
    record Tls(Path cert, Path key, String password, int port, boolean httpAlso) {
    }

    static final String USAGE = """
            Usage: switchboard-server [options]
              --data DIR        data folder: database, index, logs   (SWITCHBOARD_DATA, default ./data)
              --keys DIR        the key of stored secrets            (SWITCHBOARD_KEYS, default DATA/keys);
                                elsewhere, one backup of data holds no key to it
              --plugins DIR     plugin bundles and their .cfg files  (SWITCHBOARD_PLUGINS, default ./plugins)
              --plugin-signers DIR  plugins must be signed by a certificate in DIR (.pem, .crt, .cer)
                                (SWITCHBOARD_PLUGIN_SIGNERS, default: unsigned plugins run)
              --conf DIR        .cfg settings, watched while running (SWITCHBOARD_CONF, default ./etc)
              --http-host HOST  management API address               (SWITCHBOARD_HTTP_HOST, default 127.0.0.1)
              --http-port PORT  management API port                  (SWITCHBOARD_HTTP_PORT, default 8080)
              --sip-port PORT   SIP port, UDP and TCP                (SWITCHBOARD_SIP_PORT, default 5060)
              --node NAME       this server's name among those on one database
                                (SWITCHBOARD_NODE, default the host's name)
              --tls-cert FILE   HTTPS for the API: certificate chain (SWITCHBOARD_TLS_CERT), PEM,
                                or a PKCS#12 keystore with SWITCHBOARD_TLS_PASSWORD
              --tls-key FILE    its private key, PEM (PKCS#8)        (SWITCHBOARD_TLS_KEY)
              --https-port PORT management API port over HTTPS       (SWITCHBOARD_HTTPS_PORT, default 8443)
              --http-also       keep plain HTTP on beside HTTPS      (SWITCHBOARD_HTTP_ALSO=true)
              --help            this text
            """;

    static Options parse(String[] args, Map<String, String> env, Path home) {
        String data = env.getOrDefault("SWITCHBOARD_DATA", "data");
        String keys = env.get("SWITCHBOARD_KEYS");
        String plugins = env.getOrDefault("SWITCHBOARD_PLUGINS", "plugins");
        String conf = env.getOrDefault("SWITCHBOARD_CONF", "etc");
        String signers = env.get("SWITCHBOARD_PLUGIN_SIGNERS");
        String host = env.getOrDefault("SWITCHBOARD_HTTP_HOST", "127.0.0.1");
        String port = env.getOrDefault("SWITCHBOARD_HTTP_PORT", "8080");
        String sipPort = env.getOrDefault("SWITCHBOARD_SIP_PORT", "5060");
        String cert = env.get("SWITCHBOARD_TLS_CERT");
        String key = env.get("SWITCHBOARD_TLS_KEY");
        String httpsPort = env.getOrDefault("SWITCHBOARD_HTTPS_PORT", "8443");
        boolean httpAlso = Boolean.parseBoolean(env.getOrDefault("SWITCHBOARD_HTTP_ALSO", "false"));
        String node = env.get("SWITCHBOARD_NODE");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data" -> data = value(args, ++i, arg);
                case "--keys" -> keys = value(args, ++i, arg);
                case "--plugins" -> plugins = value(args, ++i, arg);
                case "--conf" -> conf = value(args, ++i, arg);
                case "--plugin-signers" -> signers = value(args, ++i, arg);
                case "--http-host" -> host = value(args, ++i, arg);
                case "--http-port" -> port = value(args, ++i, arg);
                case "--sip-port" -> sipPort = value(args, ++i, arg);
                case "--tls-cert" -> cert = value(args, ++i, arg);
                case "--tls-key" -> key = value(args, ++i, arg);
                case "--https-port" -> httpsPort = value(args, ++i, arg);
                case "--http-also" -> httpAlso = true;
                case "--node" -> node = value(args, ++i, arg);
                default -> throw new IllegalArgumentException("Unknown option '" + arg + "'");
            }
        }
        if (key != null && cert == null) {
            throw new IllegalArgumentException("A private key (--tls-key or SWITCHBOARD_TLS_KEY) needs its certificate "
                    + "(--tls-cert or SWITCHBOARD_TLS_CERT)");
        }
        if (node != null && !node.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("Invalid server name '" + node + "' (--node or SWITCHBOARD_NODE): 1 to "
                    + "64 of letters, digits, . _ -");
        }
        Tls tls = cert == null ? null : new Tls(abs(cert), key == null ? null : abs(key),
                env.get("SWITCHBOARD_TLS_PASSWORD"), port(httpsPort, "HTTPS", "--https-port or SWITCHBOARD_HTTPS_PORT"),
                httpAlso);
        return new Options(home, abs(data), keys == null ? abs(data).resolve("keys") : abs(keys), abs(plugins), abs(conf), host,
                port(port, "HTTP", "--http-port or SWITCHBOARD_HTTP_PORT"),
                port(sipPort, "SIP", "--sip-port or SWITCHBOARD_SIP_PORT"), tls,
                signers == null || signers.isBlank() ? null : abs(signers), node);
    }

    /** @return whether the API answers plain HTTP: without a certificate, or when told to keep it beside HTTPS */
    boolean plainHttp() {
        return tls == null || tls.httpAlso();
    }

    private static int port(String text, String what, String where) {
        int port;
        try {
            port = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Invalid " + what + " port '" + text + "' (" + where
                    + "): a number from 1 to 65535");
        }
        return port;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException("Option " + option + " needs a value");
        }
        return args[i];
    }

    private static Path abs(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }
}

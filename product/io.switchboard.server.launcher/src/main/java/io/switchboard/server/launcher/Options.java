package io.switchboard.server.launcher;

import java.nio.file.Path;
import java.util.Map;

/**
 * Command line and environment of the server. A command-line option wins over its environment
 * variable, which wins over the default; a bad value is named in the error.
 */
record Options(Path home, Path data, Path keys, Path plugins, Path conf, String httpHost, int httpPort, int sipPort) {

    static final String USAGE = """
            Usage: switchboard-server [options]
              --data DIR        data folder: database, index, logs   (SWITCHBOARD_DATA, default ./data)
              --keys DIR        the key of stored secrets            (SWITCHBOARD_KEYS, default DATA/keys);
                                elsewhere, one backup of data holds no key to it
              --plugins DIR     plugin bundles and their .cfg files  (SWITCHBOARD_PLUGINS, default ./plugins)
              --conf DIR        .cfg settings, watched while running (SWITCHBOARD_CONF, default ./etc)
              --http-host HOST  management API address               (SWITCHBOARD_HTTP_HOST, default 127.0.0.1)
              --http-port PORT  management API port                  (SWITCHBOARD_HTTP_PORT, default 8080)
              --sip-port PORT   SIP port, UDP and TCP                (SWITCHBOARD_SIP_PORT, default 5060)
              --help            this text
            """;

    static Options parse(String[] args, Map<String, String> env, Path home) {
        String data = env.getOrDefault("SWITCHBOARD_DATA", "data");
        String keys = env.get("SWITCHBOARD_KEYS");
        String plugins = env.getOrDefault("SWITCHBOARD_PLUGINS", "plugins");
        String conf = env.getOrDefault("SWITCHBOARD_CONF", "etc");
        String host = env.getOrDefault("SWITCHBOARD_HTTP_HOST", "127.0.0.1");
        String port = env.getOrDefault("SWITCHBOARD_HTTP_PORT", "8080");
        String sipPort = env.getOrDefault("SWITCHBOARD_SIP_PORT", "5060");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data" -> data = value(args, ++i, arg);
                case "--keys" -> keys = value(args, ++i, arg);
                case "--plugins" -> plugins = value(args, ++i, arg);
                case "--conf" -> conf = value(args, ++i, arg);
                case "--http-host" -> host = value(args, ++i, arg);
                case "--http-port" -> port = value(args, ++i, arg);
                case "--sip-port" -> sipPort = value(args, ++i, arg);
                default -> throw new IllegalArgumentException("Unknown option '" + arg + "'");
            }
        }
        return new Options(home, abs(data), keys == null ? abs(data).resolve("keys") : abs(keys), abs(plugins), abs(conf), host,
                port(port, "HTTP", "--http-port or SWITCHBOARD_HTTP_PORT"),
                port(sipPort, "SIP", "--sip-port or SWITCHBOARD_SIP_PORT"));
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

package io.switchboard.server.launcher;

import java.nio.file.Path;
import java.util.Map;

/**
 * Command line and environment of the server. A command-line option wins over its environment
 * variable, which wins over the default; a bad value is named in the error.
 */
record Options(Path home, Path data, Path plugins, Path conf, String httpHost, int httpPort) {

    static final String USAGE = """
            Usage: switchboard-server [options]
              --data DIR        data folder: database, index, logs   (SWITCHBOARD_DATA, default ./data)
              --plugins DIR     plugin bundles and their .cfg files  (SWITCHBOARD_PLUGINS, default ./plugins)
              --conf DIR        .cfg settings, watched while running (SWITCHBOARD_CONF, default ./etc)
              --http-host HOST  management API address               (SWITCHBOARD_HTTP_HOST, default 127.0.0.1)
              --http-port PORT  management API port                  (SWITCHBOARD_HTTP_PORT, default 8080)
              --help            this text
            """;

    static Options parse(String[] args, Map<String, String> env, Path home) {
        String data = env.getOrDefault("SWITCHBOARD_DATA", "data");
        String plugins = env.getOrDefault("SWITCHBOARD_PLUGINS", "plugins");
        String conf = env.getOrDefault("SWITCHBOARD_CONF", "etc");
        String host = env.getOrDefault("SWITCHBOARD_HTTP_HOST", "127.0.0.1");
        String port = env.getOrDefault("SWITCHBOARD_HTTP_PORT", "8080");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data" -> data = value(args, ++i, arg);
                case "--plugins" -> plugins = value(args, ++i, arg);
                case "--conf" -> conf = value(args, ++i, arg);
                case "--http-host" -> host = value(args, ++i, arg);
                case "--http-port" -> port = value(args, ++i, arg);
                default -> throw new IllegalArgumentException("Unknown option '" + arg + "'");
            }
        }
        int httpPort;
        try {
            httpPort = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            httpPort = -1;
        }
        if (httpPort < 1 || httpPort > 65535) {
            throw new IllegalArgumentException("Invalid HTTP port '" + port
                    + "' (--http-port or SWITCHBOARD_HTTP_PORT): a number from 1 to 65535");
        }
        return new Options(home, abs(data), abs(plugins), abs(conf), host, httpPort);
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

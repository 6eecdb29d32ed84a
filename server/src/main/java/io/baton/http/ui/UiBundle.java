package io.baton.http.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The files of a built UI, read into memory once: the bundle packed into the server jar (classpath folder
 * {@code baton-ui/}) or another one in a directory. Text files have the base-path placeholder replaced with the
 * serve base, as Prefect does when it copies its bundle, so one build works under any base path.
 */
final class UiBundle {

    static final String CLASSPATH_ROOT = "baton-ui/";
    static final String SERVE_BASE_PLACEHOLDER = "/PREFECT_UI_SERVE_BASE_REPLACE_PLACEHOLDER";
    private static final Set<String> REPLACED_EXTENSIONS = Set.of("txt", "html", "css", "js", "json");

    private final Map<String, UiAsset> assets;

    private UiBundle(Map<String, UiAsset> assets) {
        this.assets = Map.copyOf(assets);
    }

    /** The asset at a request path relative to the serve base ({@code /} is the index page). */
    UiAsset get(String path) {
        return assets.get(path.equals("/") || path.isEmpty() ? "/index.html" : path);
    }

    UiAsset index() {
        return assets.get("/index.html");
    }

    boolean isEmpty() {
        return index() == null;
    }

    int size() {
        return assets.size();
    }

    static UiBundle empty() {
        return new UiBundle(Map.of());
    }

    static UiBundle fromDirectory(Path root, String serveBase) {
        Map<String, UiAsset> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String path = "/" + root.relativize(file).toString().replace('\\', '/');
                files.put(path, asset(path, Files.readAllBytes(file), serveBase));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the UI bundle in " + root, e);
        }
        return new UiBundle(files);
    }

    /** The bundle packed into the jar; empty when the build left it out (for example a server-only build). */
    static UiBundle fromClasspath(ClassLoader loader, String serveBase) {
        URL index = loader.getResource(CLASSPATH_ROOT + "index.html");
        if (index == null) {
            return empty();
        }
        try {
            if ("jar".equals(index.getProtocol())) {
                return fromJar(((JarURLConnection) index.openConnection()).getJarFileURL(), serveBase);
            }
            return fromDirectory(Path.of(index.toURI()).getParent(), serveBase);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the UI bundle from " + index, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UiBundle fromJar(URL jarUrl, String serveBase) throws IOException {
        Map<String, UiAsset> files = new HashMap<>();
        try (JarFile jar = new JarFile(toPath(jarUrl).toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().startsWith(CLASSPATH_ROOT)) {
                    continue;
                }
                String path = "/" + entry.getName().substring(CLASSPATH_ROOT.length());
                try (InputStream in = jar.getInputStream(entry)) {
                    files.put(path, asset(path, in.readAllBytes(), serveBase));
                }
            }
        }
        return new UiBundle(files);
    }

    private static Path toPath(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UiAsset asset(String path, byte[] bytes, String serveBase) {
        return new UiAsset(path, withServeBase(path, bytes, serveBase));
    }

    static byte[] withServeBase(String path, byte[] bytes, String serveBase) {
        int dot = path.lastIndexOf('.');
        String ext = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!REPLACED_EXTENSIONS.contains(ext)) {
            return bytes;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.contains(SERVE_BASE_PLACEHOLDER)) {
            return bytes;
        }
        return text.replace(SERVE_BASE_PLACEHOLDER, serveBase).getBytes(StandardCharsets.UTF_8);
    }
}

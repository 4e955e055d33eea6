package io.javalived.vrrp.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The in-memory twin of {@link FileWatcher}: files are strings by path, {@link #write} and {@link #delete} tell the
 * followers at once (on the caller's thread); directories exist unless {@link #removeDirectory} said otherwise.
 */
public final class InMemoryFiles implements FileWatcher {
    private record Followed(Path file, Consumer<String> changed) {}

    private final Map<Path, String> files = new ConcurrentHashMap<>();
    private final Set<Path> missingDirectories = ConcurrentHashMap.newKeySet();
    private final List<Followed> followed = new CopyOnWriteArrayList<>();

    /** Writes (and closes) the file: the followers read {@code content}. */
    public void write(Path path, String content) {
        files.put(path, content);
        tell(path, content);
    }

    public void delete(Path path) {
        files.remove(path);
        tell(path, "");
    }

    public void removeDirectory(Path dir) {
        missingDirectories.add(dir);
    }

    /** What the file holds now (null: absent). */
    public String content(Path path) {
        return files.get(path);
    }

    private void tell(Path path, String content) {
        followed.stream().filter(f -> f.file().equals(path)).forEach(f -> f.changed().accept(content));
    }

    @Override
    public Subscription follow(Path path, Consumer<String> changed) {
        if (!canFollow(path)) throw new NetworkActionException("the directory of " + path + " does not exist");
        Followed f = new Followed(path, changed);
        followed.add(f);
        return () -> followed.remove(f);
    }

    @Override
    public boolean canFollow(Path path) {
        return path.getParent() == null || !missingDirectories.contains(path.getParent());
    }

    @Override
    public String read(Path path) {
        return files.getOrDefault(path, "");
    }

    @Override
    public void initialise(Path path, int value, boolean overwrite) {
        if (files.containsKey(path) && !overwrite) return;
        files.put(path, value + "\n");
    }
}

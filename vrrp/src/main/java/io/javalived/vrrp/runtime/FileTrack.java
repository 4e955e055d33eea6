package io.javalived.vrrp.runtime;

import io.javalived.vrrp.track.TrackerWeight;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A track_file entry joined with its {@code track_file} block: the file, the weight (value times weight is added to
 * the priority; weight 0: a non-zero value is FAULT) and the block's {@code init_file}.
 */
public record FileTrack(String name, Path path, TrackerWeight weight, Optional<InitFile> init) {
    /** {@code init_file [VALUE] [overwrite]}: the file is written with VALUE at start when missing (or always). */
    public record InitFile(int value, boolean overwrite) {}
}

package org.borderedge.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A site file that cannot be used; the message names the file, each field and the reason. */
public final class SiteFileException extends Exception {

    private static final long serialVersionUID = 1L;

    /** One thing wrong: JSON path of the field and why. */
    public record Problem(String path, String reason) {
    }

    private final transient Path file;
    private final transient List<Problem> problems;

    public SiteFileException(Path file, List<Problem> problems) {
        super(problems.stream().map(p -> "site file " + file + ": " + p.path() + ": " + p.reason())
                .collect(Collectors.joining(System.lineSeparator())));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public Path file() {
        return file;
    }

    public List<Problem> problems() {
        return problems;
    }
}

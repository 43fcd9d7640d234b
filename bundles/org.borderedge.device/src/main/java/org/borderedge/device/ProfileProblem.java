package org.borderedge.device;

/** Why a profile file was refused: the file, the JSON path inside it, the reason. */
public record ProfileProblem(String file, String path, String reason) {

    @Override
    public String toString() {
        return file + ": " + path + ": " + reason;
    }
}

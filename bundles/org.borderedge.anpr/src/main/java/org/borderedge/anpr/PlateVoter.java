package org.borderedge.anpr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.borderedge.core.Plate;

/**
 * Votes over the plates read in consecutive frames of one vehicle. Reads of the most supported length and
 * format vote character by character, weighted by confidence, so a different single misread in each frame
 * still gives the right plate. Not thread-safe: one voter per vehicle pass, fed by one camera thread.
 */
public final class PlateVoter {

    /**
     * @param plate      the voted plate
     * @param confidence 0..1: how sure the reads were and how much they agreed
     * @param support    reads that agree with the voted plate exactly
     * @param reads      reads offered in total (frames with no plate do not count)
     */
    public record Vote(Plate plate, double confidence, int support, int reads) {
    }

    private record Read(Plate plate, double confidence) {
    }

    private final List<Read> reads = new ArrayList<>();

    public void offer(Plate plate, double confidence) {
        if (plate != null && confidence > 0) {
            reads.add(new Read(plate, Math.min(1, confidence)));
        }
    }

    /** Offers the most confident plate of a frame, if it has one. */
    public void offer(Recognition recognition) {
        recognition.plates().stream().findFirst().ifPresent(p -> offer(p.plate(), p.confidence()));
    }

    public Optional<Vote> result() {
        if (reads.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> groupWeight = new HashMap<>();
        double all = 0;
        for (Read r : reads) {
            groupWeight.merge(group(r.plate()), r.confidence(), Double::sum);
            all += r.confidence();
        }
        String best = groupWeight.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<Read> members = reads.stream().filter(r -> group(r.plate()).equals(best)).toList();
        int length = members.get(0).plate().text().length();
        StringBuilder voted = new StringBuilder();
        double agreement = 1;
        for (int i = 0; i < length; i++) {
            Map<Character, Double> votes = new HashMap<>();
            for (Read r : members) {
                votes.merge(r.plate().text().charAt(i), r.confidence(), Double::sum);
            }
            Map.Entry<Character, Double> winner = votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            voted.append(winner.getKey());
            agreement = Math.min(agreement, winner.getValue() / groupWeight.get(best));
        }
        Plate plate = Plate.of(voted.toString());
        int support = (int) reads.stream().filter(r -> r.plate().text().equals(plate.text())).count();
        double meanConfidence = groupWeight.get(best) / members.size();
        double confidence = meanConfidence * agreement * (groupWeight.get(best) / all);
        return Optional.of(new Vote(plate, confidence, support, reads.size()));
    }

    /** Reads of different lengths or formats are different plates (or a truncated read) and never mix. */
    private static String group(Plate p) {
        return p.format() + "/" + p.text().length();
    }

    public void reset() {
        reads.clear();
    }
}

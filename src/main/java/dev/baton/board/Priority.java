package dev.baton.board;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/** Priorities of the seed's queue. */
public enum Priority {
  LOW,
  MED,
  HIGH;

  public static Optional<Priority> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    switch (text) {
      case "LOW":
        return Optional.of(LOW);
      case "MED":
        return Optional.of(MED);
      case "HIGH":
        return Optional.of(HIGH);
      default:
        break;
    }
    String t =
        Normalizer.normalize(text, Normalizer.Form.NFD)
            .replaceAll("\\p{M}+", "")
            .toUpperCase(Locale.ROOT)
            .replaceAll("[^A-Z0-9]+", "");
    return switch (t) {
      case "LOW", "L", "BASSE", "BAS", "P3", "P2" -> Optional.of(LOW);
      case "MED", "MEDIUM", "M", "MOYENNE", "MOYEN", "NORMAL", "P1" -> Optional.of(MED);
      case "HIGH", "H", "HAUTE", "HAUT", "URGENT", "CRITICAL", "P0" -> Optional.of(HIGH);
      default -> Optional.empty();
    };
  }
}

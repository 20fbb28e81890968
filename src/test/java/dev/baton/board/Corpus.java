package dev.baton.board;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Realistic boards kept as test resources, read as exact bytes. */
final class Corpus {

  static final List<String> NAMES =
      List.of(
          "seed-like.md",
          "crlf.md",
          "messy.md",
          "extra-columns.md",
          "log-before-queue.md",
          "one-row.md",
          "empty-tables.md",
          "fenced-example.md");

  private Corpus() {}

  static String read(String name) {
    try (InputStream in = Corpus.class.getResourceAsStream("/board/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no corpus file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lines of a text with their endings, so that a diff can show which lines changed. */
  static List<String> linesWithEndings(String text) {
    return List.of(text.split("(?<=\n)", -1)).stream().filter(s -> !s.isEmpty()).toList();
  }
}

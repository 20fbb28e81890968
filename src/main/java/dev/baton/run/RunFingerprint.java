package dev.baton.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * What makes two requests "the same request": the text with line endings, blank lines, indentation
 * and runs of spaces normalised away. A restart typed again with the same words then finds its run
 * instead of starting a copy.
 */
public final class RunFingerprint {
  private RunFingerprint() {}

  public static String of(String request) {
    String text = Normalizer.normalize(request == null ? "" : request, Normalizer.Form.NFC);
    String normal =
        text.replace("\r\n", "\n")
            .replace('\r', '\n')
            .lines()
            .map(l -> l.strip().replaceAll("\\s+", " "))
            .filter(l -> !l.isEmpty())
            .collect(Collectors.joining("\n"));
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}

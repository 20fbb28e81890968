package dev.baton.cli;

import dev.baton.request.RequestParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The request of a run: words on the command line or a file, not both. */
public class RequestInput {
  @Parameters(
      paramLabel = "REQUEST",
      arity = "0..*",
      description = "What the agents should do (free text or a Markdown list).")
  List<String> words;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "Read the request from this file.")
  Path file;

  /**
   * A word that looks like an option ({@code --frobnicate}, {@code -x}, {@code --poll=5s}) is an
   * option this command does not know, not part of the request: picocli passes unknown options on
   * as words here because a request may be a Markdown list ("- Write the parser"), which must not
   * be refused.
   */
  private static final Pattern OPTION_LIKE = Pattern.compile("--?[A-Za-z][A-Za-z0-9.-]*(=\\S*)?");

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  String text() {
    if (words != null) {
      for (String word : words) {
        if (OPTION_LIKE.matcher(word).matches()) {
          String name = command == null ? "" : command.name() + " ";
          throw new CliFailure(
              ExitCodes.USAGE,
              "unknown option '"
                  + word
                  + "' (see 'baton "
                  + name
                  + "--help'); if it belongs to the request, quote the whole request");
        }
      }
    }
    boolean hasWords = words != null && !words.isEmpty();
    if (hasWords && file != null) {
      throw new CliFailure(
          ExitCodes.USAGE, "give the request either as text or with --file, not both");
    }
    String text;
    if (file != null) {
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "cannot read the request file " + file + " (" + e.getClass().getSimpleName() + ")");
      }
    } else {
      text = hasWords ? String.join(" ", words) : "";
    }
    if (text.isBlank()) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "the request is empty: say what the agents should do, as text or with --file");
    }
    try {
      // the decompose step's own check, before anything starts: too many tasks, a dependency on
      // nothing, a cycle
      new RequestParser().parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, (file != null ? file + ": " : "") + e.getMessage());
    }
    return text;
  }
}
